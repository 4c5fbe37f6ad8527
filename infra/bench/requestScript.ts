/**
 * The faithful baseline's script: what one real request asked of Temporal, read from its recorded history.
 * Each workflow task of the request becomes a step: what woke it (the start, an update, activities that
 * completed, a timer that fired; signals are counted, not mirrored) and the commands it issued (activities and local activities with the sizes
 * of their inputs and results, timers with their durations, cancelled timers, search-attribute upserts with
 * their values). scriptedWorkflow.ts issues the same commands in the same order with no-op activities, so
 * the baseline pays Temporal's costs for a request and none of ours.
 */
import type { temporal } from '@temporalio/proto';
import { defaultPayloadConverter } from '@temporalio/common';

type Event = temporal.api.history.v1.IHistoryEvent;
type Payloads = temporal.api.common.v1.IPayloads | null | undefined;

/** What a step waits for before it issues its commands. */
export type Wake = { update: number } | { activity: number } | { timer: number };

export interface SearchAttributeValue {
  name: string;
  type: string;
  value: unknown;
}

export interface ScriptStep {
  after: Wake[];
  /** Input and result sizes (bytes) of each activity it schedules. */
  activities: [number, number][];
  locals: [number, number][];
  timers: number[];
  /** Indices (in start order) of the timers it cancels. */
  cancels: number[];
  upserts: SearchAttributeValue[][];
}

export interface RequestScript {
  startInput: number;
  startAttributes: SearchAttributeValue[];
  steps: ScriptStep[];
  /** Argument and result sizes of each update, in order. */
  updates: [number, number][];
  /** Commands the baseline does not mirror (child workflows, signals to others), by event type. */
  notMirrored: Record<string, number>;
}

const size = (p: Payloads) => (p?.payloads ?? []).reduce((t, x) => t + (x.data?.length ?? 0), 0);

function attributes(indexed: Record<string, temporal.api.common.v1.IPayload> | null | undefined) {
  return Object.entries(indexed ?? {}).map(([name, payload]) => ({
    name,
    type: Buffer.from(payload.metadata?.type ?? new Uint8Array()).toString(),
    value: payload.data?.length ? defaultPayloadConverter.fromPayload(payload) : null,
  }));
}

const emptyStep = (after: Wake[]): ScriptStep => ({
  after,
  activities: [],
  locals: [],
  timers: [],
  cancels: [],
  upserts: [],
});

export function scriptFromHistory(events: Event[]): RequestScript {
  const started = events[0].workflowExecutionStartedEventAttributes!;
  const script: RequestScript = {
    startInput: size(started.input),
    startAttributes: attributes(started.searchAttributes?.indexedFields),
    steps: [],
    updates: [],
    notMirrored: {},
  };
  const activityIndex = new Map<string, number>(); // scheduled event id → index in schedule order
  const activitySizes: [number, number][] = []; // the same tuples as in the steps, in schedule order
  const timerIndex = new Map<string, number>(); // timer id → index in start order
  let pending: Wake[] = [];
  let step: ScriptStep | undefined;
  const updateIndex = new Map<string, number>();
  for (const e of events) {
    const id = String(e.eventId);
    if (e.workflowTaskCompletedEventAttributes) {
      step = emptyStep(pending);
      script.steps.push(step);
      pending = [];
    } else if (e.workflowExecutionUpdateAcceptedEventAttributes) {
      const a = e.workflowExecutionUpdateAcceptedEventAttributes;
      updateIndex.set(a.acceptedRequest?.meta?.updateId ?? '', script.updates.length);
      step!.after.unshift({ update: script.updates.length });
      script.updates.push([size(a.acceptedRequest?.input?.args), 0]);
    } else if (e.workflowExecutionUpdateCompletedEventAttributes) {
      const c = e.workflowExecutionUpdateCompletedEventAttributes;
      const at = updateIndex.get(c.meta?.updateId ?? '');
      if (at !== undefined) script.updates[at][1] = size(c.outcome?.success);
    } else if (e.activityTaskScheduledEventAttributes) {
      activityIndex.set(id, activitySizes.length);
      activitySizes.push([size(e.activityTaskScheduledEventAttributes.input), 0]);
      step!.activities.push(activitySizes[activitySizes.length - 1]);
    } else if (e.activityTaskCompletedEventAttributes || e.activityTaskFailedEventAttributes) {
      const a = e.activityTaskCompletedEventAttributes ?? e.activityTaskFailedEventAttributes!;
      const k = activityIndex.get(String(a.scheduledEventId))!;
      activitySizes[k][1] = size(e.activityTaskCompletedEventAttributes?.result);
      pending.push({ activity: k });
    } else if (e.timerStartedEventAttributes) {
      const t = e.timerStartedEventAttributes;
      timerIndex.set(t.timerId!, timerIndex.size);
      step!.timers.push(Number(t.startToFireTimeout?.seconds ?? 0) * 1000 + (t.startToFireTimeout?.nanos ?? 0) / 1e6);
    } else if (e.timerCanceledEventAttributes) {
      step!.cancels.push(timerIndex.get(e.timerCanceledEventAttributes.timerId!)!);
    } else if (e.timerFiredEventAttributes) {
      pending.push({ timer: timerIndex.get(e.timerFiredEventAttributes.timerId!)! });
    } else if (e.upsertWorkflowSearchAttributesEventAttributes) {
      step!.upserts.push(attributes(e.upsertWorkflowSearchAttributesEventAttributes.searchAttributes?.indexedFields));
    } else if (e.markerRecordedEventAttributes?.markerName === 'core_local_activity') {
      step!.locals.push([0, size({ payloads: e.markerRecordedEventAttributes.details?.result?.payloads })]);
    } else if (
      e.workflowExecutionSignaledEventAttributes ||
      e.startChildWorkflowExecutionInitiatedEventAttributes ||
      e.signalExternalWorkflowExecutionInitiatedEventAttributes ||
      e.requestCancelExternalWorkflowExecutionInitiatedEventAttributes ||
      e.workflowPropertiesModifiedEventAttributes
    ) {
      const type = String(e.eventType);
      script.notMirrored[type] = (script.notMirrored[type] ?? 0) + 1;
    }
  }
  return script;
}

/** Totals of a script, for the benchmark's report. */
export function scriptTotals(s: RequestScript) {
  const sum = (f: (x: ScriptStep) => number) => s.steps.reduce((t, x) => t + f(x), 0);
  return {
    tasks: s.steps.length,
    activities: sum((x) => x.activities.length),
    locals: sum((x) => x.locals.length),
    timers: sum((x) => x.timers.length),
    cancels: sum((x) => x.cancels.length),
    upserts: sum((x) => x.upserts.length),
    updates: s.updates.length,
  };
}
