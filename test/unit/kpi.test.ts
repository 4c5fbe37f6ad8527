/** KPI arithmetic on a small known data set (R-RECORD-3). */
import { addToMonth, DEFAULT_TARGETS, emptyMonth, kpisOf, type RequestFact } from '../../shared/kpi/facts';

const fact = (ref: string, over: Partial<RequestFact> = {}): RequestFact => ({
  type: 'request',
  ref,
  month: '2026-11',
  region: 'east',
  engineerId: 'ENG-001',
  productLine: 'solar-water-heater',
  responseMs: 20 * 60_000,
  dispatchMs: 60 * 60_000,
  arrivalMet: true,
  repairMs: 2 * 3_600_000,
  visits: 1,
  solved: true,
  satisfaction: 9,
  ...over,
});

describe('R-RECORD-3 KPIs', () => {
  it('R-RECORD-3 averages, shares and counts against their targets, overall and per dimension', () => {
    const m = emptyMonth();
    const dims = (f: RequestFact) => ({ region: f.region, engineerId: f.engineerId, productLine: f.productLine });
    for (const f of [
      fact('A'),
      fact('B', { responseMs: 40 * 60_000, repairMs: 4 * 3_600_000, arrivalMet: false, visits: 2, satisfaction: 6 }),
      fact('C', {
        engineerId: 'ENG-002',
        region: 'north',
        solved: false,
        satisfaction: undefined,
        repairMs: undefined,
      }),
    ])
      addToMonth(m, f, dims(f));
    addToMonth(m, { type: 'complaint', ref: 'CP-1', month: '2026-11' }, {});
    addToMonth(m, { type: 'adopted', ref: 'IA-1', month: '2026-11' }, {});
    addToMonth(m, { type: 'recurrence', ref: 'A', month: '2026-11', by: 'D' }, dims(fact('A')));

    const k = kpisOf(m.all, DEFAULT_TARGETS);
    expect(k.requests).toBe(3);
    expect(k.responseMinutes).toEqual({ value: 26.67, target: 30, met: true }); // (20 + 40 + 20) / 3
    expect(k.repairHours).toEqual({ value: 3, target: 2.5, met: false }); // (2 + 4) / 2
    expect(k.arrivalOnTimeShare.value).toBe(0.667);
    expect(k.solvedShare).toEqual({ value: 0.667, target: 0.95, met: false });
    expect(k.firstTimeFixShare.value).toBe(0); // A came back, B needed two visits, C was not solved
    expect(k.satisfactionShare.value).toBe(0.5); // 9 and 6
    expect([k.complaints, k.improvementActionsAdopted]).toEqual([1, 1]);
    expect(kpisOf(m.byEngineer['ENG-002'], DEFAULT_TARGETS).requests).toBe(1);
    expect(kpisOf(m.byRegion.east, DEFAULT_TARGETS).requests).toBe(2);
  });
});
