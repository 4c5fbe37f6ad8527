/**
 * Structured JSON logs (pino), one line per event, level from LOG_LEVEL (default info). Lines about one
 * request carry its `requestNo` and `workflowId`; the Temporal SDK's own logs (workers, workflows,
 * activities) come through the same logger. Node-only.
 */
import pino from 'pino';
import { SERVICE_REQUEST_PREFIX, serviceRequestWorkflowId } from '../serviceRequest/ids';

export const logger = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  base: { app: 'aftersales' },
  timestamp: pino.stdTimeFunctions.isoTime,
});

/** The fields that name a request, from its number or its workflow id. */
export function requestFields(ref: { requestNo?: string; workflowId?: string }): Record<string, string> {
  const workflowId = ref.workflowId ?? (ref.requestNo ? serviceRequestWorkflowId(ref.requestNo) : undefined);
  const requestNo =
    ref.requestNo ??
    (workflowId?.startsWith(SERVICE_REQUEST_PREFIX) ? workflowId.slice(SERVICE_REQUEST_PREFIX.length) : undefined);
  return { ...(requestNo ? { requestNo } : {}), ...(workflowId ? { workflowId } : {}) };
}

type SdkLevel = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
const LEVELS: Record<SdkLevel, pino.Level> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/** A log entry of the Temporal SDK, written through our logger with the request it concerns. */
export function logSdkEntry(entry: { level: SdkLevel; message: string; meta?: Record<string, unknown> }): void {
  const meta = entry.meta ?? {};
  const workflowId = typeof meta.workflowId === 'string' ? meta.workflowId : undefined;
  logger[LEVELS[entry.level] ?? 'info']({ sdk: true, ...meta, ...requestFields({ workflowId }) }, entry.message);
}
