/**
 * The retry policy of activities that read or write our own database: retried quickly at first, then at
 * most once a minute, for ever (an activity is idempotent by workflow + step, so a retry is always safe;
 * a business refusal is an ApplicationFailure marked non-retryable).
 */
import type { RetryPolicy } from '@temporalio/common';

export const DATABASE_RETRY: RetryPolicy = {
  initialInterval: '1 second',
  backoffCoefficient: 2,
  maximumInterval: '1 minute',
};
