/**
 * What production does to a request (issue: survive what production does to it, items 2, 3, 4, 9):
 * a workflow that ends abnormally never looks open; a step retried after a lost answer gets its first
 * answer; engineers who have nothing to do with a request learn nothing about it; a window in the past
 * or years ahead and an unknown policy key are refused; ops can re-send what the outbox gave up on.
 */
import { AbnormalEndSweeper } from '../../infra/background/abnormalEnds';
import { serviceRequestWorkflowId } from '../../shared/serviceRequest/ids';
import { eventually, openRequest as openRequestIn, startApi, type Api } from '../setup/apiHarness';
import { repositoriesOf } from '../../shared/storage/repositories';

let api: Api;
beforeAll(async () => {
  api = await startApi('robust');
}, 120_000);
afterAll(async () => api?.close());

const HOUR = 3_600_000;
const call = (method: string, path: string, token?: string, body?: unknown) => api.call(method, path, token, body);
const openRequest = () => openRequestIn(api, 'ENG-001');
const windowFrom = (startMs: number) => ({
  windowStart: new Date(startMs).toISOString(),
  windowEnd: new Date(startMs + 2 * HOUR).toISOString(),
  estimatedDurationMinutes: 60,
  customerConsent: true,
});
const postKeyed = async (path: string, token: string, key: string, body?: unknown) => {
  const res = await fetch(api.base + path, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'idempotency-key': key,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json()) as any };
};

