/**
 * What a service contract allows per period (R-ENTITLE-1, 001 §4.2 合同服务): visits and on-site hours per
 * year, quarter, month or the whole term, counted from the contract's start; past it the work is paid (with
 * the quotation gate) or waits for a supervisor's approval, as the contract says. Pure and sandbox-safe.
 */
import { DateTime } from 'luxon';

export const ALLOWANCE_PERIODS = ['term', 'year', 'quarter', 'month'] as const;
export type AllowancePeriod = (typeof ALLOWANCE_PERIODS)[number];
export const BEYOND_ALLOWANCE = ['paid', 'approval'] as const;

export interface Allowance {
  period: AllowancePeriod;
  /** Visits a period includes (each request on the contract takes one when it is taken in). */
  visits?: number;
  /** On-site hours a period includes (the visits' time on site, counted as they end). */
  hours?: number;
  /** Past the allowance: the work is paid (quotation gate), or a supervisor approves it as contract work. */
  beyond: (typeof BEYOND_ALLOWANCE)[number];
}

const months: Record<Exclude<AllowancePeriod, 'term'>, number> = { year: 12, quarter: 3, month: 1 };

/** The period of the contract `day` (YYYY-MM-DD) falls in: from its start, in steps of the period; the term ends it. */
export function periodOf(contract: { start: string; end: string }, period: AllowancePeriod, day: string) {
  if (period === 'term') return { start: contract.start, end: contract.end };
  const start = DateTime.fromISO(contract.start, { zone: 'utc' });
  const at = DateTime.fromISO(day, { zone: 'utc' });
  const step = months[period];
  const elapsed = Math.max(0, Math.floor(at.diff(start, 'months').months / step));
  const from = start.plus({ months: elapsed * step });
  const to = from.plus({ months: step }).minus({ days: 1 }).toISODate()!;
  return { start: from.toISODate()!, end: to < contract.end ? to : contract.end };
}

export interface AllowanceUse {
  period: { start: string; end: string };
  visits?: { allowed: number; used: number; left: number };
  hours?: { allowed: number; used: number; left: number };
  beyond: Allowance['beyond'];
}

const rounded = (h: number) => Math.round(h * 100) / 100;
export function allowanceUse(
  a: Allowance,
  period: { start: string; end: string },
  used: { visits: number; minutes: number },
): AllowanceUse {
  return {
    period,
    ...(a.visits
      ? { visits: { allowed: a.visits, used: used.visits, left: Math.max(0, a.visits - used.visits) } }
      : {}),
    ...(a.hours
      ? {
          hours: {
            allowed: a.hours,
            used: rounded(used.minutes / 60),
            left: rounded(Math.max(0, a.hours - used.minutes / 60)),
          },
        }
      : {}),
    beyond: a.beyond,
  };
}

/** Why a new request is past the allowance, or undefined while some is left. */
export function pastAllowance(use: AllowanceUse): string | undefined {
  const p = `${use.period.start} to ${use.period.end}`;
  if (use.visits && use.visits.left === 0) return `the ${use.visits.allowed} visits of ${p} are used`;
  if (use.hours && use.hours.left === 0) return `the ${use.hours.allowed} on-site hours of ${p} are used`;
  return undefined;
}
