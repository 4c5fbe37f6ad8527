/** SLA policies and clocks (R-SLA-1..5). Sandbox-safe types and values. */
import type { RequestKind, Urgency } from '../serviceRequest/vocabulary';

/**
 * SLA clocks (R-SLA-1..5). acknowledge: a person confirms the request (complaints: 1 h);
 * response: a substantive reply to the customer (power: 24 h; complaints: 24 h); dispatch: an engineer
 * takes the job; arrival: the engineer checks in on site; resolution: the customer signs off (or
 * remote guidance solves it).
 */
export const CLOCK_NAMES = ['acknowledge', 'response', 'dispatch', 'arrival', 'resolution'] as const;
export type ClockName = (typeof CLOCK_NAMES)[number];
export type ClockBudgets = Partial<Record<ClockName, number>>;

export interface SlaPolicy {
  key: string;
  version: number;
  name: string;
  /** Budget of each clock in ms, per urgency; a clock without a budget does not run. */
  budgets: Record<Urgency, ClockBudgets>;
  /** Extra or different budgets for a kind of request (complaints: R-SLA-3). */
  byKind?: Partial<Record<RequestKind, ClockBudgets>>;
  /** Warn when this share of a clock's budget is used (0 < share < 1). */
  warnAtShare: number;
  /** After a breach the supervisor is told at once, the manager this much later if the clock still runs. */
  managerEscalationDelayMs: number;
  /** An offer not accepted within this time goes to the next candidate (R-DISPATCH-3). */
  offerAcceptanceMs: number;
  /** R-SLA-6: these clocks count service hours on a calendar; the others (and every clock without it) elapsed time. */
  businessHours?: { calendar: string; clocks: ClockName[] };
  /** The calendar version the request keeps for life (the region's or contract's, else the policy's). */
  calendar?: BusinessCalendar;
  /**
   * The manager's escalation delay counts service hours on a business clock too. Set on the request's copy at
   * intake (requests taken in before it count that delay in elapsed time for life).
   */
  managerOnCalendar?: boolean;
}

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
/** Local service hours of a day, `HH:MM` to `HH:MM` (`24:00` is the end of the day). */
export interface ServiceHours {
  from: string;
  to: string;
}
/**
 * A business calendar (R-SLA-6): the time zone, the weekly service hours, public holidays and the make-up
 * working days (调休) on which a weekend day is worked with a weekday's hours.
 */
export interface BusinessCalendar {
  key: string;
  version: number;
  name: string;
  timeZone: string;
  week: Record<Weekday, ServiceHours[]>;
  holidays: { date: string; name?: string }[];
  workingDays: { date: string; name?: string; hoursOf?: Weekday }[];
}

export interface ClockPause {
  reason: string;
  from: string;
  to?: string;
  until?: string;
}
export interface SlaClock {
  name: ClockName;
  budgetMs: number;
  startedAt: string;
  /** Accumulated pause while the request waited on the customer (R-SLA-5). */
  pausedMs: number;
  pauses: ClockPause[];
  /** The current deadline; absent while paused (it moves) or once stopped. */
  deadline?: string;
  warnedAt?: string;
  breachedAt?: string;
  escalatedTo: ('supervisor' | 'manager')[];
  stoppedAt?: string;
  outcome?: 'met' | 'breached' | 'not_needed' | 'cancelled';
  /** How late the clock stopped, for a breached clock. */
  overrunMs?: number;
  /** R-SLA-6: the clock counts service hours on this calendar (`key@version`), not elapsed time. */
  calendar?: string;
}
