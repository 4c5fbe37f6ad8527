/** Where request numbers stand: the day a number is issued for, and the highest issued that day. */
import { formatRequestNo } from '../serviceRequest/ids';
import type { Models } from './models';

/** The day in the server's time zone (TZ) that a request number carries: YYYYMMDD. */
export const localDay = (d: Date): string =>
  `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}`;

/**
 * The highest sequence of the day in the read model, found by _id lookups (gallop, then halve: about
 * 2·log2(n) lookups, never a scan of the history). The read model may lag Temporal a moment, so callers
 * still claim by start and move on past a number already taken.
 */
export function highestKnownSeq(models: Models, day: string): Promise<number> {
  return highestSeq(async (seq) => !!(await models.ServiceRequest.exists({ _id: formatRequestNo(day, seq) })));
}

/** The highest n for which `exists(n)` holds, numbers being taken 1, 2, 3, …: gallop, then halve. */
export async function highestSeq(taken: (seq: number) => Promise<boolean>): Promise<number> {
  const exists = async (seq: number) => seq <= 0 || (await taken(seq));
  let lo = 0;
  let step = 1;
  while (await exists(lo + step)) {
    lo += step;
    step *= 2;
  }
  let hi = lo + step;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (await exists(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** A number to try after `tried` (a number already taken), or after the highest known one today. */
export async function nextRequestNoGuess(models: Models, now: Date, tried?: string): Promise<string> {
  const day = localDay(now);
  const seqOfTried = tried?.startsWith(`SR-${day}-`) ? Number(tried.slice(12)) : 0;
  return formatRequestNo(day, Math.max(await highestKnownSeq(models, day), seqOfTried) + 1);
}
