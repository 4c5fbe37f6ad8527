/** HTTP errors: what was wrong and what is allowed, as JSON with the right status. */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { NextFunction, Request, Response } from 'express';
import type { ZodError } from 'zod';
import { FAILURE_FORBIDDEN, FAILURE_NOT_ALLOWED } from '../../shared/common/failures';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** An update its validator or handler refused, as HTTP: NotAllowed → 409 (with the reason), Forbidden → 403. */
export function updateRejection(err: unknown): HttpError | undefined {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    if (err.cause.type === FAILURE_NOT_ALLOWED) return new HttpError(409, err.cause.message);
    if (err.cause.type === FAILURE_FORBIDDEN) return new HttpError(403, err.cause.message);
  }
  return undefined;
}

export function validationError(error: ZodError, where: string): HttpError {
  const issues = error.issues.map((i) => ({ field: [where, ...i.path.map(String)].join('.'), rule: i.message }));
  return new HttpError(400, `invalid ${where}: ${issues.map((i) => `${i.field}: ${i.rule}`).join('; ')}`, issues);
}

export function errorHandler(err: unknown, _req: Request, res: Response, _next: NextFunction): void {
  if (err instanceof HttpError) {
    res.status(err.status).json({ error: err.message, ...(err.details ? { details: err.details } : {}) });
    return;
  }
  if ((err as { type?: string }).type === 'entity.parse.failed') {
    res.status(400).json({ error: 'body is not valid JSON' });
    return;
  }
  console.error('[http] unexpected error', err);
  res.status(500).json({ error: 'internal error' });
}