describe('robustness', () => {
  it('R-INTEGRATE-2 a step retried with its Idempotency-Key after a lost answer gets the first answer', async () => {
    const no = await openRequest();
    const first = await postKeyed(`/requests/${no}/offer/accept`, api.tok.eng1, 'accept-1');
    expect(first).toMatchObject({ status: 200, body: { status: 'assigned' } });
    expect(first.body.recorded[0]).toMatchObject({ action: 'offer_accepted' });
    expect(await postKeyed(`/requests/${no}/offer/accept`, api.tok.eng1, 'accept-1')).toEqual(first);
    // Without the key a repeat is a new step, refused in this state.
    expect((await call('POST', `/requests/${no}/offer/accept`, api.tok.eng1)).status).toBe(409);
    expect((await postKeyed(`/requests/${no}/offer/accept`, api.tok.eng1, 'bad key!')).status).toBe(400);
    const history = (await call('GET', `/requests/${no}`, api.tok.agent)).body.history;
    expect(history.filter((e: { action: string }) => e.action === 'offer_accepted')).toHaveLength(1);
    await call('POST', `/requests/${no}/cancel`, api.tok.agent, { reason: 'test over' });
  });

  it('R-INTEGRATE-2 a step Idempotency-Key reused with a different body is 422 naming the key; the same body gets the first answer', async () => {
    const no = await openRequest();
    await call('POST', `/requests/${no}/offer/accept`, api.tok.eng1);
    const body = { ...windowFrom(Date.now() + 30 * HOUR), chargingPolicyExplained: true };
    const first = await postKeyed(`/requests/${no}/appointment`, api.tok.eng1, 'appt-1', body);
    expect(first.status).toBe(200);
    const other = { ...windowFrom(Date.now() + 50 * HOUR), chargingPolicyExplained: true, reason: 'moved' };
    const reused = await postKeyed(`/requests/${no}/appointment`, api.tok.eng1, 'appt-1', other);
    expect(reused.status).toBe(422);
    expect(reused.body.error).toMatch(/^Idempotency-Key appt-1 was already used for this step with a different body/);
    expect(await postKeyed(`/requests/${no}/appointment`, api.tok.eng1, 'appt-1', body)).toEqual(first);
    const view = (await call('GET', `/requests/${no}`, api.tok.agent)).body;
    expect(view.appointment.windowStart).toBe(body.windowStart); // the refused body changed nothing
    expect(view.history.filter((e: { action: string }) => e.action.startsWith('appointment_'))).toHaveLength(1);
    await call('POST', `/requests/${no}/cancel`, api.tok.agent, { reason: 'test over' });
  });

  it('R-DISPATCH-3 an engineer never offered or assigned the request gets 403 before anything about its state', async () => {
    const no = await openRequest();
    expect(await call('POST', `/requests/${no}/check-in`, api.tok.eng2, { identityShown: true })).toEqual({
      status: 403,
      body: { error: `request ${no} is for another engineer (never offered or assigned to you)` },
    });
    // The offered engineer is told why it is not allowed yet.
    expect((await call('POST', `/requests/${no}/check-in`, api.tok.eng1, { identityShown: true })).status).toBe(409);
    await call('POST', `/requests/${no}/cancel`, api.tok.agent, { reason: 'test over' });
  });

  it('R-VISIT-1 a window already over, or more than a year ahead, is refused with 400 naming the field', async () => {
    const no = await openRequest();
    await call('POST', `/requests/${no}/offer/accept`, api.tok.eng1);
    const past = await call('POST', `/requests/${no}/appointment`, api.tok.eng1, windowFrom(Date.now() - 5 * HOUR));
    expect(past.status).toBe(400);
    expect(past.body.error).toContain('body.windowEnd: the window is already over');
    const far = await call('POST', `/requests/${no}/appointment`, api.tok.eng1, windowFrom(Date.parse('9999-01-01')));
    expect(far.status).toBe(400);
    expect(far.body.error).toContain('body.windowStart: at most a year ahead');
    expect((await call('GET', `/requests/${no}`, api.tok.agent)).body.status).toBe('assigned');
    await call('POST', `/requests/${no}/cancel`, api.tok.agent, { reason: 'test over' });
  });

  it('R-SLA-1 an SLA policy with an unknown kind (even __proto__) is refused, not silently dropped', async () => {
    const current = (await call('GET', '/sla-policies/general', api.tok.admin)).body;
    const { key: _k, version: _v, versions: _vs, ...policy } = current;
    const res = await fetch(`${api.base}/sla-policies/general`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${api.tok.admin}`, 'content-type': 'application/json' },
      body: JSON.stringify(policy).replace(/}$/, ',"byKind":{"__proto__":{"dispatch":60000}}}'),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toContain('__proto__');
    expect((await call('GET', '/sla-policies/general', api.tok.admin)).body.version).toBe(current.version);
  });

  it('R-RECORD-1 a request whose workflow was terminated does not look open in the read model', async () => {
    const no = await openRequest();
    const sweeper = new AbnormalEndSweeper(
      api.client,
      repositoriesOf(api.models).serviceRequest,
      api.config.taskQueue,
      { lookbackMs: HOUR },
    );
    await api.client.workflow.getHandle(serviceRequestWorkflowId(no)).terminate('operator: duplicate by mistake');
    await eventually(
      async () => (await sweeper.sweepOnce(), api.models.ServiceRequest.findById(no).lean()),
      (d) => d?.status === 'aborted',
      'the sweep to close the row',
    );
    expect(await api.models.ServiceRequest.findById(no).lean()).toMatchObject({
      open: false,
      closedAs: 'aborted',
      endedAs: 'terminated',
    });
    const open = (await call('GET', '/requests?open=true&limit=200', api.tok.dispatcher)).body.items;
    expect(open.map((r: { requestNo: string }) => r.requestNo)).not.toContain(no);
    expect((await call('GET', '/requests?status=aborted', api.tok.dispatcher)).body.items).toEqual([
      expect.objectContaining({ requestNo: no }),
    ]);
    expect(await call('POST', `/requests/${no}/offer/accept`, api.tok.eng1)).toEqual({
      status: 409,
      body: { error: `request ${no} is already finished` },
    });
  });

  it('R-INTEGRATE-4 an admin lists undeliverable notifications and re-sends one; others may not', async () => {
    await api.models.Outbox.create({
      _id: 'ops/1',
      requestNo: 'ops',
      channel: 'smtp',
      to: 'customer',
      address: 'x@example.test',
      subject: 's',
      body: 'b',
      status: 'undeliverable',
      attempts: 12,
      lastError: '451 busy',
    });
    const listed = await call('GET', '/outbox?state=undeliverable', api.tok.admin);
    expect(listed.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: 'ops/1', attempts: 12 })]),
    );
    expect((await call('GET', '/outbox', api.tok.agent)).status).toBe(403);
    expect(await call('POST', `/outbox/${encodeURIComponent('ops/1')}/resend`, api.tok.admin)).toEqual({
      status: 200,
      body: { key: 'ops/1', status: 'pending' },
    });
    expect((await call('POST', `/outbox/${encodeURIComponent('ops/1')}/resend`, api.tok.admin)).status).toBe(409);
    expect((await call('POST', '/outbox/nope/resend', api.tok.admin)).status).toBe(404);
  });
});
