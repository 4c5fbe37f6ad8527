/** Certifications that expire (R-CERT-1, 004 §2(3)): who is offered work, who is left out and why. */
import { certificationOn, expiringWithin } from '../../shared/dispatch/certification';
import { rankCandidates, type EngineerProfile } from '../../shared/dispatch/ranking';

const eng = (engineerId: string, certifications: EngineerProfile['certifications']): EngineerProfile => ({
  engineerId,
  name: engineerId,
  active: true,
  regions: ['east'],
  skills: ['ups'],
  certifications,
});
const DAY = '2026-12-02';

describe('R-CERT-1 certifications', () => {
  it('R-CERT-1 a certification is valid through its last day; an expired or missing one says why', () => {
    const held = [{ productLine: 'ups', validUntil: '2026-12-02' }];
    expect(certificationOn(held, 'ups', DAY)).toEqual({ valid: true, validUntil: '2026-12-02' });
    expect(certificationOn(held, 'ups', '2026-12-03')).toEqual({
      valid: false,
      reason: 'certification for ups expired 2026-12-02',
    });
    expect(certificationOn(['ups'], 'ups', DAY)).toEqual({ valid: true }); // recorded before expiry dates existed
    expect(certificationOn([], 'ups', DAY)).toEqual({ valid: false, reason: 'no certification for ups' });
    // A renewal alongside the old one counts.
    expect(
      certificationOn([...held, { productLine: 'ups', validUntil: '2028-01-01' }], 'ups', '2027-05-01').valid,
    ).toBe(true);
    expect(
      expiringWithin([...held, 'ups', { productLine: 'wind', validUntil: '2027-03-01' }], DAY, '2027-01-01'),
    ).toEqual(held);
  });

  it('R-CERT-1 R-DISPATCH-1 where the line requires it, only validly certified engineers are offered; the others are listed with the reason', () => {
    const engineers = [
      eng('E-EXPIRED', [{ productLine: 'ups', validUntil: '2026-11-30' }]),
      eng('E-NONE', []),
      eng('E-VALID', [{ productLine: 'ups', validUntil: '2027-06-30' }]),
    ];
    const ranked = rankCandidates(
      engineers,
      { region: 'east', productLine: 'ups', certificationRequired: true, day: DAY },
      {},
    );
    expect(ranked.map((c) => [c.engineerId, c.notOffered ?? null])).toEqual([
      ['E-VALID', null],
      ['E-EXPIRED', 'certification for ups expired 2026-11-30'],
      ['E-NONE', 'no certification for ups'],
    ]);
    expect(ranked[0]).toMatchObject({ certified: true, certifiedUntil: '2027-06-30' });
    // A line that does not require it still offers the skilled, certified first.
    const open = rankCandidates(engineers, { region: 'east', productLine: 'ups', day: DAY }, {});
    expect(open.map((c) => c.engineerId)).toEqual(['E-VALID', 'E-EXPIRED', 'E-NONE']);
    expect(open.every((c) => !c.notOffered)).toBe(true);
  });
});
