import { decideEntitlement } from '../../shared/serviceRequest/entitlement';
import { rankCandidates, type EngineerProfile } from '../../shared/dispatch/ranking';

describe('R-INTAKE-6 entitlement', () => {
  const contract = { contractNo: 'SC-1', start: '2026-01-01', end: '2026-12-31' };
  it('is free while the warranty runs, including its last day', () => {
    expect(decideEntitlement('fault_repair', { warrantyEnd: '2026-11-22' }, undefined, '2026-11-22').entitlement).toBe(
      'free',
    );
  });
  it('falls back to a valid service contract after the warranty', () => {
    const r = decideEntitlement('fault_repair', { warrantyEnd: '2025-01-01' }, contract, '2026-11-22');
    expect(r).toEqual({ entitlement: 'contract', reason: 'service contract SC-1 valid until 2026-12-31' });
  });
  it('is paid when warranty and contract have both ended, and says why', () => {
    const r = decideEntitlement('fault_repair', { warrantyEnd: '2025-01-01' }, contract, '2027-01-05');
    expect(r.entitlement).toBe('paid');
    expect(r.reason).toContain('contract SC-1 not valid on 2027-01-05');
  });
  it('R-FOLLOW-3 a recurrence within the warranty on the earlier work is free, after it the usual rules apply', () => {
    const earlier = { requestNo: 'SR-20261001-0004', workWarrantyUntil: '2026-12-30' };
    const within = decideEntitlement('fault_repair', { warrantyEnd: '2020-01-01' }, undefined, '2026-12-30', earlier);
    expect(within.entitlement).toBe('free');
    expect(within.reason).toContain('SR-20261001-0004 (until 2026-12-30)');
    expect(
      decideEntitlement('fault_repair', { warrantyEnd: '2020-01-01' }, undefined, '2026-12-31', earlier).entitlement,
    ).toBe('paid');
  });
  it('treats a consultation as other, whatever the warranty', () => {
    expect(decideEntitlement('consultation', { warrantyEnd: '2030-01-01' }, undefined, '2026-11-22').entitlement).toBe(
      'other',
    );
  });
});

describe('R-DISPATCH-1 candidate ranking', () => {
  const eng = (id: string, over: Partial<EngineerProfile> = {}): EngineerProfile => ({
    engineerId: id,
    name: id,
    active: true,
    regions: ['east'],
    skills: ['ups'],
    certifications: [],
    ...over,
  });
  it('keeps only active engineers serving the region with the product skill', () => {
    const ranked = rankCandidates(
      [eng('A'), eng('B', { regions: ['north'] }), eng('C', { skills: ['solar'] }), eng('D', { active: false })],
      { region: 'east', productLine: 'ups' },
      {},
    );
    expect(ranked.map((c) => c.engineerId)).toEqual(['A']);
  });
  it('prefers certified engineers, then the lighter workload, then a stable id order', () => {
    const ranked = rankCandidates(
      [eng('A'), eng('B', { certifications: ['ups'] }), eng('C'), eng('D')],
      { region: 'east', productLine: 'ups' },
      { B: 1, A: 2, C: 0, D: 0 },
    );
    expect(ranked.map((c) => c.engineerId)).toEqual(['B', 'C', 'D', 'A']);
    expect(ranked[0]).toMatchObject({ certified: true, openRequests: 1 });
  });
  it('lets heavy workload outweigh certification', () => {
    const ranked = rankCandidates(
      [eng('A', { certifications: ['ups'] }), eng('B')],
      { region: 'east', productLine: 'ups' },
      { A: 6 },
    );
    expect(ranked.map((c) => c.engineerId)).toEqual(['B', 'A']);
  });
});
