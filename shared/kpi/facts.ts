/**
 * KPIs (R-RECORD-3) from facts reported once per finished request, complaint, adopted improvement
 * action and suggestion received or reviewed (R-TRIAGE-3), summed per month and per region, engineer and
 * product line. Pure and sandbox-safe: the month workflow adds facts, the service reads a few monthly rows and derives the KPIs against their targets.
 */
import type { ServiceRequestView } from '../serviceRequest/types';
import { countedBusinessMs } from '../sla/calendar';
import type { SlaClock } from '../sla/types';

export interface RequestFact {
  type: 'request';
  ref: string;
  month: string;
  region: string;
  engineerId?: string;
  productLine?: string;
  /** Receipt to the first step a person took (contact, acceptance, assignment). */
  responseMs?: number;
  /** The dispatch clock: receipt to an engineer assigned, less pauses (in service hours on a business calendar). */
  dispatchMs?: number;
  arrivalMet?: boolean;
  /** First check-in to the work recorded. */
  repairMs?: number;
  visits: number;
  solved: boolean;
  satisfaction?: number;
}
export type KpiFact =
  | RequestFact
  | { type: 'complaint'; ref: string; month: string; region?: string }
  | { type: 'adopted'; ref: string; month: string }
  /** The fault of `ref` came back (reported by the later request `by`): it was not a first-time fix. */
  | { type: 'recurrence'; ref: string; month: string; by: string }
  /** A suggestion received (R-TRIAGE-3), in its month of receipt. */
  | { type: 'suggestion'; ref: string; month: string; region?: string }
  /** Quality's review of a suggestion, in its month of review. */
  | { type: 'suggestionReviewed'; ref: string; month: string; region?: string; adopted: boolean };

export const SUM_KEYS = [
  'requests',
  'solved',
  'firstTimeFix',
  'responseN',
  'responseMs',
  'dispatchN',
  'dispatchMs',
  'arrivalN',
  'arrivalMet',
  'repairN',
  'repairMs',
  'surveyed',
  'satisfied',
  'complaints',
  'adopted',
  'suggestions',
  'suggestionsReviewed',
  'suggestionsAdopted',
] as const;
export type Sums = Record<(typeof SUM_KEYS)[number], number>;
export const emptySums = (): Sums => Object.fromEntries(SUM_KEYS.map((k) => [k, 0])) as Sums;

export interface MonthSums {
  all: Sums;
  byRegion: Record<string, Sums>;
  byEngineer: Record<string, Sums>;
  byProductLine: Record<string, Sums>;
}
export const emptyMonth = (): MonthSums => ({ all: emptySums(), byRegion: {}, byEngineer: {}, byProductLine: {} });

const month = (iso: string) => iso.slice(0, 7);
const firstAt = (v: ServiceRequestView, actions: string[]) => v.history.find((e) => actions.includes(e.action))?.at;
const ms = (a?: string, b?: string) => (a && b ? Math.max(0, Date.parse(b) - Date.parse(a)) : undefined);

/** What a stopped clock counted: elapsed time less pauses, or service hours on its calendar (R-SLA-6). */
function clockCountedMs(v: ServiceRequestView, c: SlaClock): number {
  const cal = c.calendar && v.slaCalendar;
  if (cal) return countedBusinessMs(cal, c, Date.parse(c.stoppedAt!));
  return Math.max(0, (ms(c.startedAt, c.stoppedAt) ?? 0) - c.pausedMs);
}

/** The fact a finished request reports (counted in the month it was signed off, else received). */
export function requestFactOf(v: ServiceRequestView): RequestFact {
  const clock = (n: string) => v.clocks?.find((c) => c.name === n);
  const dispatch = clock('dispatch');
  const arrival = clock('arrival');
  const person = v.history.find((e, i) => i > 0 && e.actor.id !== 'workflow' && e.actor.role !== 'customer');
  return {
    type: 'request',
    ref: v.requestNo,
    month: month(v.signOff?.at ?? v.receivedAt),
    region: v.intake.region,
    ...(v.engineerId ? { engineerId: v.engineerId } : {}),
    ...(v.unit?.productLine ? { productLine: v.unit.productLine } : {}),
    ...(person ? { responseMs: ms(v.receivedAt, person.at) } : {}),
    ...(dispatch?.stoppedAt && dispatch.outcome !== 'not_needed' && dispatch.outcome !== 'cancelled'
      ? { dispatchMs: clockCountedMs(v, dispatch) }
      : {}),
    ...(arrival?.outcome === 'met' || arrival?.outcome === 'breached' ? { arrivalMet: arrival.outcome === 'met' } : {}),
    ...(firstAt(v, ['work_recorded'])
      ? { repairMs: ms(firstAt(v, ['checked_in']), firstAt(v, ['work_recorded'])) }
      : {}),
    visits: v.visits?.length ?? 0,
    solved: v.closedAs === 'completed' && !!v.signOff,
    ...(v.followUp ? { satisfaction: v.followUp.overall } : {}),
  };
}

