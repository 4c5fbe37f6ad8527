/**
 * Maintenance by usage (R-ASSET-2): what a counter reading opens, and the unit's meter as last reported.
 * The usage meter workflow calls these one reading at a time, so it is the one writer of each meter row.
 */
import { addDays } from '../../shared/maintenance/dueDates';
import { occurrenceWorkflowId, usageOccurrenceKey } from '../../shared/maintenance/ids';
import type { ChecklistItem, MaintenanceOrder, UsageRule } from '../../shared/maintenance/types';
import { thresholdReached } from '../../shared/maintenance/usage';
import type { Repositories } from '../../shared/storage/repositories';
import { occurrenceOrder, type OccurrenceOrder } from './plans';

export interface UsageReadingIn {
  serialNumber: string;
  counter: string;
  value: number;
  observedAt: string;
}
export interface UsageOccurrence {
  planId: string;
  threshold: number;
  occurrenceId: string;
  order: OccurrenceOrder;
  maintenance: MaintenanceOrder;
}

export function createUsageActivities(repos: Repositories) {
  return {
    /**
     * The occurrences this reading opens: for each active plan that follows the counter, the highest
     * threshold reached, unless that threshold's occurrence was opened before. Its due date is the
     * reading's day plus the plan's lead days.
     */
    async usageDue(r: UsageReadingIn): Promise<{ due: UsageOccurrence[]; skipped: string[] }> {
      const unit = await repos.masterData.units.get(r.serialNumber);
      if (!unit) return { due: [], skipped: [`no unit ${r.serialNumber}`] };
      const plans = await repos.maintenance.usagePlansOf(unit.serialNumber, unit.contractNo ?? undefined, r.counter);
      const due: UsageOccurrence[] = [];
      const skipped: string[] = [];
      for (const plan of plans) {
        if (plan.endsOn && plan.endsOn < r.observedAt.slice(0, 10)) continue;
        const rule = plan.usage as UsageRule;
        const threshold = thresholdReached(rule, r.value);
        if (threshold === undefined) continue;
        const occurrenceId = occurrenceWorkflowId(
          plan.planId,
          unit.serialNumber,
          usageOccurrenceKey(r.counter, threshold),
        );
        if (await repos.maintenance.occurrences.has(occurrenceId)) continue;
        const dueDate = addDays(r.observedAt.slice(0, 10), plan.leadDays);
        const checklist = (plan.checklist as ChecklistItem[]).map((i) => ({ item: i.item, kind: i.kind }));
        const order = await occurrenceOrder(
          repos,
          plan.planId,
          checklist,
          unit,
          dueDate,
          `maintenance at ${threshold} ${r.counter} (reading ${r.value}), due ${dueDate}`,
        );
        if (typeof order === 'string') {
          skipped.push(order);
          continue;
        }
        const maintenance: MaintenanceOrder = {
          planId: plan.planId,
          dueDate,
          checklist,
          ...(plan.preferredWindow ? { preferredWindow: plan.preferredWindow } : {}),
        };
        due.push({ planId: plan.planId, threshold, occurrenceId, order, maintenance });
      }
      return { due, skipped };
    },

    /** The unit's counter as last reported (the meter workflow is its one writer, readings in order). */
    async recordMeter(r: UsageReadingIn & { readings: number }) {
      await repos.maintenance.meters.replace(`${r.serialNumber}:${r.counter}`, { ...r });
    },
  };
}
