/** The activities the serviceRequest workflow calls, with their timeouts and retry policies. */
import type { ActivityOptions, LocalActivityOptions } from '@temporalio/common';
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { DATABASE_RETRY } from '../common/retries';

/**
 * Short idempotent reads of master data. Requests started before `intake-reads-as-activities` ran them as
 * local activities (results recorded as markers); later ones as normal activities, so that no workflow task
 * waits for a database (decision 0007).
 */
const masterDataOptions: LocalActivityOptions & ActivityOptions = {
  startToCloseTimeout: '10 seconds',
  localRetryThreshold: '10 seconds', // longer back-offs become durable timers
  retry: { ...DATABASE_RETRY, nonRetryableErrorTypes: ['NotFound'] },
};

/** Recording steps must eventually succeed: retried without limit, each retry a no-op once written. */
const recordOptions: ActivityOptions = {
  startToCloseTimeout: '15 seconds',
  retry: DATABASE_RETRY,
};

/** Each call says what it does: the summary shows on the activity in the Temporal UI. */
export const masterData = (summary: string) => proxyLocalActivities<Activities>({ ...masterDataOptions, summary });
export const masterDataReads = (summary: string) => proxyActivities<Activities>({ ...masterDataOptions, summary });
export const records = (summary: string) => proxyActivities<Activities>({ ...recordOptions, summary });
