/**
 * Maintenance plans against the real dev server (R-MAINT-1/2; the time-skipping server has no
 * Schedules): each plan is a Temporal Schedule; an occurrence is opened once per unit and due date,
 * whether the plan is created inside its lead time, triggered by hand or fired twice by the Schedule;
 * plans pause, resume, change and end with a reason.
 */
import { maintenanceScheduleId } from '../../shared/maintenance/ids';
import { issueToken } from '../../shared/runtime/auth';
import { eventually, startApi, type Api } from '../setup/apiHarness';

let api: Api;
beforeAll(async () => {
  api = await startApi('maintenance');
}, 120_000);
afterAll(async () => api?.close());

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const PLAN = {
  serialNumber: 'SWH-2025-0001',
  everyMonths: 6,
  leadDays: 14,
  firstDue: day(7),
  checklist: [
    { item: 'clean the collector tubes', kind: 'cleaning' },
    { item: 'check the anode', kind: 'inspection' },
  ],
  preferredWindow: 'weekday mornings',
};
const occurrences = (planId: string) =>
  api.models.MaintenanceOccurrence.find({ planId }).comment('scan: a test looks').lean();

describe('maintenance plans', () => {
  it('R-MAINT-1 a plan opens each unit’s occurrence once per due date: at creation, by hand, or fired twice', async () => {
    const created = await api.call('POST', '/maintenance-plans', api.tok.dispatcher, PLAN);
    expect(created).toMatchObject({
      status: 201,
      body: { status: 'active', opened: { due: PLAN.firstDue, opened: ['SWH-2025-0001'] } },
    });
    const { planId } = created.body;
    const [first] = await eventually(
      () => occurrences(planId),
      (o) => o.length === 1,
      'the first occurrence',
    );
    const request = await eventually(
      () => api.call('GET', `/requests/${first.requestNo}`, api.tok.agent),
      (r) => r.status === 200 && !!r.body.entitlement,
      'its maintenance request',
    );
    expect(request.body.intake).toMatchObject({ kind: 'maintenance', serialNumber: 'SWH-2025-0001', region: 'east' });
    expect(request.body.maintenance).toMatchObject({
      planId,
      dueDate: PLAN.firstDue,
      preferredWindow: 'weekday mornings',
    });
    expect(request.body.maintenance.checklist.map((c: { item: string }) => c.item)).toEqual(
      PLAN.checklist.map((c) => c.item),
    );

    // By hand: the due date already open answers what it opened, nothing new.
    const again = await api.call('POST', `/maintenance-plans/${planId}/trigger`, api.tok.dispatcher);
    expect(again.body).toMatchObject({ due: PLAN.firstDue, opened: [], already: ['SWH-2025-0001'] });

    // The Schedule itself, fired twice (as a catch-up or an operator's trigger would): the next due date, once.
    const schedule = api.client.schedule.getHandle(maintenanceScheduleId(planId));
    await schedule.trigger();
    await new Promise((r) => setTimeout(r, 1100)); // a second firing, a moment later
    await schedule.trigger();
    const both = await eventually(
      () => occurrences(planId),
      (o) => o.length >= 2,
      'the next occurrence',
    );
    await new Promise((r) => setTimeout(r, 1500));
    expect((await occurrences(planId)).map((o) => o.dueDate).sort()).toEqual([
      PLAN.firstDue,
      both.find((o) => o.dueDate !== PLAN.firstDue)!.dueDate,
    ]);

    const view = await api.call('GET', `/maintenance-plans/${planId}`, api.tok.agent);
    expect(view.body.schedule).toMatchObject({ exists: true, paused: false });
    expect(view.body.upcoming.length).toBeGreaterThan(1);
    const upcoming = await api.call('GET', `/maintenance-plans/upcoming?region=east&to=${day(400)}`, api.tok.agent);
    expect(upcoming.body.items.filter((i: { planId: string }) => i.planId === planId).length).toBeGreaterThanOrEqual(2);
    for (const o of await occurrences(planId))
      await api.call('POST', `/requests/${o.requestNo}/cancel`, api.tok.agent, { reason: 'test over' });
    await api.call('POST', `/maintenance-plans/${planId}/end`, api.tok.dispatcher, { reason: 'test over' });
  });

  it('R-MAINT-2 a plan pauses, resumes, changes for future occurrences and ends, each with a reason', async () => {
    const created = await api.call('POST', '/maintenance-plans', api.tok.dispatcher, { ...PLAN, firstDue: day(120) });
    expect(created.body).not.toHaveProperty('opened'); // its opening day has not come
    const { planId } = created.body;
    const path = `/maintenance-plans/${planId}`;
    expect((await api.call('POST', `${path}/pause`, api.tok.dispatcher, {})).status).toBe(400);
    expect(
      (await api.call('POST', `${path}/pause`, api.tok.dispatcher, { reason: 'site under renovation' })).body.status,
    ).toBe('paused');
    expect((await api.call('GET', path, api.tok.agent)).body.schedule).toMatchObject({ paused: true });
    expect((await api.call('POST', `${path}/trigger`, api.tok.dispatcher)).status).toBe(409);
    expect((await api.call('POST', `${path}/pause`, api.tok.dispatcher, { reason: 'again' })).status).toBe(409);
    await api.call('POST', `${path}/resume`, api.tok.dispatcher, { reason: 'renovation done' });
    const changed = await api.call('POST', `${path}/change`, api.tok.dispatcher, {
      everyMonths: 12,
      checklist: [{ item: 'descale the tank', kind: 'cleaning' }],
      reason: 'hard water: yearly descaling instead',
    });
    expect(changed.body).toMatchObject({ status: 'active', everyMonths: 12, version: 4 });
    expect(changed.body.changes.map((c: { reason?: string }) => c.reason).filter(Boolean)).toEqual([
      'site under renovation',
      'renovation done',
      'hard water: yearly descaling instead',
    ]);
    expect((await api.call('POST', `${path}/end`, api.tok.dispatcher, { reason: 'unit replaced' })).body.status).toBe(
      'ended',
    );
    expect((await api.call('GET', path, api.tok.agent)).body.schedule).toEqual({ exists: false });
    expect((await api.call('POST', `${path}/end`, api.tok.dispatcher, { reason: 'twice' })).status).toBe(409);
  });

  it('R-MAINT-1 bad plans are refused with the reason and create nothing', async () => {
    const before = await api.models.MaintenancePlan.countDocuments().comment('scan: a test looks');
    const refused = (body: unknown, token = api.tok.dispatcher) => api.call('POST', '/maintenance-plans', token, body);
    expect((await refused({ ...PLAN, contractNo: 'SC-2025-017' })).body.error).toContain(
      'either serialNumber or contractNo',
    );
    expect((await refused({ ...PLAN, everyMonths: 5 })).status).toBe(400);
    expect((await refused({ ...PLAN, serialNumber: 'NOPE-1' })).body).toEqual({
      error: 'body.serialNumber: no unit NOPE-1',
    });
    expect(
      (await refused({ ...PLAN, serialNumber: undefined, contractNo: 'SC-2025-017', firstDue: day(900) })).body.error,
    ).toContain('after the contract ends');
    expect((await refused({ ...PLAN, checklist: [] })).status).toBe(400);
    expect((await refused(PLAN, api.tok.eng1)).status).toBe(403);
    expect((await api.call('GET', '/maintenance-plans/MP-NOPE0000', api.tok.agent)).status).toBe(404);
    expect(await api.models.MaintenancePlan.countDocuments().comment('scan: a test looks')).toBe(before);
  });

  it('R-MAINT-1 a defect found on the checklist opens a linked repair request, once', async () => {
    const created = await api.call('POST', '/maintenance-plans', api.tok.dispatcher, { ...PLAN, firstDue: day(3) });
    const [occ] = await eventually(
      () => occurrences(created.body.planId),
      (o) => o.length === 1,
      'the occurrence',
    );
    const no = occ.requestNo as string;
    const offered = await eventually(
      () => api.call('GET', `/requests/${no}`, api.tok.agent),
      (r) => r.body.status === 'offered',
      'offered',
    );
    const engineer = await issueToken(api.config.authSecret, { role: 'engineer', id: offered.body.offer.engineerId });
    await api.call('POST', `/requests/${no}/offer/accept`, engineer);
    await api.call('POST', `/requests/${no}/appointment`, engineer, {
      windowStart: new Date(Date.now() + 3_600_000).toISOString(),
      windowEnd: new Date(Date.now() + 3 * 3_600_000).toISOString(),
      estimatedDurationMinutes: 60,
      customerConsent: true,
    });
    await api.call('POST', `/requests/${no}/check-in`, engineer, { identityShown: true });
    const items = [
      { item: 'clean the collector tubes', result: 'done' },
      { item: 'check the anode', result: 'defect', note: 'anode worn through' },
    ];
    expect((await api.call('POST', `/requests/${no}/checklist`, api.tok.eng3, { items })).status).toBe(403);
    const first = await api.call('POST', `/requests/${no}/checklist`, engineer, { items });
    expect(first).toMatchObject({ status: 200, body: { defectRequests: [expect.any(String)] } });
    const again = await api.call('POST', `/requests/${no}/checklist`, engineer, { items });
    expect(again.body.defectRequests).toEqual(first.body.defectRequests);
    const repair = await eventually(
      () => api.call('GET', `/requests/${first.body.defectRequests[0]}`, api.tok.agent),
      (r) => r.status === 200,
      'the repair request',
    );
    expect(repair.body.intake).toMatchObject({ kind: 'fault_repair', serialNumber: 'SWH-2025-0001' });
    expect(repair.body.intake.fault.symptoms).toContain(`defect found during maintenance ${no}: check the anode`);
    for (const r of [no, first.body.defectRequests[0]])
      await api.call('POST', `/requests/${r}/cancel`, api.tok.agent, { reason: 'test over' });
    await api.call('POST', `/maintenance-plans/${created.body.planId}/end`, api.tok.dispatcher, {
      reason: 'test over',
    });
  });

  it('R-MAINT-2 a contract plan runs to the contract’s end: renewed, it runs on; ended, it shows as ended', async () => {
    const created = await api.call('POST', '/maintenance-plans', api.tok.dispatcher, {
      ...PLAN,
      serialNumber: undefined,
      contractNo: 'SC-2025-017',
      firstDue: day(60),
    });
    expect(created).toMatchObject({ status: 201, body: { contractNo: 'SC-2025-017', customerId: 'CUST-002' } });
    const { planId, endsOn } = created.body;
    const renewed = day(530);
    await api.call('PUT', '/admin/contracts/SC-2025-017', api.tok.admin, {
      end: renewed,
      reason: 'renewed for a year',
    });
    const after = await api.call('GET', `/maintenance-plans/${planId}`, api.tok.agent);
    expect(after.body).toMatchObject({ endsOn: renewed, status: 'active' });
    expect(after.body.upcoming.some((d: string) => d > endsOn)).toBe(true);
    await api.call('PUT', '/admin/contracts/SC-2025-017', api.tok.admin, { end: day(-1), reason: 'terminated early' });
    expect((await api.call('GET', `/maintenance-plans/${planId}`, api.tok.agent)).body.status).toBe('ended');
    await api.call('POST', `/maintenance-plans/${planId}/end`, api.tok.dispatcher, { reason: 'test over' });
  });
});