/** Adds (sign 1) or takes back (sign −1) a fact's counts. */
export function addTo(s: Sums, f: KpiFact, sign: 1 | -1 = 1): void {
  const add = (k: keyof Sums, n = 1): void => {
    s[k] = (s[k] ?? 0) + sign * n; // a month counted before a key existed lacks it
  };
  if (f.type === 'complaint') return add('complaints');
  if (f.type === 'suggestion') return add('suggestions');
  if (f.type === 'suggestionReviewed') {
    add('suggestionsReviewed');
    return f.adopted ? add('suggestionsAdopted') : undefined;
  }
  if (f.type === 'adopted') return add('adopted');
  if (f.type === 'recurrence') return add('firstTimeFix', -1);
  add('requests');
  if (f.solved) add('solved');
  if (f.solved && f.visits <= 1) add('firstTimeFix');
  if (f.responseMs !== undefined) {
    add('responseN');
    add('responseMs', f.responseMs);
  }
  if (f.dispatchMs !== undefined) {
    add('dispatchN');
    add('dispatchMs', f.dispatchMs);
  }
  if (f.arrivalMet !== undefined) {
    add('arrivalN');
    if (f.arrivalMet) add('arrivalMet');
  }
  if (f.repairMs !== undefined) {
    add('repairN');
    add('repairMs', f.repairMs);
  }
  if (f.satisfaction !== undefined) {
    add('surveyed');
    if (f.satisfaction >= 8) add('satisfied');
  }
}

/** Adds a fact to a month: overall and under each of its dimensions. */
export function addToMonth(
  m: MonthSums,
  f: KpiFact,
  dims: { region?: string; engineerId?: string; productLine?: string },
  sign: 1 | -1 = 1,
) {
  addTo(m.all, f, sign);
  const into = (map: Record<string, Sums>, key?: string) => key && addTo((map[key] ??= emptySums()), f, sign);
  into(m.byRegion, dims.region);
  into(m.byEngineer, dims.engineerId);
  into(m.byProductLine, dims.productLine);
}

export function sumOf(list: Sums[]): Sums {
  const out = emptySums();
  for (const s of list) for (const k of SUM_KEYS) out[k] += s[k] ?? 0;
  return out;
}

export interface KpiTargets {
  responseMinutes: number;
  repairHours: number;
  solvedShare: number;
  satisfactionShare: number;
  arrivalOnTimeShare: number;
  firstTimeFixShare: number;
}
/** 004 quotes 30 min average response, 2.5 h mean repair, ≥ 95 % solved, satisfaction 90 % → 98 %. */
export const DEFAULT_TARGETS: KpiTargets = {
  responseMinutes: 30,
  repairHours: 2.5,
  solvedShare: 0.95,
  satisfactionShare: 0.9,
  arrivalOnTimeShare: 0.95,
  firstTimeFixShare: 0.85,
};

const avg = (total: number, n: number, unit: number) => (n ? Math.round((total / n / unit) * 100) / 100 : null);
const share = (part: number, n: number) => (n ? Math.round((part / n) * 1000) / 1000 : null);

/** Each KPI with its target and whether it is met (lower is better for times, higher for shares). */
export function kpisOf(counted: Sums, t: KpiTargets) {
  const s: Sums = { ...emptySums(), ...counted }; // a month counted before a key existed lacks it
  const under = (value: number | null, target: number) => ({
    value,
    target,
    met: value === null ? null : value <= target,
  });
  const over = (value: number | null, target: number) => ({
    value,
    target,
    met: value === null ? null : value >= target,
  });
  return {
    requests: s.requests,
    responseMinutes: under(avg(s.responseMs, s.responseN, 60_000), t.responseMinutes),
    dispatchMinutes: { value: avg(s.dispatchMs, s.dispatchN, 60_000) },
    arrivalOnTimeShare: over(share(s.arrivalMet, s.arrivalN), t.arrivalOnTimeShare),
    firstTimeFixShare: over(share(s.firstTimeFix, s.solved), t.firstTimeFixShare),
    repairHours: under(avg(s.repairMs, s.repairN, 3_600_000), t.repairHours),
    solvedShare: over(share(s.solved, s.requests), t.solvedShare),
    satisfactionShare: over(share(s.satisfied, s.surveyed), t.satisfactionShare),
    complaints: s.complaints,
    improvementActionsAdopted: s.adopted,
    suggestions: { received: s.suggestions, reviewed: s.suggestionsReviewed, adopted: s.suggestionsAdopted },
  };
}
