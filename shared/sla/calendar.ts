/**
 * Business-time arithmetic on a calendar (R-SLA-6), pure and deterministic (Luxon for the time zone, no
 * clock of its own), so the workflow can sleep to the exact business-time deadline. A day's service hours
 * are the weekday's, none on a holiday, and a make-up working day (调休) has the hours of the weekday it
 * stands in for (Monday unless it says).
 */
import { DateTime } from 'luxon';
import type { BusinessCalendar, ClockPause, ServiceHours } from './types';
import { WEEKDAYS } from './types';

/** How far ahead a deadline is looked for: a calendar is refused unless some weekday has hours. */
const MAX_DAYS = 800;

const localDay = (cal: BusinessCalendar, at: number) => DateTime.fromMillis(at, { zone: cal.timeZone }).startOf('day');

function instant(day: DateTime, hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h === 24 ? day.plus({ days: 1 }).startOf('day').toMillis() : day.set({ hour: h, minute: m }).toMillis();
}

/** The hours the calendar serves on a local day. */
export function hoursOn(cal: BusinessCalendar, day: DateTime): ServiceHours[] {
  const date = day.toISODate()!;
  if (cal.holidays.some((d) => d.date === date)) return [];
  const makeUp = cal.workingDays.find((d) => d.date === date);
  return cal.week[makeUp ? (makeUp.hoursOf ?? 'mon') : WEEKDAYS[day.weekday - 1]] ?? [];
}

/** The service-hour intervals of the days from `from` on, as epoch ms, in order. */
function* windowsFrom(cal: BusinessCalendar, from: number): Generator<[number, number]> {
  let day = localDay(cal, from);
  for (let i = 0; i < MAX_DAYS; i++, day = day.plus({ days: 1 }).startOf('day')) {
    for (const h of hoursOn(cal, day)) {
      const end = instant(day, h.to);
      if (end > from) yield [Math.max(from, instant(day, h.from)), end];
    }
  }
  throw new Error(`calendar ${cal.key}@${cal.version} has no service hours in ${MAX_DAYS} days`);
}

/** The moment `amountMs` of service hours after `from` (from itself when nothing is left to count). */
export function addBusinessMs(cal: BusinessCalendar, from: number, amountMs: number): number {
  let left = amountMs;
  if (left <= 0) return from;
  for (const [start, end] of windowsFrom(cal, from)) {
    if (end - start >= left) return start + left;
    left -= end - start;
  }
  throw new Error('unreachable');
}

/** Service hours between two moments. */
export function businessMsBetween(cal: BusinessCalendar, from: number, to: number): number {
  let sum = 0;
  if (to <= from) return 0;
  for (const [start, end] of windowsFrom(cal, from)) {
    if (start >= to) break;
    sum += Math.min(end, to) - start;
  }
  return sum;
}

/** The stretches a clock counted in, from its start to `until`: its start to the first pause, between pauses, … */
function countingStretches(startedAt: number, pauses: ClockPause[], until: number): [number, number][] {
  const out: [number, number][] = [];
  let cursor = startedAt;
  for (const p of pauses) {
    const from = Math.min(Math.max(Date.parse(p.from), cursor), until);
    out.push([cursor, from]);
    if (!p.to) return out;
    cursor = Math.max(cursor, Date.parse(p.to));
    if (cursor >= until) return out;
  }
  out.push([cursor, until]);
  return out;
}

/** Service hours a clock has counted by `at`: the time between its pauses that the calendar serves. */
export function countedBusinessMs(
  cal: BusinessCalendar,
  clock: { startedAt: string; pauses: ClockPause[] },
  at: number,
): number {
  return countingStretches(Date.parse(clock.startedAt), clock.pauses, at).reduce(
    (sum, [a, b]) => sum + businessMsBetween(cal, a, b),
    0,
  );
}

/**
 * The moment a clock has counted `amountMs` of service hours, its closed pauses left out (a clock with an
 * open pause has no such moment yet: undefined).
 */
export function businessMomentOf(
  cal: BusinessCalendar,
  clock: { startedAt: string; pauses: ClockPause[] },
  amountMs: number,
): number | undefined {
  let cursor = Date.parse(clock.startedAt);
  let left = amountMs;
  for (const p of clock.pauses) {
    const from = Math.max(Date.parse(p.from), cursor);
    const counted = businessMsBetween(cal, cursor, from);
    if (counted >= left) return addBusinessMs(cal, cursor, left);
    if (!p.to) return undefined;
    left -= counted;
    cursor = Math.max(cursor, Date.parse(p.to));
  }
  return addBusinessMs(cal, cursor, left);
}

export const calendarRef = (cal: Pick<BusinessCalendar, 'key' | 'version'>) => `${cal.key}@${cal.version}`;
