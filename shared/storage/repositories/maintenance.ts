/**
 * Maintenance plans and the occurrences they opened. A plan is read by id; the plan list, a contract's
 * plans and a plan's occurrences are the named scans (plans are few against requests).
 */
import { keyed } from '../keyed';
import type { Models } from '../models';

const PLANS = 'scan: maintenance plans, few against requests';

export function maintenanceRepository(m: Models) {
  const plans = keyed(m.MaintenancePlan);
  return {
    plans,
    occurrences: keyed(m.MaintenanceOccurrence),
    meters: keyed(m.UsageMeter),
    /** A unit's counters as last reported (R-ASSET-2). */
    metersOf: (serialNumber: string) =>
      m.UsageMeter.find({ serialNumber }, { _id: 0 }).comment("scan: a unit's few counters, on its page").lean(),
    /** The active usage plans that follow a counter (or any) of the unit: its own, or its contract's. */
    usagePlansOf: (serialNumber: string, contractNo: string | undefined, counter?: string) =>
      m.MaintenancePlan.find({
        status: 'active',
        ...(counter ? { 'usage.counter': counter } : { usage: { $exists: true } }),
        $or: [{ serialNumber }, ...(contractNo ? [{ contractNo }] : [])],
      })
        .comment(PLANS)
        .lean(),
    /** Plans narrowed by unit, contract, region or status (the planners' list). */
    list: (q: Record<string, string | undefined>, limit: number) =>
      m.MaintenancePlan.find(Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)), {
        _id: 0,
        changes: 0,
      })
        .comment(PLANS)
        .limit(limit)
        .lean(),
    /** Active plans (of a region or unit) whose due dates the upcoming list computes. */
    active: (q: { region?: string; serialNumber?: string; planId?: string }, limit: number) =>
      m.MaintenancePlan.find({
        status: 'active',
        ...(q.region ? { region: q.region } : {}),
        ...(q.serialNumber ? { serialNumber: q.serialNumber } : {}),
        ...(q.planId ? { _id: q.planId } : {}),
      })
        .comment(PLANS)
        .limit(limit)
        .lean(),
    /** The plans of a contract that have not ended (they follow a change of its end). */
    ofContract: (contractNo: string) =>
      m.MaintenancePlan.find({ contractNo, status: { $ne: 'ended' } })
        .comment(PLANS)
        .lean(),
    occurrencesOf: (planId: string) =>
      m.MaintenanceOccurrence.find({ planId }, { _id: 0 }).comment("scan: a plan's occurrences, on its page").lean(),
    /** A change of a plan, appended to its changes with the next version. */
    async change(planId: string, version: number, changes: unknown[], what: Record<string, unknown>) {
      await plans.update(planId, { $set: { ...what, version, changes } });
    },
  };
}
