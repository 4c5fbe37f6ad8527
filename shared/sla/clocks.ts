/**
 * SLA clock arithmetic (R-SLA-1..5), pure and deterministic: no I/O, no clock of its own. The
 * workflow asks for the next moment something is due, sleeps on a durable timer until then (or until
 * a clock changes), and fires what is due at that exact moment.
 *
 * deadline = startedAt + budget + accumulated pause. A paused clock has no deadline; its pause ends
 * when the request stops waiting on the customer (or at the pause's `until`, e.g. the start of the
 * appointment window the customer chose). A clock on a business calendar (R-SLA-6) counts only its service
 * hours between pauses: its deadline is the moment that count reaches the budget.
 */
import type { RequestKind, Urgency } from '../serviceRequest/vocabulary';
import { addBusinessMs, businessMomentOf, calendarRef } from './calendar';
import type { BusinessCalendar, ClockName, SlaClock, SlaPolicy } from './types';
import { CLOCK_NAMES } from './types';

export type ClockEvent =
  | { kind: 'warning'; clock: SlaClock; at: number }
  | { kind: 'breach'; clock: SlaClock; at: number }
  | { kind: 'manager'; clock: SlaClock; at: number }
  | { kind: 'resume'; clock: SlaClock; at: number };

const iso = (ms: number) => new Date(ms).toISOString();
const ms = (s: string) => Date.parse(s);

/** The clocks a request of this urgency and kind runs under the policy, all starting at receipt. */
export function budgetsFor(policy: SlaPolicy, urgency: Urgency, kind: RequestKind): Partial<Record<ClockName, number>> {
  return { ...(policy.budgets[urgency] ?? {}), ...(policy.byKind?.[kind] ?? {}) };
}

export function startClocks(policy: SlaPolicy, urgency: Urgency, kind: RequestKind, startedAt: string): SlaClock[] {
  const budgets = budgetsFor(policy, urgency, kind);
  const cal = policy.calendar;
  const business = (n: ClockName) => !!cal && !!policy.businessHours?.clocks.includes(n);
  return CLOCK_NAMES.filter((n) => typeof budgets[n] === 'number' && budgets[n]! > 0).map((name) => {
    const c: SlaClock = { name, budgetMs: budgets[name]!, startedAt, pausedMs: 0, pauses: [], escalatedTo: [] };
    if (business(name)) c.calendar = calendarRef(cal!);
    c.deadline = iso(deadlineMs(c, cal));
    return c;
  });
}

/** Business policies keep their calendar on the policy value; a clock uses it only when it says so. */
type ClockPolicy = Pick<SlaPolicy, 'warnAtShare' | 'managerEscalationDelayMs' | 'calendar' | 'managerOnCalendar'>;
const onCalendar = (c: SlaClock, cal?: BusinessCalendar) => (c.calendar && cal ? cal : undefined);
/** The moment the clock will have counted `amount`: elapsed time plus pauses, or service hours on its calendar. */
function momentOf(c: SlaClock, amount: number, cal?: BusinessCalendar): number {
  const business = onCalendar(c, cal);
  return business ? businessMomentOf(business, c, amount)! : ms(c.startedAt) + c.pausedMs + amount;
}

export const isRunning = (c: SlaClock) => !c.stoppedAt;
export const isPaused = (c: SlaClock) => !c.stoppedAt && c.pauses.some((p) => !p.to);

/** What a reader sees of a clock: its outcome once stopped, else paused, breached, warning or running. */
export const clockState = (c: SlaClock) =>
  c.stoppedAt ? c.outcome! : isPaused(c) ? 'paused' : c.breachedAt ? 'breached' : c.warnedAt ? 'warning' : 'running';
const openPause = (c: SlaClock) => c.pauses.find((p) => !p.to);

function deadlineMs(c: SlaClock, cal?: BusinessCalendar): number {
  return momentOf(c, c.budgetMs, cal);
}

/** Everything still due on running clocks, earliest first. */
export function pendingEvents(clocks: SlaClock[], policy: ClockPolicy): ClockEvent[] {
  const out: ClockEvent[] = [];
  for (const c of clocks) {
    if (!isRunning(c)) continue;
    const pause = openPause(c);
    if (pause) {
      if (pause.until) out.push({ kind: 'resume', clock: c, at: ms(pause.until) });
      continue;
    }
    const deadline = deadlineMs(c, policy.calendar);
    if (!c.warnedAt && !c.breachedAt)
      out.push({
        kind: 'warning',
        clock: c,
        at: momentOf(c, Math.round(policy.warnAtShare * c.budgetMs), policy.calendar),
      });
    if (!c.breachedAt) out.push({ kind: 'breach', clock: c, at: deadline });
    else if (!c.escalatedTo.includes('manager')) out.push({ kind: 'manager', clock: c, at: escalationAt(c, policy) });
  }
  return out.sort((a, b) => a.at - b.at || order(a) - order(b));
}
const order = (e: ClockEvent) => ['resume', 'warning', 'breach', 'manager'].indexOf(e.kind);

