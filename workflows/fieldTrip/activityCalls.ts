/** The activities the fieldTrip workflow calls, with their timeouts and retry policies. */
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';

/** Short reads of master data, recorded in history as markers. */
export const local = proxyLocalActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    nonRetryableErrorTypes: ['NotFound'],
  },
});

/** Stock moves and records must eventually succeed; each retry is a no-op once written (keyed by workflow + step). */
export const acts = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    nonRetryableErrorTypes: ['InsufficientStock', 'BadMovement'],
  },
});
