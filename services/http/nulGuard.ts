/**
 * PostgreSQL cannot hold U+0000 in JSON text (error 22P05), so FerretDB fails any command that carries one,
 * as a filter or as data. Refused here, before any route runs: 400 naming where it is, nothing written.
 */
import type { NextFunction, Request, Response } from 'express';
import { HttpError } from './errors';

const NUL = '\u0000';
const refusal = (where: string) =>
  new HttpError(400, `${where}: contains a NUL character (U+0000), which no field, filter or path may contain`);

/** The first place in a parsed value that holds a NUL, as `body.fault.symptoms` or `query.region`. */
export function nulIn(value: unknown, at: string, depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes(NUL) ? at : undefined;
  if (depth > 64 || value === null || typeof value !== 'object') return undefined;
  for (const [key, v] of Object.entries(value)) {
    const where = Array.isArray(value) ? `${at}[${key}]` : `${at}.${key}`;
    if (key.includes(NUL)) return where;
    const found = nulIn(v, where, depth + 1);
    if (found) return found;
  }
  return undefined;
}

export function refuseNul(req: Request, _res: Response, next: NextFunction): void {
  let path = req.path;
  try {
    path = decodeURIComponent(req.path);
  } catch {
    // a malformed escape is the route's to answer
  }
  if (path.includes(NUL)) return next(refusal('path'));
  const where = nulIn(req.query, 'query') ?? nulIn(req.body, 'body');
  next(where ? refusal(where) : undefined);
}
