/**
 * The IoT fault watch's messages and ids (sandbox-safe). One watch per unit and fault code keeps at
 * most one open request for that fault: reports reach it by update-with-start, so concurrent reports
 * are serialised by Temporal and never open two requests.
 */
import { defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../common/actor';
import type { IntakeInput } from '../serviceRequest/schemas';
import type { FaultReport } from './schemas';

export const IOT_WATCH_PREFIX = 'iot-fault:';
export const iotWatchWorkflowId = (serialNumber: string, faultCode: string): string =>
  `${IOT_WATCH_PREFIX}${serialNumber}:${faultCode.toUpperCase()}`;

/** A report as the watch receives it: the intake to use if it must open a request, and who sent it. */
export interface WatchedReport {
  report: FaultReport;
  intake: IntakeInput;
  by: Actor;
  /** The new request's summary in the Temporal UI after its number: kind · urgency · customer · region. */
  summaryTail: string;
  /** The new request's details in the Temporal UI (Markdown). */
  details: string;
}
export interface WatchAnswer {
  requestNo: string;
  created: boolean;
}
export const reportFaultUpdate = defineUpdate<WatchAnswer, [WatchedReport]>('reportFault');
