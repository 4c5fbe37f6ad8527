/**
 * Business refusals a workflow throws from an update validator or handler; the HTTP layer maps them:
 * NotAllowed → 409 (not allowed in the current state, with the reason), Forbidden → 403 (not this
 * caller's work), TryAgain → 503 with Retry-After (a moment later it will work). Sandbox-safe.
 */
import { ApplicationFailure } from '@temporalio/common';

export const FAILURE_NOT_ALLOWED = 'NotAllowed';
export const FAILURE_FORBIDDEN = 'Forbidden';
/** Not now, but soon: the HTTP layer answers 503 with Retry-After. */
export const FAILURE_TRY_AGAIN = 'TryAgain';

export const notAllowed = (message: string): ApplicationFailure =>
  ApplicationFailure.create({ type: FAILURE_NOT_ALLOWED, message, nonRetryable: true });
export const forbidden = (message: string): ApplicationFailure =>
  ApplicationFailure.create({ type: FAILURE_FORBIDDEN, message, nonRetryable: true });
export const tryAgain = (message: string): ApplicationFailure =>
  ApplicationFailure.create({ type: FAILURE_TRY_AGAIN, message, nonRetryable: true });
