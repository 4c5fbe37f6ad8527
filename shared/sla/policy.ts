/** An SLA policy as stored (master data) → the plain value a request keeps for its life (R-SLA-1/2). */
import type { BusinessCalendar, SlaPolicy } from './types';
import { WEEKDAYS } from './types';

/** The stored policy as the plain value the workflow keeps (no mongoose metadata, no empty budgets). */
export function slaPolicyOf(doc: Record<string, any>): SlaPolicy {
  const clean = (b: Record<string, unknown> = {}) =>
    Object.fromEntries(Object.entries(b).filter(([, v]) => typeof v === 'number'));
  return {
    key: doc.key,
    version: doc.version,
    name: doc.name,
    budgets: {
      urgent: clean(doc.budgets?.urgent),
      important: clean(doc.budgets?.important),
      general: clean(doc.budgets?.general),
    },
    ...(doc.byKind
      ? {
          byKind: Object.fromEntries(
            Object.entries(doc.byKind).map(([k, b]) => [k, clean(b as Record<string, unknown>)]),
          ),
        }
      : {}),
    warnAtShare: doc.warnAtShare,
    managerEscalationDelayMs: doc.managerEscalationDelayMs,
    offerAcceptanceMs: doc.offerAcceptanceMs,
    ...(doc.businessHours?.calendar
      ? { businessHours: { calendar: doc.businessHours.calendar, clocks: [...doc.businessHours.clocks] } }
      : {}),
  };
}

/** The stored calendar as the plain value a request keeps (R-SLA-6). */
export function calendarOf(doc: Record<string, any>): BusinessCalendar {
  const hours = (hs: { from: string; to: string }[] = []) => hs.map(({ from, to }) => ({ from, to }));
  return {
    key: doc.key,
    version: doc.version,
    name: doc.name,
    timeZone: doc.timeZone,
    week: Object.fromEntries(WEEKDAYS.map((d) => [d, hours(doc.week?.[d])])) as BusinessCalendar['week'],
    holidays: (doc.holidays ?? []).map((h: any) => ({ date: h.date, ...(h.name ? { name: h.name } : {}) })),
    workingDays: (doc.workingDays ?? []).map((w: any) => ({
      date: w.date,
      ...(w.name ? { name: w.name } : {}),
      ...(w.hoursOf ? { hoursOf: w.hoursOf } : {}),
    })),
  };
}
