/**
 * The activity options of the processes beside the service request (complaints, suggestions): recording steps
 * retried until they succeed, each a no-op once written; and the short context reads at intake, run as local
 * activities (a record that is not there is not retried).
 */
import type { ActivityOptions } from '@temporalio/common';
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { DATABASE_RETRY } from './retries';

const recordOptions: ActivityOptions = { startToCloseTimeout: '15 seconds', retry: DATABASE_RETRY };

/** Each call says what it does: the summary shows on the activity in the Temporal UI. */
export const records = (summary: string) => proxyActivities<Activities>({ ...recordOptions, summary });
export const contextReads = (summary: string) =>
  proxyLocalActivities<Activities>({
    startToCloseTimeout: '10 seconds',
    retry: { ...DATABASE_RETRY, nonRetryableErrorTypes: ['NotFound'] },
    summary,
  });
