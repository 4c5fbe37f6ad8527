/**
 * A maintenance plan's Temporal Schedule (R-MAINT-1): it fires on the calendar days the plan's
 * occurrences open (due date minus the lead time), for as long as the plan runs (a contract plan
 * until the contract ends). Catch-up after downtime and manual triggers are safe: occurrences are
 * claimed by plan + unit + due date.
 */
import type { CalendarSpec, Client, ScheduleSpec } from '@temporalio/client';
import { MONTHS } from '@temporalio/client';
import { addDays } from '../../shared/maintenance/dueDates';
import { maintenanceScheduleId, maintenanceTickId } from '../../shared/maintenance/ids';

export interface PlanTiming {
  firstDue: string;
  everyMonths: number;
  leadDays: number;
  endsOn?: string;
}

/** A stored plan's calendar, or undefined for a plan that follows usage only (R-ASSET-2): it has no Schedule. */
export function calendarOf(p: {
  firstDue?: string | null;
  everyMonths?: number | null;
  leadDays: number;
  endsOn?: string | null;
}): PlanTiming | undefined {
  if (!p.firstDue || !p.everyMonths) return undefined;
  return {
    firstDue: p.firstDue,
    everyMonths: p.everyMonths,
    leadDays: p.leadDays,
    ...(p.endsOn ? { endsOn: p.endsOn } : {}),
  };
}

/** The calendar of opening days. Months of different lengths move an opening by a day or two; the tick allows for it. */
export function specOf(p: PlanTiming): ScheduleSpec {
  const open = addDays(p.firstDue, -p.leadDays);
  const [year, month, day] = [+open.slice(0, 4), +open.slice(5, 7), +open.slice(8, 10)];
  const calendar: CalendarSpec =
    p.everyMonths >= 12
      ? {
          year: { start: year, end: 2100, step: p.everyMonths / 12 },
          month: MONTHS[month - 1],
          dayOfMonth: Math.min(day, 28),
          hour: 1,
        }
      : {
          month: Array.from({ length: 12 / p.everyMonths }, (_, k) => MONTHS[(month - 1 + k * p.everyMonths) % 12]),
          dayOfMonth: Math.min(day, 28),
          hour: 1,
        };
  return {
    calendars: [
      { ...calendar, comment: `opens ${p.leadDays} days before each due date, every ${p.everyMonths} months` },
    ],
    startAt: new Date(`${open}T00:00:00Z`),
    ...(p.endsOn ? { endAt: new Date(`${p.endsOn}T23:59:59Z`) } : {}),
  };
}

export async function createPlanSchedule(
  client: Client,
  taskQueue: string,
  planId: string,
  p: PlanTiming,
  what: string,
) {
  await client.schedule.create({
    scheduleId: maintenanceScheduleId(planId),
    spec: specOf(p),
    action: {
      type: 'startWorkflow',
      workflowType: 'maintenanceTick',
      workflowId: maintenanceTickId(planId),
      taskQueue,
      args: [{ planId }],
      staticSummary: `maintenance plan ${planId}: ${what}`,
    },
    policies: { catchupWindow: '7 days', overlap: 'ALLOW_ALL' },
    state: { note: `plan ${planId}: ${what}` },
  });
}
