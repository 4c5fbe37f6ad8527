/**
 * Dispatcher endpoints over HTTP against the real Temporal dev server and FerretDB: the list sorted by
 * nearest deadline and filtered, a request's SLA clocks, reassignment and rescheduling with reasons,
 * earlier requests for the unit, and SLA policy versions.
 */
import { intakeBody } from '../setup/env';
import { eventually, startApi, type Api } from '../setup/apiHarness';

let api: Api;
beforeAll(async () => {
  api = await startApi('disp');
}, 120_000);
afterAll(async () => api?.close());

const HOUR = 3_600_000;
const call = (method: string, path: string, token?: string, body?: unknown) => api.call(method, path, token, body);
const open = async (over: Record<string, unknown> = {}) => {
  const r = await call('POST', '/requests', api.tok.agent, intakeBody(over));
  expect(r.status).toBe(201);
  return r.body.requestNo as string;
};
const until = (requestNo: string, ok: (v: any) => boolean, what = 'state') =>
  eventually(() => call('GET', `/requests/${requestNo}`, api.tok.dispatcher).then((r) => r.body), ok, what);
const inReadModel = (requestNo: string, ok: (d: any) => boolean) =>
  eventually(
    () => api.models.ServiceRequest.findById(requestNo).lean(),
    (d) => !!d && ok(d),
    `read model of ${requestNo}`,
  );

describe('HTTP: the dispatcher list', () => {
  it('R-DISPATCH-1 R-SLA-1 open requests come nearest deadline first, filterable by region, status, engineer and breach', async () => {
    const general = await open({ urgency: 'general' }); // dispatch due in 4 h
    const urgent = await open({ urgency: 'urgent' }); // 30 min
    const important = await open({ urgency: 'important' }); // 2 h
    const north = await open({
      urgency: 'urgent',
      customerId: 'CUST-003',
      serialNumber: 'SWH-2019-0777',
      region: 'north',
    });
    for (const no of [general, urgent, important, north])
      await inReadModel(no, (d) => d.status === 'offered' && !!d.nextDeadline);

    const list = await call('GET', '/requests?open=true&sort=deadline&region=east', api.tok.dispatcher);
    expect(list.status).toBe(200);
    const mine = list.body.items
      .map((i: any) => i.requestNo)
      .filter((n: string) => [general, urgent, important].includes(n));
    expect(mine).toEqual([urgent, important, general]);
    const deadlines = list.body.items.map((i: any) => i.nextDeadline ?? '~');
    expect(deadlines).toEqual([...deadlines].sort());
    expect(list.body.items[0].deadlineOrder).toBeUndefined(); // the sort key stays internal

    const northOnly = await call('GET', '/requests?open=true&sort=deadline&region=north', api.tok.dispatcher);
    expect(northOnly.body.items.map((i: any) => i.requestNo)).toEqual([north]);
    const offeredTo4 = await call('GET', '/requests?engineerId=ENG-004&status=offered', api.tok.dispatcher);
    expect(offeredTo4.body.items.map((i: any) => i.requestNo)).toEqual([north]);
    expect((await call('GET', '/requests?breached=true&region=east', api.tok.dispatcher)).body.total).toBe(0);
    expect(await call('GET', '/requests?sort=soonest', api.tok.dispatcher)).toMatchObject({
      status: 400,
      body: { details: [{ field: 'query.sort' }] },
    });

    for (const no of [general, urgent, important, north])
      await call('POST', `/requests/${no}/cancel`, api.tok.agent, { reason: 'test over' });
  });

  it('R-SLA-4 a breached request shows in the breach filter, in its SLA state and in Temporal visibility', async () => {
    // This test's database: urgent dispatch within 2 s, so the breach happens while we watch.
    await api.models.SlaPolicy.updateOne({ _id: 'general' }, { $set: { 'budgets.urgent.dispatch': 2_000 } });
    let no: string;
    try {
      no = await open({ urgency: 'urgent' });
      await until(no, (v) => !!v.slaPolicy, 'policy loaded'); // the workflow reads the policy after the 201
    } finally {
      await api.models.SlaPolicy.updateOne({ _id: 'general' }, { $set: { 'budgets.urgent.dispatch': 30 * 60_000 } });
    }
    await inReadModel(no, (d) => d.slaBreached === true);
    const breached = await call('GET', '/requests?breached=true&open=true', api.tok.dispatcher);
    expect(breached.body.items.map((i: any) => i.requestNo)).toEqual([no]);
    expect(breached.body.items[0]).toMatchObject({
      breachedClocks: ['dispatch'],
      breaches: [{ clock: 'dispatch', escalatedTo: ['supervisor'] }],
    });

    const sla = await call('GET', `/requests/${no}/sla`, api.tok.dispatcher);
    expect(sla.status).toBe(200);
    const dispatch = sla.body.clocks.find((c: any) => c.name === 'dispatch');
    expect(dispatch).toMatchObject({ state: 'breached', budgetMs: 2_000, escalatedTo: ['supervisor'] });
    expect(dispatch.overdueMs).toBeGreaterThan(0);
    expect(sla.body.clocks.find((c: any) => c.name === 'arrival')).toMatchObject({
      state: 'running',
      remainingMs: expect.any(Number),
    });

    const query = `SlaBreached = true AND BreachedClocks = 'dispatch' AND WorkflowId = 'service-request:${no}'`;
    const ids = async () => {
      const out: string[] = [];
      for await (const w of api.client.workflow.list({ query })) out.push(w.workflowId);
      return out;
    };
    expect(await eventually(ids, (x) => x.length === 1, 'visibility')).toEqual([`service-request:${no}`]);
    await call('POST', `/requests/${no}/cancel`, api.tok.agent, { reason: 'test over' });
  });
});

