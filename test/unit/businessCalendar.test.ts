/**
 * Business-time SLA clocks (R-SLA-6), pure: service hours in a time zone, holidays, make-up working days
 * (调休), pauses that span closed hours, and a calendar an admin cannot get wrong.
 */
import { addBusinessMs, businessMsBetween, countedBusinessMs } from '../../shared/sla/calendar';
import { calendarSchema } from '../../shared/sla/calendarSchemas';
import * as sla from '../../shared/sla/clocks';
import type { BusinessCalendar, SlaPolicy } from '../../shared/sla/types';

const H = 3_600_000;
const MIN = 60_000;
const day = [{ from: '09:00', to: '18:00' }];
const cal: BusinessCalendar = {
  key: 'cn',
  version: 3,
  name: 'test',
  timeZone: 'Asia/Shanghai',
  week: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] },
  holidays: [1, 2, 3, 4, 5, 6, 7].map((d) => ({ date: `2026-10-0${d}`, name: '国庆节' })),
  workingDays: [{ date: '2026-10-10', name: '国庆节调休' }],
};
/** A Shanghai wall-clock moment (UTC+8, no daylight saving). */
const sh = (local: string) => Date.parse(`${local}+08:00`);
const iso = (ms: number) => new Date(ms).toISOString();
const policy: SlaPolicy = {
  key: 'office',
  version: 1,
  name: 'office hours',
  warnAtShare: 0.75,
  managerEscalationDelayMs: 2 * H,
  offerAcceptanceMs: 15 * MIN,
  budgets: { urgent: { dispatch: 4 * H, arrival: 4 * H }, important: {}, general: {} },
  businessHours: { calendar: 'cn', clocks: ['dispatch'] },
  calendar: cal,
};

describe('R-SLA-6 business-time clocks', () => {
  it('R-SLA-6 received Friday 17:50 with 4 business hours on Mon–Fri 09:00–18:00 breaches Monday 12:50', () => {
    expect(iso(addBusinessMs(cal, sh('2026-11-27T17:50:00'), 4 * H))).toBe(iso(sh('2026-11-30T12:50:00')));
    const [dispatch, arrival] = sla.startClocks(policy, 'urgent', 'fault_repair', iso(sh('2026-11-27T17:50:00')));
    expect(dispatch).toMatchObject({ name: 'dispatch', calendar: 'cn@3', deadline: iso(sh('2026-11-30T12:50:00')) });
    // A clock the policy does not name counts elapsed time (24/7 stays the default).
    expect(arrival).toMatchObject({ name: 'arrival', deadline: iso(sh('2026-11-27T21:50:00')) });
    expect(arrival.calendar).toBeUndefined();
    // The warning at 75 % of the budget is 3 service hours in: Monday 11:50.
    const warning = sla.pendingEvents([dispatch], policy).find((e) => e.kind === 'warning');
    expect(iso(warning!.at)).toBe(iso(sh('2026-11-30T11:50:00')));
  });

  it('R-SLA-6 a public holiday serves no hours and a make-up Saturday (调休) serves a weekday’s', () => {
    // Wednesday 30 Sep 17:00 + 4 h: 1 h that day, National Day week closed, Thursday 8 Oct 09:00 + 3 h.
    expect(iso(addBusinessMs(cal, sh('2026-09-30T17:00:00'), 4 * H))).toBe(iso(sh('2026-10-08T12:00:00')));
    // Friday 9 Oct 16:00 + 8 h: 2 h that day, Saturday 10 Oct is worked: 09:00 + 6 h = 15:00 on the Saturday.
    expect(iso(addBusinessMs(cal, sh('2026-10-09T16:00:00'), 8 * H))).toBe(iso(sh('2026-10-10T15:00:00')));
    // An ordinary Saturday counts nothing.
    expect(businessMsBetween(cal, sh('2026-10-17T00:00:00'), sh('2026-10-18T23:59:00'))).toBe(0);
  });

  it('R-SLA-6 R-SLA-5 a pause on the customer that spans a night leaves out only the service hours it covered', () => {
    const [c] = sla.startClocks(policy, 'urgent', 'fault_repair', iso(sh('2026-11-23T16:00:00'))); // Monday 16:00
    expect(c.deadline).toBe(iso(sh('2026-11-24T11:00:00')));
    sla.pauseClocks([c], ['dispatch'], 'customer', sh('2026-11-23T17:00:00'), undefined, cal); // 1 h counted
    expect(c.deadline).toBeUndefined();
    sla.resumeClocks([c], sh('2026-11-24T10:00:00'), 'customer', cal); // Tuesday 10:00: 3 h left
    expect(c.deadline).toBe(iso(sh('2026-11-24T13:00:00')));
    expect(countedBusinessMs(cal, c, sh('2026-11-24T12:00:00'))).toBe(3 * H);
    // Stopped after its deadline: breached, late by the wall-clock time past the deadline.
    const fired = sla.fireDue([c], policy, sh('2026-11-24T13:00:00'));
    expect(fired.map((e) => e.kind)).toEqual(['warning', 'breach']);
    sla.stopClocks([c], ['dispatch'], sh('2026-11-24T13:30:00'), undefined, cal);
    expect(c).toMatchObject({ outcome: 'breached', overrunMs: 30 * MIN });
  });

  it('R-SLA-6 a calendar that could never count a deadline is refused with the reason', () => {
    const ok = { name: 'x', timeZone: 'Asia/Shanghai', week: cal.week };
    expect(calendarSchema.safeParse(ok).success).toBe(true);
    const closed = { ...ok, week: { ...cal.week, mon: [], tue: [], wed: [], thu: [], fri: [] } };
    expect(calendarSchema.safeParse(closed).error?.issues[0].message).toBe('at least one weekday has service hours');
    expect(calendarSchema.safeParse({ ...ok, timeZone: 'Mars/Olympus' }).error?.issues[0].message).toMatch(/IANA/);
    const backwards = { ...ok, week: { ...cal.week, mon: [{ from: '18:00', to: '09:00' }] } };
    expect(calendarSchema.safeParse(backwards).success).toBe(false);
    const both = { ...ok, holidays: [{ date: '2026-10-10' }], workingDays: [{ date: '2026-10-10' }] };
    expect(calendarSchema.safeParse(both).error?.issues[0].message).toMatch(/either a holiday or a make-up/);
  });
});
