/**
 * Maintenance by usage (R-ASSET-2, 003 §3.1 使用频率) against the real dev server: a plan follows a unit's
 * running hours reported by monitoring; the reading that reaches a threshold (less its lead) opens that
 * threshold's maintenance request once, however often or concurrently readings arrive; a counter that goes
 * back is refused, a late reading opens nothing; staff see the counter and what falls due next.
 */
import { eventually, startApi, type Api } from '../setup/apiHarness';

let api: Api;
beforeAll(async () => {
  api = await startApi('usage');
}, 120_000);
afterAll(async () => api?.close());

const run = Date.now().toString(36); // counters of this run: meters of earlier runs on the same server stay apart
const counter = `runningHours${run}`;
const at = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
const reading = (messageId: string, value: number, minutes: number) => ({
  messageId: `${run}-${messageId}`,
  serialNumber: 'WT-2023-0042',
  counter,
  value,
  observedAt: at(minutes),
});
const send = (body: unknown) => api.call('POST', '/iot/usage-readings', api.tok.service, body);
const occurrences = (planId: string) =>
  api.models.MaintenanceOccurrence.find({ planId }).comment('scan: a test looks').lean();
const PLAN = {
  serialNumber: 'WT-2023-0042',
  leadDays: 10,
  usage: { counter, every: 2000, openBefore: 100 },
  checklist: [
    { item: 'change the gearbox oil', kind: 'other' },
    { item: 'check the yaw brake', kind: 'inspection' },
  ],
};

