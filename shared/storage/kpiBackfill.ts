/**
 * R-RECORD-3 for records from before the KPIs (`kpi-facts`): their facts were never reported. The worker
 * reads them once per data directory, in the background, and sends them to their months' kpiMonth
 * workflows in batches: finished requests from the archive (the view they closed with), complaints from
 * their read model, verified improvement actions from theirs; then the recurrences, after the requests they
 * take the first-time fix from. A month counts a fact once by its key, so facts the workflows reported
 * themselves, a second backfill, or two workers backfilling at once count nothing twice.
 */
import type { Client } from '@temporalio/client';
import { logger } from '../runtime/logger';
import type { ServiceRequestView } from '../serviceRequest/types';
import { isMigrationDone, markMigrationDone } from './listMigration';
import type { Models } from './models';
import { requestFactOf, type KpiFact } from '../kpi/facts';
import { kpiFactsSignal, kpiMonthWorkflowId } from '../kpi/messages';

/** The marker of a finished backfill (kept with the other one-time migrations' markers, listMigration.ts). */
export const KPI_BACKFILL_DONE = 'migration|kpi-backfill-v1';
const BATCH = 200;

export async function backfillKpiFacts(
  models: Models,
  client: Client,
  taskQueue: string,
  stopped: () => boolean = () => false,
): Promise<number | undefined> {
  let sent = 0;
  const pending = new Map<string, KpiFact[]>();
  const send = async (month: string, facts: KpiFact[]) => {
    await client.workflow.signalWithStart('kpiMonth', {
      workflowId: kpiMonthWorkflowId(month),
      taskQueue,
      args: [{ month }],
      signal: kpiFactsSignal,
      signalArgs: [facts],
      staticSummary: `KPIs of ${month}`,
    });
    sent += facts.length;
  };
  const add = async (fact: KpiFact) => {
    const batch = pending.get(fact.month) ?? [];
    pending.set(fact.month, batch);
    batch.push(fact);
    if (batch.length >= BATCH) await send(fact.month, batch.splice(0));
  };
  const flush = async () => {
    for (const [month, batch] of pending) if (batch.length) await send(month, batch.splice(0));
  };

  const recurrences: KpiFact[] = [];
  for await (const a of models.Archive.find({}, { record: 1 }).lean().cursor()) {
    if (stopped()) return undefined;
    const view = a.record as ServiceRequestView | undefined;
    if (!view?.requestNo || !view.intake) continue;
    await add(requestFactOf(view));
    const earlier = view.recurrenceOf;
    if (earlier?.signedOffAt)
      recurrences.push({
        type: 'recurrence',
        ref: earlier.requestNo,
        month: earlier.signedOffAt.slice(0, 7),
        by: view.requestNo,
      });
  }
  for await (const c of models.Complaint.find({}, { complaintNo: 1, receivedAt: 1 }).lean().cursor())
    if (c.receivedAt) await add({ type: 'complaint', ref: c.complaintNo, month: c.receivedAt.slice(0, 7) });
  for await (const x of models.ImprovementAction.find({ status: 'verified' }, { actionId: 1, closedAt: 1, openedAt: 1 })
    .lean()
    .cursor()) {
    const at = x.closedAt ?? x.openedAt;
    if (at) await add({ type: 'adopted', ref: (x.actionId ?? x._id) as string, month: at.slice(0, 7) });
  }
  if (stopped()) return undefined;
  await flush(); // every request counted before a recurrence takes its first-time fix back
  for (const r of recurrences) await add(r);
  await flush();
  return sent;
}

/** Runs the backfill once per data directory, in the background; cut short or failed, it runs again at the next start. */
export function backfillKpisOnce(models: Models, client: Client, taskQueue: string) {
  let stopped = false;
  const done = (async () => {
    if (await isMigrationDone(models, KPI_BACKFILL_DONE)) return;
    const sent = await backfillKpiFacts(models, client, taskQueue, () => stopped);
    if (sent === undefined) return;
    await markMigrationDone(models, KPI_BACKFILL_DONE);
    if (sent) logger.info({ facts: sent }, 'KPI facts of earlier records backfilled');
  })().catch((err) => logger.error({ err: (err as Error).message }, 'KPI backfill failed; retried at the next start'));
  return {
    done,
    stop: () => {
      stopped = true;
      return done;
    },
  };
}
