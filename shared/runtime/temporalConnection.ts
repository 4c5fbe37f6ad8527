/**
 * How the HTTP services reach Temporal. The SDK's default retries a call that finds the server unavailable
 * ten times with back-off, about 20 s, while the caller waits; the services answer 503 with Retry-After
 * instead, so they retry briefly (three attempts within about a second) and let the caller come back.
 */
import { isRetryableError, makeGrpcRetryInterceptor, type ConnectionOptions } from '@temporalio/client';

/** Attempts of one call while the server is unreachable (the first included). */
export const SERVICE_CALL_ATTEMPTS = 3;
const delays = [200, 500];

export function servicesConnectionOptions(address: string): ConnectionOptions {
  return {
    address,
    connectTimeout: '3 seconds',
    interceptors: [
      makeGrpcRetryInterceptor({
        retryableDecider: (attempt, status) => attempt < SERVICE_CALL_ATTEMPTS && isRetryableError(status),
        delayFunction: (attempt) => delays[Math.min(attempt - 1, delays.length - 1)],
      }),
    ],
  };
}
