/**
 * When maintenance falls due (R-MAINT-1): every `everyMonths` months from the first due date, the request
 * opening `leadDays` before. Pure date arithmetic on calendar days (YYYY-MM-DD, UTC), sandbox-safe.
 */
const DAY = 86_400_000;
const parse = (d: string) => Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10));
const fmt = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const addDays = (d: string, days: number): string => fmt(parse(d) + days * DAY);

/** The k-th due date: the first due date moved k × everyMonths months, clamped to the month's last day. */
export function dueDate(firstDue: string, everyMonths: number, k: number): string {
  const y = +firstDue.slice(0, 4);
  const m = +firstDue.slice(5, 7) - 1 + k * everyMonths;
  const day = +firstDue.slice(8, 10);
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return fmt(Date.UTC(y, m, Math.min(day, last)));
}

/** The first due date on or after `notBefore` (a calendar day); undefined past `endsOn`. */
export function firstDueOnOrAfter(
  plan: { firstDue: string; everyMonths: number; endsOn?: string },
  notBefore: string,
): string | undefined {
  for (let k = 0; k < 10_000; k++) {
    const d = dueDate(plan.firstDue, plan.everyMonths, k);
    if (plan.endsOn && d > plan.endsOn) return undefined;
    if (d >= notBefore) return d;
  }
  return undefined;
}

/** Due dates from `from` to `to` (inclusive), at most `limit`. */
export function dueDatesBetween(
  plan: { firstDue: string; everyMonths: number; endsOn?: string },
  from: string,
  to: string,
  limit = 50,
): string[] {
  const out: string[] = [];
  for (let d = firstDueOnOrAfter(plan, from); d && d <= to && out.length < limit;) {
    out.push(d);
    d = firstDueOnOrAfter(plan, addDays(d, 1));
  }
  return out;
}

/**
 * The due date a scheduled firing serves: its opening day plus the lead time, with 3 days' slack for
 * months of different lengths. A second firing for the same opening (catch-up, retry) serves the same date.
 */
export const notBeforeForFiring = (scheduledDay: string, leadDays: number): string =>
  addDays(scheduledDay, leadDays - 3);