describe('HTTP: reassignment and rescheduling', () => {
  it('R-DISPATCH-4 reassign with a reason; bad input 400, wrong role 403, same engineer 409; a reschedule needs a reason', async () => {
    const no = await open();
    await until(no, (v) => v.status === 'offered');
    expect((await call('POST', `/requests/${no}/offer/accept`, api.tok.eng1)).body.status).toBe('assigned');
    const window = {
      windowStart: new Date(Date.now() + 2 * HOUR).toISOString(),
      windowEnd: new Date(Date.now() + 4 * HOUR).toISOString(),
      estimatedDurationMinutes: 60,
      customerConsent: true,
    };
    expect((await call('POST', `/requests/${no}/appointment`, api.tok.eng1, window)).body.status).toBe('scheduled');

    expect(await call('POST', `/requests/${no}/assign`, api.tok.dispatcher, { engineerId: 'ENG-002' })).toMatchObject({
      status: 400,
      body: { details: [{ field: 'body.reason' }] },
    });
    expect(
      await call('POST', `/requests/${no}/assign`, api.tok.dispatcher, { engineerId: 'ENG-404', reason: 'x' }),
    ).toMatchObject({ status: 400, body: { error: 'body.engineerId: no active engineer ENG-404' } });
    expect(
      (await call('POST', `/requests/${no}/assign`, api.tok.eng1, { engineerId: 'ENG-002', reason: 'swap' })).status,
    ).toBe(403);
    expect(
      await call('POST', `/requests/${no}/assign`, api.tok.dispatcher, { engineerId: 'ENG-001', reason: 'again' }),
    ).toEqual({ status: 409, body: { error: 'engineer ENG-001 is already assigned' } });

    const re = await call('POST', `/requests/${no}/assign`, api.tok.dispatcher, {
      engineerId: 'ENG-002',
      reason: 'ENG-001 is sick',
    });
    // An update answers with what it recorded; the whole request is one GET away.
    expect(re.body.status).toBe('scheduled');
    expect(re.body.recorded[0]).toMatchObject({ action: 'reassigned' });
    expect((await call('GET', `/requests/${no}`, api.tok.dispatcher)).body).toMatchObject({
      status: 'scheduled',
      engineerId: 'ENG-002',
      appointment: { windowStart: window.windowStart },
    });
    expect((await call('GET', `/requests/${no}/work-order`, api.tok.eng1)).status).toBe(403); // no longer theirs
    expect((await call('GET', `/requests/${no}/work-order`, api.tok.eng2)).body).toMatchObject({
      engineerId: 'ENG-002',
    });

    const later = {
      ...window,
      windowStart: new Date(Date.now() + 26 * HOUR).toISOString(),
      windowEnd: new Date(Date.now() + 28 * HOUR).toISOString(),
    };
    expect(await call('POST', `/requests/${no}/appointment`, api.tok.dispatcher, later)).toEqual({
      status: 409,
      body: { error: "a reschedule needs a reason (reason), and the customer's consent" },
    });
    const moved = await call('POST', `/requests/${no}/appointment`, api.tok.dispatcher, {
      ...later,
      reason: 'customer away until tomorrow',
      customerChoseTime: true,
    });
    expect(moved.body.status).toBe('scheduled');
    expect(moved.body.recorded[0]).toMatchObject({ action: 'appointment_changed' });
    const sla = await call('GET', `/requests/${no}/sla`, api.tok.eng2);
    expect(sla.body).toMatchObject({ waitingOn: 'customer' });
    expect(sla.body.clocks.find((c: any) => c.name === 'arrival')).toMatchObject({
      state: 'paused',
      deadline: null,
      pauses: [{ reason: 'customer_chose_later_appointment' }],
    });

    const actions = (await call('GET', `/requests/${no}`, api.tok.dispatcher)).body.history.map((h: any) => h.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'offered',
        'offer_accepted',
        'appointment_agreed',
        'reassigned',
        'appointment_changed',
        'sla_clocks_paused',
      ]),
    );
    await call('POST', `/requests/${no}/cancel`, api.tok.agent, { reason: 'test over' });
  });

  it('R-VISIT-4 R-VISIT-5 ending a visit or answering support is refused with 409 when there is nothing to end or answer', async () => {
    const no = await open();
    await until(no, (v) => v.status === 'offered');
    await call('POST', `/requests/${no}/offer/accept`, api.tok.eng1);
    expect(
      await call('POST', `/requests/${no}/visit/end`, api.tok.eng1, {
        outcome: 'another_visit_needed',
        reason: 'parts',
        needs: ['parts'],
      }),
    ).toEqual({
      status: 409,
      body: {
        error:
          'request can end a visit only while on_site, diagnosed, awaiting_approval or repairing (status: assigned)',
      },
    });
    expect(
      (await call('POST', `/requests/${no}/visit/end`, api.tok.eng1, { outcome: 'done', reason: 'x', needs: [] }))
        .status,
    ).toBe(400);
    expect(
      await call('POST', `/requests/${no}/support/answer`, api.tok.support, { mode: 'remote', answer: 'reflash' }),
    ).toEqual({ status: 409, body: { error: `request ${no} has no open support request` } });
    expect(
      (await call('POST', `/requests/${no}/support`, api.tok.eng1, { mode: 'remote', question: 'which firmware?' }))
        .status,
    ).toBe(200);
    expect((await call('GET', `/requests/${no}`, api.tok.eng1)).body.waitingOn).toBe('technical_support');
    expect(
      (await call('POST', `/requests/${no}/support/answer`, api.tok.dispatcher, { mode: 'remote', answer: 'v2.1' }))
        .status,
    ).toBe(403);
    expect(
      (await call('POST', `/requests/${no}/support/answer`, api.tok.support, { mode: 'remote', answer: 'v2.1' }))
        .status,
    ).toBe(200);
    expect((await call('GET', `/requests/${no}`, api.tok.eng1)).body.support[0]).toMatchObject({
      answer: 'v2.1',
      answeredBy: 'tech-1',
    });
    await call('POST', `/requests/${no}/cancel`, api.tok.agent, { reason: 'test over' });
  });
});

