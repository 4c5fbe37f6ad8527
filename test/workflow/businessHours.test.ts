/**
 * Business-time SLA clocks with time skipping (R-SLA-6): the workflow sleeps to the business-time
 * deadline on a calendar in Asia/Shanghai, across a weekend, public holidays and a make-up Saturday (调休);
 * a running request keeps the calendar version it started with; the manager's escalation after a breach counts
 * service hours too.
 */
import { DateTime } from 'luxon';
import type { ServiceRequestView } from '../../shared/serviceRequest/types';
import * as m from '../../shared/serviceRequest/messages';
import { recordFixture } from '../setup/fixtures';
import { act, agent, createHarness, entry, HOUR, stateOf, type Harness } from '../setup/workflowHarness';

let h: Harness;
const day = [{ from: '09:00', to: '18:00' }];
const week = { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] };
const ZONE = 'Asia/Shanghai';

async function publishCalendar(version: number, extra: Record<string, unknown> = {}) {
  const doc = {
    key: 'test-week',
    version,
    name: `test week v${version}`,
    timeZone: ZONE,
    week,
    holidays: [],
    workingDays: [],
    ...extra,
  };
  await h.models.Calendar.replaceOne({ _id: 'test-week' }, { _id: 'test-week', ...doc }, { upsert: true });
}

beforeAll(async () => {
  h = await createHarness('test-business-hours');
  await publishCalendar(1);
  // The general policy's urgent dispatch clock: 4 service hours on the calendar; the others stay elapsed.
  await h.models.SlaPolicy.updateOne(
    { _id: 'general' },
    {
      $set: {
        'budgets.urgent.dispatch': 4 * HOUR,
        businessHours: { calendar: 'test-week', clocks: ['dispatch'] },
        offerAcceptanceMs: 12 * HOUR, // offers wait, so nothing else moves the request over the weekend
        managerEscalationDelayMs: 8 * HOUR, // counted in service hours on a business clock
      },
    },
  );
}, 120_000);
afterAll(async () => h?.teardown());

/** Moves the test server's clock to the next local `weekday` (1 = Monday) at `hh:mm` in Shanghai. */
async function skipTo(weekday: number, hh: number, mm: number): Promise<DateTime> {
  const now = DateTime.fromMillis(await h.env.currentTimeMs(), { zone: ZONE });
  let target = now.set({ hour: hh, minute: mm, second: 0, millisecond: 0 });
  while (target.weekday !== weekday || target <= now) target = target.plus({ days: 1 });
  await h.env.sleep(target.toMillis() - now.toMillis());
  return target;
}
const dispatch = (v: ServiceRequestView) => v.clocks!.find((c) => c.name === 'dispatch')!;
const lateBy = (v: ServiceRequestView, target: DateTime) => Date.parse(v.receivedAt) - target.toMillis();

describe('R-SLA-6 business-hours clocks (time skipping)', () => {
  it('R-SLA-6 received Friday 17:50 with 4 business hours on Mon–Fri 09:00–18:00 Asia/Shanghai: breach Monday 12:50, manager told 8 service hours later', async () => {
    const friday = await skipTo(5, 17, 50);
    const handle = await h.start({ urgency: 'urgent' });
    const v0 = await stateOf(handle);
    const skew = lateBy(v0, friday); // the request is received a moment after the clock was moved
    expect(skew).toBeLessThan(60_000);
    const monday1250 = friday.plus({ days: 3 }).set({ hour: 12, minute: 50 }).toMillis() + skew;
    expect(dispatch(v0)).toMatchObject({ calendar: 'test-week@1', deadline: new Date(monday1250).toISOString() });
    expect(v0.slaCalendar).toMatchObject({ key: 'test-week', version: 1, timeZone: ZONE });
    expect(entry(v0, 'sla_clocks_started')!.detail).toMatchObject({ calendar: 'test-week@1' });

    // The weekend passes without a warning: only 10 minutes of service hours have been counted.
    await h.env.sleep(friday.plus({ days: 3 }).set({ hour: 11, minute: 40 }).toMillis() - friday.toMillis());
    const mondayMorning = await stateOf(handle);
    expect(dispatch(mondayMorning).warnedAt).toBeUndefined();
    expect(dispatch(mondayMorning).breachedAt).toBeUndefined();

    await h.env.sleep(75 * 60_000); // Monday 12:55
    const breached = await stateOf(handle);
    expect(dispatch(breached).warnedAt).toBe(new Date(monday1250 - HOUR).toISOString()); // 3 of 4 h: Monday 11:50
    expect(dispatch(breached).breachedAt).toBe(new Date(monday1250).toISOString());
    const fired = breached.history.find((e) => e.action === 'sla_breached' && e.detail?.clock === 'dispatch');
    expect(Math.abs(Date.parse(fired!.at) - monday1250)).toBeLessThan(1000); // the timer fired at that moment

    // The manager hears 8 service hours after the breach: Monday 12:50 → 18:00 is 5 h 10 min, then 2 h 50 min
    // on Tuesday: 11:50, not Monday 20:50 as elapsed time would say.
    const escalated = (v: ServiceRequestView) =>
      v.history.find((e) => e.action === 'sla_escalated' && e.detail?.clock === 'dispatch');
    await h.env.sleep(9 * HOUR); // Monday 21:55
    expect(escalated(await stateOf(handle))).toBeUndefined();
    const tuesday1150 = friday.plus({ days: 4 }).set({ hour: 11, minute: 50 }).toMillis() + skew;
    await h.env.sleep(tuesday1150 + 5 * 60_000 - (await h.env.currentTimeMs()));
    const told = escalated(await stateOf(handle));
    expect(Math.abs(Date.parse(told!.at) - tuesday1150)).toBeLessThan(1000);
    await act(handle, m.cancelRequestUpdate, { args: [agent, { reason: 'test over' }] });
    await handle.result();
    await recordFixture('serviceRequest-businessHours.history.b64', handle.fetchHistory());
  }, 120_000);

  it('R-SLA-6 across two public holidays and a make-up Saturday; a running request keeps its calendar version', async () => {
    const wednesday = await skipTo(3, 17, 0);
    const date = (d: number) => wednesday.plus({ days: d }).toISODate();
    await publishCalendar(2, {
      holidays: [{ date: date(1) }, { date: date(2) }], // Thursday and Friday
      workingDays: [{ date: date(3), name: '调休' }], // Saturday is worked with Monday's hours
    });
    const handle = await h.start({ urgency: 'urgent' });
    const v0 = await stateOf(handle);
    const skew = lateBy(v0, wednesday);
    // 1 h on Wednesday, nothing on the holidays, 3 h on the make-up Saturday: 12:00.
    const saturdayNoon = wednesday.plus({ days: 3 }).set({ hour: 12 }).toMillis() + skew;
    expect(dispatch(v0)).toMatchObject({ calendar: 'test-week@2', deadline: new Date(saturdayNoon).toISOString() });

    await publishCalendar(3); // a later version without the holidays: new requests only
    await h.env.sleep(wednesday.plus({ days: 3 }).set({ hour: 12, minute: 5 }).toMillis() - wednesday.toMillis());
    const v = await stateOf(handle);
    expect(v.slaCalendar!.version).toBe(2);
    expect(dispatch(v).breachedAt).toBe(new Date(saturdayNoon).toISOString());
    await act(handle, m.cancelRequestUpdate, { args: [agent, { reason: 'test over' }] });
  }, 120_000);
});
