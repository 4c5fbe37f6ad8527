/**
 * kpiMonth: one workflow per month (`kpi:YYYY-MM`, R-RECORD-3) keeps the month's KPI sums. Finished
 * requests, complaints and adopted improvement actions signal their fact once (signal-with-start from
 * an activity, or many in one batch); a fact seen before is ignored, so a retried
 * activity or a batch sent again never counts twice. The sums are
 * published as one row per month: a quarter's KPIs read three rows, however long the history.
 */
import type { ActivityOptions } from '@temporalio/common';
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { addToMonth, emptyMonth, type KpiFact, type MonthSums } from '../../shared/kpi/facts';
import { getKpiMonthQuery, kpiFactSignal, kpiFactsSignal } from '../../shared/kpi/messages';
import { publishInOrder } from '../common/publisher';
import { DATABASE_RETRY } from '../common/retries';

const options: ActivityOptions = {
  startToCloseTimeout: '15 seconds',
  retry: DATABASE_RETRY,
};
const records = (summary: string) => proxyActivities<Activities>({ ...options, summary });
const MAX_EVENTS = 3000;

type Dims = { region?: string; engineerId?: string; productLine?: string };
export interface KpiMonthState {
  month: string;
  sums?: MonthSums;
  /** Facts counted (type:ref, and recurrence:by), with the dimensions a later recurrence needs. */
  seen?: Record<string, Dims>;
  seq?: number;
}

export async function kpiMonth(input: KpiMonthState): Promise<void> {
  const sums = input.sums ?? emptyMonth();
  const seen = input.seen ?? {};
  let seq = input.seq ?? 0;
  setHandler(getKpiMonthQuery, () => sums);
  const count = (f: KpiFact): void => {
    const key = f.type === 'recurrence' ? `recurrence:${f.by}` : `${f.type}:${f.ref}`;
    if (key in seen) return; // reported again by a retried activity: counted once
    if (f.type === 'recurrence') {
      const original = seen[`request:${f.ref}`];
      if (!original) return; // the earlier request was not counted in this month
      addToMonth(sums, f, original);
      seen[key] = {};
    } else {
      const dims =
        f.type === 'request'
          ? { region: f.region, engineerId: f.engineerId, productLine: f.productLine }
          : f.type === 'complaint' || f.type === 'suggestion' || f.type === 'suggestionReviewed'
            ? { region: f.region }
            : {};
      addToMonth(sums, f, dims);
      seen[key] = f.type === 'request' ? dims : {};
    }
    seq++;
  };
  setHandler(kpiFactSignal, count);
  // A batch of facts (a re-count of a month) is counted fact by fact, in order, with the same once-only rule.
  setHandler(kpiFactsSignal, (facts: KpiFact[]) => facts.forEach(count));
  const publisher = publishInOrder(
    () => seq,
    () =>
      records(`publish the KPIs of ${input.month} (${seq} facts)`).publishKpiMonth({
        month: input.month,
        version: seq,
        sums,
      }),
    input.seq ?? 0,
  );
  const long = () => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > MAX_EVENTS;
  await condition(long);
  await condition(allHandlersFinished);
  await publisher.drain();
  await continueAsNew<typeof kpiMonth>({ month: input.month, sums, seen, seq });
}
