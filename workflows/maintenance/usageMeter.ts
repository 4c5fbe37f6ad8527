/**
 * usageMeter (R-ASSET-2, 003 §3.1 使用频率): one workflow per unit and counter (`usage-meter:<serial>:<counter>`)
 * takes the counter's readings by update-with-start, one at a time. A counter only grows: a lower reading
 * observed later is refused (the meter was reset or replaced), one observed earlier is recorded as late.
 * Each reading that reaches a usage plan's next threshold opens that threshold's maintenance occurrence as
 * a child under the id plan + unit + counter@threshold, so no threshold opens twice, whatever arrives when.
 */
import { ApplicationFailure, WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  ParentClosePolicy,
  proxyLocalActivities,
  setCurrentDetails,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../../activities';
import {
  meterQuery,
  reportUsageUpdate,
  type MeterState,
  type UsageAnswer,
  type UsageReadingMessage,
  resetMeterUpdate,
  type MeterReset,
} from '../../shared/maintenance/messages';
import { DATABASE_RETRY } from '../common/retries';
import type { maintenanceOccurrence } from './workflow';

const local = (summary: string) =>
  proxyLocalActivities<Activities>({ startToCloseTimeout: '10 seconds', retry: DATABASE_RETRY, summary });
/** A run keeps its history short: a reading adds about eight events, more when it opens an occurrence. */
const MAX_EVENTS = 2000;

export interface StartUsageMeter extends MeterState {
  continueAfterEvents?: number;
}

export async function usageMeter(input: StartUsageMeter): Promise<void> {
  const state: MeterState = {
    serialNumber: input.serialNumber,
    counter: input.counter,
    readings: input.readings ?? 0,
    ...(input.highest !== undefined ? { highest: input.highest, observedAt: input.observedAt } : {}),
    ...(input.offset ? { offset: input.offset } : {}),
    ...(input.resets?.length ? { resets: input.resets } : {}),
  };
  const { serialNumber, counter } = state;
  let tail: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(fn);
    tail = run.catch(() => undefined);
    return run;
  };
  const details = () =>
    setCurrentDetails(
      `**unit** ${serialNumber} · **${counter}** ${state.highest ?? '–'} at ${state.observedAt ?? '–'} · **readings** ${state.readings}`,
    );

  async function reading(r: UsageReadingMessage): Promise<UsageAnswer> {
    const highest = state.highest ?? -1;
    if (r.value < highest) {
      if (r.observedAt <= (state.observedAt ?? ''))
        return { value: r.value, highest, late: true, opened: [], skipped: [] };
      throw ApplicationFailure.create({
        type: 'CounterWentBack',
        message: `${counter} of ${serialNumber} went back from ${highest} (${state.observedAt}) to ${r.value}: counters only grow; a replaced or reset meter needs a new plan baseline`,
        nonRetryable: true,
      });
    }
    state.highest = r.value;
    state.observedAt = r.observedAt;
    state.readings++;
    const lifetime = r.value + (state.offset ?? 0); // the plans' thresholds count the unit's whole life
    const { due, skipped } = await local(`what ${counter} ${lifetime} of ${serialNumber} opens`).usageDue({
      serialNumber,
      counter,
      value: lifetime,
      observedAt: r.observedAt,
    });
    const opened: UsageAnswer['opened'] = [];
    for (const o of due) {
      try {
        await startChild<typeof maintenanceOccurrence>('maintenanceOccurrence', {
          workflowId: o.occurrenceId,
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          parentClosePolicy: ParentClosePolicy.ABANDON,
          staticSummary: `maintenance ${o.planId} · ${serialNumber} · at ${o.threshold} ${counter}`,
          args: [
            {
              order: o.order,
              maintenance: o.maintenance,
              atCounter: { counter, threshold: o.threshold, value: lifetime },
            },
          ],
        });
        opened.push({ planId: o.planId, threshold: o.threshold, occurrenceId: o.occurrenceId });
      } catch (err) {
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err; // opened before: never twice
      }
    }
    await local(`record ${counter} ${lifetime} of ${serialNumber}`).recordMeter({
      serialNumber,
      counter,
      value: lifetime,
      observedAt: r.observedAt,
      readings: state.readings,
      ...(state.offset ? { reading: r.value } : {}),
    });
    details();
    return { value: r.value, highest: r.value, ...(state.offset ? { lifetime } : {}), opened, skipped };
  }

  /** A meter replaced or reset: the counter goes on from what it showed, so no threshold is met twice or skipped. */
  function reset(x: MeterReset): MeterState {
    const before = state.highest ?? 0;
    state.offset = (state.offset ?? 0) + before - x.value;
    state.highest = x.value;
    state.observedAt = x.at;
    (state.resets ??= []).push({ at: x.at, from: before, to: x.value, reason: x.reason, by: x.by });
    details();
    return { ...state };
  }

  setHandler(reportUsageUpdate, (r) => oneAtATime(() => reading(r)), {
    validator: (r) => {
      if (!Number.isFinite(r.value) || r.value < 0) throw new Error('value: a counter reading is a number ≥ 0');
      if (Number.isNaN(Date.parse(r.observedAt))) throw new Error('observedAt: a date-time');
    },
  });
  setHandler(meterQuery, () => ({ ...state }));
  setHandler(resetMeterUpdate, (x) => oneAtATime(async () => reset(x)), {
    validator: (x) => {
      if (!Number.isFinite(x.value) || x.value < 0) throw new Error('value: the reading after the reset, a number ≥ 0');
      if (state.highest !== undefined && x.value >= state.highest)
        throw ApplicationFailure.create({
          type: 'NotAllowed',
          message: `${counter} of ${serialNumber} shows ${state.highest}: a reset starts lower (value ${x.value})`,
          nonRetryable: true,
        });
    },
  });

  const historyLong = () =>
    workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > (input.continueAfterEvents ?? MAX_EVENTS);
  await condition(historyLong);
  await condition(allHandlersFinished);
  await continueAsNew<typeof usageMeter>({ ...input, ...state });
}
