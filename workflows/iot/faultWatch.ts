/**
 * iotFaultWatch: one workflow per unit and fault code (`iot-fault:<serial>:<code>`), alive while the
 * request for that fault is open. Reports arrive by update-with-start, one at a time: the first opens a
 * request (started here as a child, so it is started exactly once), later ones join its history as
 * readings. Once the request is past its visits, the next report opens a new one.
 */
import type { ActivityOptions } from '@temporalio/common';
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  proxyLocalActivities,
  setCurrentDetails,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { reportFaultUpdate, type WatchAnswer, type WatchedReport } from '../../shared/iot/messages';
import { serviceRequestWorkflowId } from '../../shared/serviceRequest/ids';
import { startRequestAsChild } from '../common/childRequest';
import { faultReadingSignal } from '../../shared/serviceRequest/messages';
import { DATABASE_RETRY } from '../common/retries';

export interface StartFaultWatch {
  serialNumber: string;
  faultCode: string;
  /** Carried over when the watch continues as new. */
  requestNo?: string;
  reports?: number;
  /** Continue as new past this many events (default: MAX_EVENTS, or when the server suggests it). */
  continueAfterEvents?: number;
}
export interface FaultWatchOutcome {
  requestNo?: string;
  reports: number;
}

const localOptions: ActivityOptions = {
  startToCloseTimeout: '10 seconds',
  retry: DATABASE_RETRY,
};
const local = (summary: string) => proxyLocalActivities<Activities>({ ...localOptions, summary });
/** A run keeps its history short: each report adds about ten events. */
const MAX_EVENTS = 2000;

export async function iotFaultWatch(input: StartFaultWatch): Promise<FaultWatchOutcome> {
  let requestNo = input.requestNo;
  let reports = input.reports ?? 0;
  /** Set once the current request's workflow has ended or its read model row is past its visits. */
  let requestOver = false;

  // Reports and the daily check run one after another: a report never sees a request half-opened.
  let tail: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(fn);
    tail = run.catch(() => undefined);
    return run;
  };
  const stillOpen = (no: string) => local(`is request ${no} still open?`).requestStillOpen({ requestNo: no });
  const details = () =>
    setCurrentDetails(`**request** ${requestNo ?? '–'}${requestOver ? ' (over)' : ''} · **reports** ${reports}`);

  async function openRequest(w: WatchedReport): Promise<string> {
    const { requestNo: opened, ended } = await startRequestAsChild({ ...w, by: w.by });
    void ended.then(() => (requestOver ||= requestNo === opened)); // ended, terminated or failed: over
    return opened;
  }

  async function report(w: WatchedReport): Promise<WatchAnswer> {
    reports++;
    const reading = { ...w.report, by: w.by };
    if (requestNo && !requestOver && (await stillOpen(requestNo))) {
      try {
        await getExternalWorkflowHandle(serviceRequestWorkflowId(requestNo)).signal(faultReadingSignal, reading);
        details();
        return { requestNo, created: false };
      } catch {
        // The request's workflow has ended since: the fault is back, so it gets a new request.
      }
    }
    requestNo = await openRequest(w);
    requestOver = false;
    await getExternalWorkflowHandle(serviceRequestWorkflowId(requestNo)).signal(faultReadingSignal, reading);
    details();
    return { requestNo, created: true };
  }
  setHandler(reportFaultUpdate, (w) => oneAtATime(() => report(w)));

  const historyLong = () =>
    workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > (input.continueAfterEvents ?? MAX_EVENTS);
  if (!requestNo) {
    // Started by a report: if it could not open a request (it failed), nothing is watched.
    const opened = await condition(() => requestNo !== undefined, '10 minutes', { summary: 'first report' });
    if (!opened) return { reports };
  }
  for (;;) {
    // Waits for the request to be over with no report in progress: a report may open the next request.
    const woke = await condition(() => (requestOver && allHandlersFinished()) || historyLong(), '1 day', {
      summary: `until request ${requestNo} is over (checked daily)`,
    });
    if (historyLong()) {
      await condition(allHandlersFinished);
      return continueAsNew<typeof iotFaultWatch>({ ...input, requestNo, reports });
    }
    // After continue-as-new the child's result is not ours to await: the read model says when it is over.
    if (!woke) await oneAtATime(async () => void (requestOver ||= !(await stillOpen(requestNo!))));
    if (requestOver && allHandlersFinished()) {
      details();
      return { requestNo, reports };
    }
  }
}
