/**
 * Preventive maintenance (R-MAINT-1/2). A plan's Temporal Schedule starts `maintenanceTick` when an
 * occurrence is due to open; the tick works out the due date it serves and starts one
 * `maintenanceOccurrence` per unit under the id plan + unit + due date, so a second firing for the
 * same due date (catch-up after downtime, a manual trigger) opens nothing twice. Each occurrence opens
 * its maintenance request (with the plan's checklist) and lives as long as that request.
 */
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import {
  ParentClosePolicy,
  proxyActivities,
  proxyLocalActivities,
  setCurrentDetails,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { occurrenceWorkflowId } from '../../shared/maintenance/ids';
import type { MaintenanceOrder } from '../../shared/maintenance/types';
import { startRequestAsChild, type ChildRequestOrder } from '../common/childRequest';
import { DATABASE_RETRY } from '../common/retries';

const retry = DATABASE_RETRY;
const local = (summary: string) =>
  proxyLocalActivities<Activities>({
    startToCloseTimeout: '10 seconds',
    retry: { ...retry, nonRetryableErrorTypes: ['NotFound'] },
    summary,
  });
const records = (summary: string) => proxyActivities<Activities>({ startToCloseTimeout: '15 seconds', retry, summary });

export interface TickInput {
  planId: string;
  /** The earliest due date to serve; absent when started by the Schedule (then from its scheduled time). */
  notBefore?: string;
}

export async function maintenanceTick(
  input: TickInput,
): Promise<{ due?: string; opened: string[]; already: string[]; skipped: string[] }> {
  const info = workflowInfo();
  // A scheduled run's id ends with its scheduled time (…-2027-06-25T06:00:00Z); a catch-up keeps it.
  const scheduledDay =
    /-(\d{4}-\d{2}-\d{2})T[\d:.]+Z$/.exec(info.workflowId)?.[1] ?? info.startTime.toISOString().slice(0, 10);
  const occ = await local(`the due date and units of plan ${input.planId}`).planOccurrence({
    planId: input.planId,
    scheduledDay,
    ...(input.notBefore ? { notBefore: input.notBefore } : {}),
  });
  const opened: string[] = [];
  const already: string[] = [];
  if (!occ.due) return { opened, already, skipped: occ.skipped };
  setCurrentDetails(`**plan** ${input.planId} · **due** ${occ.due} · **units** ${occ.orders.length}`);
  for (const order of occ.orders) {
    const serial = order.intake.serialNumber;
    try {
      await startChild<typeof maintenanceOccurrence>('maintenanceOccurrence', {
        workflowId: occurrenceWorkflowId(input.planId, serial, occ.due),
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        parentClosePolicy: ParentClosePolicy.ABANDON,
        staticSummary: `maintenance ${input.planId} · ${serial} · due ${occ.due}`,
        args: [{ order, maintenance: { ...occ.maintenance, dueDate: occ.due } }],
      });
      opened.push(serial);
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      already.push(serial); // this due date was opened before: never twice
    }
  }
  return { due: occ.due, opened, already, skipped: occ.skipped };
}

/** One unit's maintenance for one due date: opens the request, records it, and lives as long as it does. */
export async function maintenanceOccurrence(input: {
  order: Omit<ChildRequestOrder, 'maintenance'>;
  maintenance: MaintenanceOrder;
  /** R-ASSET-2: opened by a usage meter at this threshold of its counter. */
  atCounter?: { counter: string; threshold: number; value: number };
}): Promise<{ requestNo: string }> {
  const { requestNo, ended } = await startRequestAsChild({ ...input.order, maintenance: input.maintenance });
  const { planId, dueDate } = input.maintenance;
  await records(`record ${requestNo} for ${planId} due ${dueDate}`).recordOccurrence({
    occurrenceId: workflowInfo().workflowId,
    planId,
    serialNumber: input.order.intake.serialNumber,
    dueDate,
    requestNo,
    ...(input.atCounter ? { atCounter: input.atCounter } : {}),
  });
  setCurrentDetails(`**request** ${requestNo} · **due** ${dueDate}`);
  await ended;
  return { requestNo };
}