/** The manager hears of a breach the policy's delay after it: in service hours on a business clock (R-SLA-6). */
function escalationAt(c: SlaClock, policy: ClockPolicy): number {
  const business = policy.managerOnCalendar ? onCalendar(c, policy.calendar) : undefined;
  const breached = ms(c.breachedAt!);
  return business
    ? addBusinessMs(business, breached, policy.managerEscalationDelayMs)
    : breached + policy.managerEscalationDelayMs;
}

export function nextEventAt(clocks: SlaClock[], policy: ClockPolicy): number | undefined {
  return pendingEvents(clocks, policy)[0]?.at;
}

/**
 * Applies every event due at `now`, in time order (a resume can make a warning due, a breach makes
 * the manager escalation due later). Returns what happened, for history and notifications.
 */
export function fireDue(clocks: SlaClock[], policy: ClockPolicy, now: number): ClockEvent[] {
  const fired: ClockEvent[] = [];
  for (let guard = 0; guard < 100; guard++) {
    const next = pendingEvents(clocks, policy)[0];
    if (!next || next.at > now) break;
    const c = next.clock;
    switch (next.kind) {
      case 'resume':
        endPause(c, next.at, policy.calendar);
        break;
      case 'warning':
        c.warnedAt = iso(next.at);
        break;
      case 'breach':
        c.breachedAt = iso(next.at);
        c.warnedAt ??= iso(next.at);
        c.escalatedTo.push('supervisor');
        break;
      case 'manager':
        c.escalatedTo.push('manager');
        break;
    }
    fired.push(next);
  }
  return fired;
}

/** Pauses the named running clocks (R-SLA-5: the wait is the customer's, not ours). */
export function pauseClocks(
  clocks: SlaClock[],
  names: ClockName[],
  reason: string,
  at: number,
  until?: number,
  cal?: BusinessCalendar,
): SlaClock[] {
  const paused: SlaClock[] = [];
  for (const c of clocks) {
    if (!names.includes(c.name) || !isRunning(c)) continue;
    if (isPaused(c)) endPause(c, at, cal); // a new wait replaces the old one
    c.pauses.push({ reason, from: iso(at), ...(until !== undefined ? { until: iso(until) } : {}) });
    delete c.deadline;
    paused.push(c);
  }
  return paused;
}

/** Ends every open pause (with the given reason, or any) at `at`. */
export function resumeClocks(clocks: SlaClock[], at: number, reason?: string, cal?: BusinessCalendar): SlaClock[] {
  const resumed: SlaClock[] = [];
  for (const c of clocks) {
    const p = openPause(c);
    if (!p || (reason && p.reason !== reason)) continue;
    endPause(c, at, cal);
    resumed.push(c);
  }
  return resumed;
}

function endPause(c: SlaClock, at: number, cal?: BusinessCalendar): void {
  const p = openPause(c)!;
  const to = Math.max(at, ms(p.from));
  p.to = iso(to);
  c.pausedMs += to - ms(p.from);
  c.deadline = iso(deadlineMs(c, cal));
}

/** Stops the named clocks; a clock that had breached records by how much it was late. */
export function stopClocks(
  clocks: SlaClock[],
  names: readonly ClockName[],
  at: number,
  outcome?: 'not_needed' | 'cancelled',
  cal?: BusinessCalendar,
): SlaClock[] {
  const stopped: SlaClock[] = [];
  for (const c of clocks) {
    if (!names.includes(c.name) || !isRunning(c)) continue;
    if (isPaused(c)) endPause(c, at, cal);
    c.stoppedAt = iso(at);
    if (outcome) c.outcome = outcome;
    else if (c.breachedAt) {
      // Breached at its deadline with nothing reported; a step done offline may say it was in time (overrun 0).
      c.outcome = 'breached';
      c.overrunMs = Math.max(0, at - deadlineMs(c, cal));
    } else c.outcome = 'met';
    if (c.breachedAt && outcome) c.overrunMs = at - deadlineMs(c, cal);
    delete c.deadline;
    stopped.push(c);
  }
  return stopped;
}

export const breachedClocks = (clocks: SlaClock[] = []) => clocks.filter((c) => c.breachedAt).map((c) => c.name);

/** The nearest deadline among running, unpaused clocks (for the dispatcher list and NextDeadline). */
export function nearestDeadline(clocks: SlaClock[] = []): string | undefined {
  const deadlines = clocks
    .filter((c) => isRunning(c) && c.deadline)
    .map((c) => c.deadline!)
    .sort();
  return deadlines[0];
}
