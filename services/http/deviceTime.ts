/**
 * When a step was done on an engineer's device without a network (docs/offline.md). The device sends the
 * step later with `X-Aftersales-Done-At` (its clock when the step was done) and `X-Aftersales-Sent-At` (its
 * clock when sending). Their difference from the server's clock at receipt is the device's offset, which
 * corrects the step's time; a step never counts later than its receipt. The workflow bounds it further
 * (never before the last recorded step) and the history flags an offset over two minutes.
 */
import type { Request } from 'express';
import type { Actor } from '../../shared/common/actor';
import { HttpError } from './errors';

const SKEW_FLAG_MS = 2 * 60_000;

function timeHeader(req: Request, name: string): number | undefined {
  const raw = req.get(name);
  if (raw === undefined) return undefined;
  const ms = /^\d{4}-\d\d-\d\dT/.test(raw) ? Date.parse(raw) : NaN;
  if (Number.isNaN(ms)) throw new HttpError(400, `${name}: an ISO 8601 date-time like 2026-12-02T10:15:00.000Z`);
  return ms;
}

/** Only an engineer's device works offline: anyone else sending a step's time is refused, not ignored. */
export function deviceTimeOf(
  req: Request,
  role: Actor['role'],
  now = Date.now(),
): Pick<Actor, 'doneAt' | 'clockSkewMs'> {
  if (role !== 'engineer' && req.get('x-aftersales-done-at') !== undefined)
    throw new HttpError(400, "X-Aftersales-Done-At: only an engineer's device sends steps done offline");
  const done = timeHeader(req, 'x-aftersales-done-at');
  const sent = timeHeader(req, 'x-aftersales-sent-at');
  if (done === undefined) {
    if (sent !== undefined) throw new HttpError(400, 'X-Aftersales-Sent-At: only with X-Aftersales-Done-At');
    return {};
  }
  if (sent !== undefined && done > sent)
    throw new HttpError(400, 'X-Aftersales-Done-At: a step cannot be done after it was sent (X-Aftersales-Sent-At)');
  const skew = sent === undefined ? 0 : now - sent;
  const doneAt = new Date(Math.min(done + skew, now)).toISOString();
  return Math.abs(skew) > SKEW_FLAG_MS ? { doneAt, clockSkewMs: skew } : { doneAt };
}
