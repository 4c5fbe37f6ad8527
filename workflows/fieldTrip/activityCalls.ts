/** The activities the fieldTrip workflow calls, with their timeouts and retry policies. */
import type { ActivityOptions, LocalActivityOptions } from '@temporalio/common';
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { DATABASE_RETRY } from '../common/retries';

/** Short reads of master data, recorded in history as markers. */
const localOptions: LocalActivityOptions = {
  startToCloseTimeout: '10 seconds',
  retry: { ...DATABASE_RETRY, nonRetryableErrorTypes: ['NotFound'] },
};

/** Stock moves and records must eventually succeed; each retry is a no-op once written (keyed by workflow + step). */
const actOptions: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { ...DATABASE_RETRY, nonRetryableErrorTypes: ['InsufficientStock', 'BadMovement'] },
};

/** Each call says what it does: the summary shows on the activity in the Temporal UI. */
export const local = (summary: string) => proxyLocalActivities<Activities>({ ...localOptions, summary });
export const acts = (summary: string) => proxyActivities<Activities>({ ...actOptions, summary });
/** One stock movement, summarised as what moves where. */
export const move = (m: Parameters<Activities['transferStock']>[0]) =>
  acts(`${m.kind}: ${m.quantity} × ${m.partNo}, ${m.from} → ${m.to}`).transferStock(m);
