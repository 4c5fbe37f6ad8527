/** HTTP errors: what was wrong and what is allowed, as JSON with the right status. */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { NextFunction, Request, Response } from 'express';
import type { ZodError } from 'zod';
import { logger } from '../../shared/runtime/logger';
import { FAILURE_FORBIDDEN, FAILURE_NOT_ALLOWED, FAILURE_TRY_AGAIN } from '../../shared/common/failures';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: unknown,
    /** Seconds after which a retry may succeed (503). */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

/** An update its validator or handler refused, as HTTP: NotAllowed → 409 (with the reason), Forbidden → 403. */
export function updateRejection(err: unknown): HttpError | undefined {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    if (err.cause.type === FAILURE_NOT_ALLOWED) return new HttpError(409, err.cause.message);
    if (err.cause.type === FAILURE_FORBIDDEN) return new HttpError(403, err.cause.message);
    if (err.cause.type === FAILURE_TRY_AGAIN) return new HttpError(503, err.cause.message, undefined, 1);
  }
  return undefined;
}

export function validationError(error: ZodError, where: string): HttpError {
  const issues = error.issues.map((i) => ({ field: [where, ...i.path.map(String)].join('.'), rule: i.message }));
  return new HttpError(400, `invalid ${where}: ${issues.map((i) => `${i.field}: ${i.rule}`).join('; ')}`, issues);
}

/** What the JSON body parser refuses, in words a client can act on (express's errors carry status and type). */
const BODY_ERRORS: Record<string, (err: { charset?: string; limit?: number; message: string }) => string> = {
  'entity.too.large': (e) => `body is larger than the ${Math.round((e.limit ?? 0) / 1024)} KB allowed`,
  'entity.parse.failed': () => 'body is not valid JSON',
  'charset.unsupported': (e) => `charset ${e.charset ?? ''} is not supported: send JSON in UTF-8`,
  'encoding.unsupported': (e) => `${e.message}: send the body uncompressed, gzip or deflate`,
  'request.aborted': () => 'the request body was cut off',
  'request.size.invalid': () => 'the body is shorter or longer than its Content-Length',
};

/** A dependency (database, Temporal) that cannot be reached now: the client should retry later. */
/**
 * What FerretDB passes on while its PostgreSQL cannot serve: no connection, a connection ended by a shutdown or
 * crash (SQLSTATE 57P01–57P03), a connection exception (class 08), or a server starting up or in recovery.
 */
const POSTGRES_DOWN =
  /failed to connect to .*(connection refused|dial error)|SQLSTATE (57P0[1-3]|08\d{3})|unexpected postmaster exit|the database system is (starting up|shutting down|in recovery mode)/s;

export function isUnavailable(err: unknown): boolean {
  const e = err as { name?: string; code?: unknown; message?: string; cause?: unknown };
  if (!e || typeof e !== 'object') return false;
  if (
    /^Mongo(ServerSelection|Network|NetworkTimeout|PoolCleared|NotConnected|TopologyClosed)Error$/.test(e.name ?? '')
  ) {
    return true;
  }
  if (/buffering timed out|Client must be connected|connection .* closed/i.test(e.message ?? '')) return true;
  // FerretDB answers while its PostgreSQL is down (restarting, unreachable): the database is, in effect.
  if (e.name === 'MongoServerError' && POSTGRES_DOWN.test(e.message ?? '')) return true;
  // gRPC from Temporal: 14 UNAVAILABLE, 4 DEADLINE_EXCEEDED.
  if (e.name === 'ServiceError' || e.name === 'ConnectionError') return true;
  if (e.code === 14 || e.code === 4) return true;
  return e.cause !== undefined && e.cause !== err && isUnavailable(e.cause);
}

export const RETRY_AFTER_SECONDS = 5;

/** A customer link's token never reaches a log line. */
export const redactToken = (url: string) => url.replace(/([?&]token=)[^&]*/g, '$1[redacted]');

export function errorHandler(err: unknown, _req: Request, res: Response, _next: NextFunction): void {
  if (res.headersSent) {
    // A streamed answer (an export) failed part-way: cut it off so the client sees it is incomplete.
    logger.error({ err }, 'stream failed after its headers were sent');
    res.destroy();
    return;
  }
  if (err instanceof HttpError) {
    if (err.retryAfter) res.set('Retry-After', String(err.retryAfter));
    res.status(err.status).json({ error: err.message, ...(err.details ? { details: err.details } : {}) });
    return;
  }
  const e = err as { type?: string; status?: number; expose?: boolean; message: string };
  if (e.expose && e.status && e.status >= 400 && e.status < 500) {
    // Refused by the body parser before any route ran: nothing was read, nothing written.
    const say = (e.type && BODY_ERRORS[e.type]) || (() => `body could not be read: ${e.message}`);
    res.status(e.status).json({ error: say(e) });
    return;
  }
  if (isUnavailable(err)) {
    logger.warn(
      { err: (err as Error).message, path: redactToken(_req.originalUrl) },
      'a dependency is unavailable: 503',
    );
    res.set('Retry-After', String(RETRY_AFTER_SECONDS));
    res.status(503).json({ error: 'a service this call needs is not reachable right now; retry shortly' });
    return;
  }
  logger.error({ err, path: redactToken(_req.originalUrl) }, 'unexpected error: 500');
  res.status(500).json({ error: 'internal error' });
}
