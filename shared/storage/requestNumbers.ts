/** Where request numbers stand: the day a number is issued for, and the highest issued that day. */
import { formatRequestNo } from '../serviceRequest/ids';
import type { Models } from './models';

/** The day in the server's time zone (TZ) that a request number carries: YYYYMMDD. */
export const localDay = (d: Date): string =>
  `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}`;

/** The highest sequence of the day in the read model: it may lag Temporal a moment, so callers still claim by start. */
export async function highestKnownSeq(models: Models, day: string): Promise<number> {
  const prefix = `SR-${day}-`;
  const today = await models.ServiceRequest.find({ _id: { $regex: `^${prefix}` } }, { _id: 1 }).lean();
  return today.reduce((max, r) => Math.max(max, Number(r._id.slice(prefix.length)) || 0), 0);
}

/** A number to try after `tried` (a number already taken), or after the highest known one today. */
export async function nextRequestNoGuess(models: Models, now: Date, tried?: string): Promise<string> {
  const day = localDay(now);
  const seqOfTried = tried?.startsWith(`SR-${day}-`) ? Number(tried.slice(12)) : 0;
  return formatRequestNo(day, Math.max(await highestKnownSeq(models, day), seqOfTried) + 1);
}