describe('maintenance by usage', () => {
  it('R-ASSET-2 running hours open each threshold’s maintenance once; a counter never goes back', async () => {
    const created = await api.call('POST', '/maintenance-plans', api.tok.dispatcher, PLAN);
    expect(created.status).toBe(201);
    const { planId } = created.body;
    const plan = await api.call('GET', `/maintenance-plans/${planId}`, api.tok.dispatcher);
    expect(plan.body).toMatchObject({ schedule: { exists: false }, upcoming: [], usage: { from: 0 } });

    expect((await send(reading('a', 1200, 0))).body).toMatchObject({ highest: 1200, opened: [] });
    // 1,950 h is within 100 h of 2,000 h: the 2,000 h maintenance opens, due 10 days on.
    const first = await send(reading('b', 1950, 1));
    expect(first).toMatchObject({ status: 201, body: { opened: [{ planId, threshold: 2000 }] } });
    expect((await send(reading('b', 1950, 1))).body).toEqual(first.body); // the same message again
    expect((await send(reading('c', 1990, 2))).body.opened).toEqual([]); // 2,000 h is open already
    const [occ] = await eventually(
      () => occurrences(planId),
      (o) => o.length === 1,
      'the 2,000 h occurrence',
    );
    expect(occ.atCounter).toEqual({ counter, threshold: 2000, value: 1950 });
    const request = await eventually(
      () => api.call('GET', `/requests/${occ.requestNo}`, api.tok.agent),
      (r) => r.status === 200 && !!r.body.maintenance,
      'its maintenance request',
    );
    expect(request.body.intake).toMatchObject({ kind: 'maintenance', serialNumber: 'WT-2023-0042', region: 'north' });
    const dueDate = new Date(Date.parse(at(1)) + 10 * 86_400_000).toISOString().slice(0, 10);
    expect(request.body.maintenance).toMatchObject({ planId, dueDate });
    expect(request.body.intake.fault.symptoms).toContain(`maintenance at 2000 ${counter}`);

    // Going back later is a reset meter: refused. An older reading arriving late opens nothing.
    const back = await send(reading('d', 1500, 3));
    expect(back.status).toBe(409);
    expect(back.body.error).toMatch(/went back from 1990/);
    expect(await send(reading('e', 1000, -5))).toMatchObject({ status: 200, body: { late: true, opened: [] } });

    // Two readings past 4,000 h at once: one occurrence.
    const both = await Promise.all([send(reading('f', 3950, 4)), send(reading('g', 3960, 5))]);
    expect(both.flatMap((b) => b.body.opened.map((o: { threshold: number }) => o.threshold))).toEqual([4000]);
    await eventually(
      () => occurrences(planId),
      (o) => o.length === 2,
      'the 4,000 h occurrence',
    );

    const usage = await api.call('GET', '/units/WT-2023-0042/usage', api.tok.agent);
    expect(usage.body.counters).toEqual([expect.objectContaining({ counter, value: 3960 })]);
    expect(usage.body.plans).toEqual([expect.objectContaining({ planId, value: 3960, nextThreshold: 6000 })]);
  });

  it('R-ASSET-2 a replaced meter is reset and the plan counts on; a fault report’s running hours feed the meter', async () => {
    const hours = `hours${run}`;
    const plan = { ...PLAN, usage: { counter: hours, every: 500, openBefore: 10 } };
    const { planId } = (await api.call('POST', '/maintenance-plans', api.tok.dispatcher, plan)).body;
    const read = (id: string, value: number, minutes: number) =>
      send({ ...reading(id, value, minutes), counter: hours });
    expect((await read('r1', 480, 0)).body.opened).toEqual([]);
    const reset = (body: unknown, c = hours) =>
      api.call('POST', `/units/WT-2023-0042/usage/${c}/reset`, api.tok.admin, body);
    expect((await reset({ reason: 'x' }, `never${run}`)).status).toBe(404);
    const notLower = await reset({ value: 600, reason: 'x' });
    expect(notLower).toMatchObject({ status: 409, body: { error: expect.stringMatching(/a reset starts lower/) } });
    expect(
      (await api.call('POST', `/units/WT-2023-0042/usage/${hours}/reset`, api.tok.agent, { reason: 'x' })).status,
    ).toBe(403);
    const done = await reset({ reason: 'hour meter replaced with the controller board' });
    expect(done).toMatchObject({ status: 200, body: { highest: 0, offset: 480, resets: [{ from: 480, to: 0 }] } });
    // 5 h on the new meter: 485 h over the unit's life, not yet within 10 h of 500 h.
    expect((await read('r2', 5, 1)).body).toMatchObject({ value: 5, lifetime: 485, opened: [] });
    // Monitoring's fault report carries the hour meter: 15 h → 495 h, the 500 h maintenance opens.
    const fault = await api.call('POST', '/iot/fault-reports', api.tok.service, {
      messageId: `${run}-fault`,
      serialNumber: 'WT-2023-0042',
      faultCode: `G${run.toUpperCase()}`.slice(0, 12),
      severity: 'minor',
      observedAt: at(2),
      readings: { [hours]: 15, oilTempC: 71 },
    });
    expect(fault.status).toBe(201);
    const [occ] = await eventually(
      () => occurrences(planId),
      (o) => o.length === 1,
      'the 500 h occurrence',
    );
    expect(occ.atCounter).toEqual({ counter: hours, threshold: 500, value: 495 });
    const usage = await api.call('GET', '/units/WT-2023-0042/usage', api.tok.agent);
    expect(usage.body.counters).toEqual(
      expect.arrayContaining([expect.objectContaining({ counter: hours, value: 495 })]),
    );
  });

  it('R-ASSET-2 bad readings and plans are refused with the reason; only monitoring reports readings', async () => {
    expect((await send({ ...reading('x', 10, 0), counter: '9hours' })).status).toBe(400);
    expect((await send({ ...reading('x', -1, 0) })).status).toBe(400);
    const noUnit = await send({ ...reading('x', 10, 0), serialNumber: 'NOPE-1' });
    expect(noUnit).toMatchObject({ status: 400, body: { error: expect.stringMatching(/no unit/) } });
    expect((await api.call('POST', '/iot/usage-readings', api.tok.agent, reading('x', 10, 0))).status).toBe(403);
    const { usage: _usage, ...noRule } = PLAN;
    const neither = await api.call('POST', '/maintenance-plans', api.tok.dispatcher, noRule);
    expect(neither).toMatchObject({ status: 400, body: { error: expect.stringMatching(/calendar.*usage/) } });
    const lead = { ...PLAN, usage: { counter, every: 100, openBefore: 100 } };
    expect((await api.call('POST', '/maintenance-plans', api.tok.dispatcher, lead)).status).toBe(400);
    expect((await api.call('GET', '/units/NOPE-1/usage', api.tok.agent)).status).toBe(404);
  });
});
