/** SLA clock arithmetic (R-SLA-4/5), pure: deadlines, pauses, the event order and the overrun. */
import type { SlaPolicy } from '../../shared/sla/types';
import * as sla from '../../shared/sla/clocks';

const H = 3_600_000;
const T0 = Date.parse('2026-11-22T08:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const policy: SlaPolicy = {
  key: 'p',
  version: 1,
  name: 'test',
  warnAtShare: 0.75,
  managerEscalationDelayMs: 2 * H,
  offerAcceptanceMs: 0.25 * H,
  budgets: { urgent: { dispatch: 0.5 * H, arrival: 2 * H }, important: { arrival: 4 * H }, general: {} },
  byKind: { complaint: { acknowledge: H, response: 24 * H } },
};

describe('SLA clock arithmetic', () => {
  it("R-SLA-1 R-SLA-3 clocks come from the urgency, plus the kind's own (complaints), all from receipt", () => {
    expect(sla.startClocks(policy, 'urgent', 'fault_repair', iso(T0)).map((c) => [c.name, c.deadline])).toEqual([
      ['dispatch', iso(T0 + 0.5 * H)],
      ['arrival', iso(T0 + 2 * H)],
    ]);
    expect(sla.startClocks(policy, 'general', 'complaint', iso(T0)).map((c) => c.name)).toEqual([
      'acknowledge',
      'response',
    ]);
  });

  it('R-SLA-4 warning, breach and manager escalation fire in order, each at its own moment', () => {
    const clocks = sla.startClocks(policy, 'important', 'fault_repair', iso(T0));
    expect(sla.nextEventAt(clocks, policy)).toBe(T0 + 3 * H);
    expect(sla.fireDue(clocks, policy, T0 + 3 * H - 1)).toEqual([]);
    expect(sla.fireDue(clocks, policy, T0 + 3 * H).map((e) => e.kind)).toEqual(['warning']);
    // A timer that fires late (the worker was down) still records the exact moments, in order.
    expect(sla.fireDue(clocks, policy, T0 + 10 * H).map((e) => [e.kind, e.at])).toEqual([
      ['breach', T0 + 4 * H],
      ['manager', T0 + 6 * H],
    ]);
    expect(clocks[0]).toMatchObject({ breachedAt: iso(T0 + 4 * H), escalatedTo: ['supervisor', 'manager'] });
    expect(sla.nextEventAt(clocks, policy)).toBeUndefined();
    sla.stopClocks(clocks, ['arrival'], T0 + 11 * H);
    expect(clocks[0]).toMatchObject({ outcome: 'breached', overrunMs: 7 * H });
  });

  it('R-SLA-5 pauses add up, move the deadline, and end at their "until" or when resumed', () => {
    const clocks = sla.startClocks(policy, 'important', 'fault_repair', iso(T0));
    const [arrival] = clocks;
    sla.pauseClocks(clocks, ['arrival'], 'customer', T0 + H, T0 + 10 * H); // waits 9 h for the customer's window
    expect(arrival.deadline).toBeUndefined();
    expect(sla.pendingEvents(clocks, policy).map((e) => [e.kind, e.at])).toEqual([['resume', T0 + 10 * H]]);
    expect(sla.fireDue(clocks, policy, T0 + 10 * H).map((e) => e.kind)).toEqual(['resume']);
    expect(arrival).toMatchObject({ pausedMs: 9 * H, deadline: iso(T0 + 13 * H) });
    // A second wait, ended early by a resume.
    sla.pauseClocks(clocks, ['arrival'], 'quotation', T0 + 11 * H);
    expect(sla.resumeClocks(clocks, T0 + 11.5 * H, 'another reason')).toEqual([]); // only its own reason ends it
    sla.resumeClocks(clocks, T0 + 11.5 * H, 'quotation');
    expect(arrival).toMatchObject({ pausedMs: 9.5 * H, deadline: iso(T0 + 13.5 * H) });
    expect(arrival.pauses.map((p) => [p.reason, p.from, p.to])).toEqual([
      ['customer', iso(T0 + H), iso(T0 + 10 * H)],
      ['quotation', iso(T0 + 11 * H), iso(T0 + 11.5 * H)],
    ]);
    // The warning comes at 75% of the budget counted without the pauses.
    expect(sla.nextEventAt(clocks, policy)).toBe(T0 + 3 * H + 9.5 * H);
  });

  it('R-SLA-5 a clock stopped while paused ends its pause; stopped clocks are left alone', () => {
    const clocks = sla.startClocks(policy, 'urgent', 'fault_repair', iso(T0));
    sla.pauseClocks(clocks, ['arrival'], 'customer', T0 + 0.25 * H);
    sla.stopClocks(clocks, ['dispatch', 'arrival'], T0 + H, 'cancelled');
    expect(clocks.map((c) => c.outcome)).toEqual(['cancelled', 'cancelled']);
    expect(clocks[1]).toMatchObject({ pausedMs: 0.75 * H });
    expect(sla.pauseClocks(clocks, ['arrival'], 'customer', T0 + 2 * H)).toEqual([]);
    expect(sla.nextEventAt(clocks, policy)).toBeUndefined();
    expect(sla.nearestDeadline(clocks)).toBeUndefined();
  });
});