describe('HTTP: remote guidance and earlier requests', () => {
  it("R-INTAKE-5 R-INTAKE-7 a unit's earlier request and how it was solved is shown at intake and on the work order", async () => {
    const first = await open({ remoteGuidanceFirst: true, serialNumber: 'SWH-2025-0001' });
    await until(first, (v) => v.status === 'remote_guidance');
    const solved = await call('POST', `/requests/${first}/remote-guidance`, api.tok.agent, {
      solved: true,
      summary: 'reset the controller by phone',
    });
    expect(solved.body.status).toBe('awaiting_follow_up');
    await inReadModel(first, (d) => d.resolution === 'remote guidance: reset the controller by phone');

    const again = await call('POST', '/requests', api.tok.agent, intakeBody());
    // Newest first: the one solved remotely, then the earlier (cancelled) ones of other tests.
    expect(again.body.earlierRequests[0]).toMatchObject({
      requestNo: first,
      status: 'awaiting_follow_up',
      resolution: 'remote guidance: reset the controller by phone',
    });
    expect(again.body.earlierRequests.map((r: any) => r.requestNo)).not.toContain(again.body.requestNo);
    await until(again.body.requestNo, (v) => v.status === 'offered');
    const order = await call('GET', `/requests/${again.body.requestNo}/work-order`, api.tok.eng1);
    expect(order.body.earlierRequests[0]).toMatchObject({
      requestNo: first,
      resolution: 'remote guidance: reset the controller by phone',
    });
    await call('POST', `/requests/${again.body.requestNo}/cancel`, api.tok.agent, { reason: 'test over' });
  });
});

describe('HTTP: SLA policies', () => {
  it('R-SLA-2 an admin publishes a new version; running requests keep theirs; bad input and other roles are refused', async () => {
    const running = await open();
    await until(running, (v) => v.slaPolicy?.version === 1);
    const current = (await call('GET', '/sla-policies/general', api.tok.dispatcher)).body;
    expect(current.versions.map((v: any) => v.version)).toEqual([1]);
    const { key: _k, version: _v, versions: _vs, ...body } = current;
    const changed = {
      ...body,
      budgets: { ...body.budgets, important: { ...body.budgets.important, arrival: 6 * HOUR } },
    };

    expect((await call('PUT', '/sla-policies/general', api.tok.dispatcher, changed)).status).toBe(403);
    const bad = await call('PUT', '/sla-policies/general', api.tok.admin, { ...changed, warnAtShare: 1.5 });
    expect(bad).toMatchObject({ status: 400, body: { details: [{ field: 'body.warnAtShare' }] } });
    expect((await call('GET', '/sla-policies/general', api.tok.admin)).body.version).toBe(1); // nothing written

    const put = await call('PUT', '/sla-policies/general', api.tok.admin, changed);
    expect(put.body).toMatchObject({ key: 'general', version: 2 });
    expect(
      (await call('GET', '/sla-policies/general', api.tok.agent)).body.versions.map((v: any) => v.version),
    ).toEqual([1, 2]);

    const fresh = await open();
    const v2 = await until(fresh, (v) => !!v.slaPolicy);
    expect(v2.slaPolicy.version).toBe(2);
    expect(v2.clocks.find((c: any) => c.name === 'arrival').budgetMs).toBe(6 * HOUR);
    const v1 = await until(running, () => true);
    expect(v1.slaPolicy.version).toBe(1);
    expect(v1.clocks.find((c: any) => c.name === 'arrival').budgetMs).toBe(4 * HOUR);
    for (const no of [running, fresh])
      await call('POST', `/requests/${no}/cancel`, api.tok.agent, { reason: 'test over' });
  });
});
