/**
 * Reliability issue, item 1, on the real dev server with Temporal's real 2 MB payload limit: a request that
 * takes 250 maximal valid reschedules (about 2.8 MB of appointments) keeps running; GET shows every one of
 * them; and a request whose workflow an operator terminated is still read (200, never 500).
 */
import { createActivities } from '../../activities';
import { serviceRequestWorkflowId } from '../../shared/serviceRequest/ids';
import { getStateQuery } from '../../shared/serviceRequest/messages';
import type { serviceRequest } from '../../workflows';
import { eventually, openRequest, startApi, type Api } from '../setup/apiHarness';

let api: Api;
beforeAll(async () => {
  api = await startApi('bounded-state');
}, 120_000);
afterAll(async () => api?.close());

const HOUR = 3_600_000;
const TOOLS = Array.from({ length: 50 }, (_, i) =>
  `${String(i).padStart(2, '0')} ${'torque wrench set '.repeat(11)}`.slice(0, 200),
);
const REASON = 'customer asked to move the visit again; '.repeat(13).slice(0, 500);
const RESCHEDULES = 250;

async function post(path: string, body: unknown, token = api.tok.eng1) {
  for (;;) {
    const res = await fetch(api.base + path, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(20_000),
    });
    if (res.status !== 503) return { status: res.status, body: (await res.json()) as any };
    await new Promise((r) => setTimeout(r, 100)); // moving to a new run: told to retry
  }
}

it('R-RECORD-1 250 maximal reschedules (2.8 MB of them) never kill the request, and GET shows each one', async () => {
  const requestNo = await openRequest(api, 'ENG-001');
  expect((await post(`/requests/${requestNo}/offer/accept`, {})).status).toBe(200);
  const t = Date.now();
  const window = (n: number) => ({
    windowStart: new Date(t + (30 + n) * HOUR).toISOString(),
    windowEnd: new Date(t + (32 + n) * HOUR).toISOString(),
    estimatedDurationMinutes: 90,
    customerConsent: true,
    chargingPolicyExplained: true,
    toolsAndParts: TOOLS,
    reason: REASON,
  });
  expect((await post(`/requests/${requestNo}/appointment`, window(0))).status).toBe(200);
  const statuses: number[] = [];
  await Promise.all(
    [0, 1].map(async (caller) => {
      for (let i = 0; i < RESCHEDULES / 2; i++)
        statuses.push((await post(`/requests/${requestNo}/appointment`, window(1 + caller * 1000 + i))).status);
    }),
  );
  expect(statuses).toEqual(Array(RESCHEDULES).fill(200));

  const handle = api.client.workflow.getHandle(serviceRequestWorkflowId(requestNo));
  expect((await handle.describe()).status.name).toBe('RUNNING');
  const runs: string[] = [];
  for await (const run of api.client.workflow.list({ query: `WorkflowId = '${handle.workflowId}'` }))
    runs.push(run.status.name);
  expect(runs).not.toContain('TERMINATED');

  const view = await api.call('GET', `/requests/${requestNo}`, api.tok.agent);
  expect(view.status).toBe(200);
  const changed = view.body.history.filter((e: { action: string }) => e.action === 'appointment_changed');
  expect(changed).toHaveLength(RESCHEDULES);
  const seqs = view.body.history.map((e: { seq: number }) => e.seq);
  expect(seqs).toEqual([...seqs].sort((a, b) => a - b)); // oldest first, none twice
  expect(new Set(seqs).size).toBe(seqs.length);
  for (const path of ['sla', 'work-order', 'statement'])
    expect((await api.call('GET', `/requests/${requestNo}/${path}`, api.tok.agent)).status).toBe(200);
  // The request goes on: the engineer checks in.
  expect((await post(`/requests/${requestNo}/check-in`, { identityShown: true })).status).toBe(200);
}, 300_000);

/**
 * A request started before `history-window` carries its whole history in its state. Started here as such a
 * run continues (its resume input, 1.8 MB of history), 40 more maximal reschedules take its state past 2 MB;
 * an operator then terminates it. Its query now fails on the payload limit, so GET reads what it left.
 */
it('R-RECORD-1 a request whose run ended with a state over 2 MB is read from what it left: 200 with `ended`', async () => {
  const source = await openRequest(api, 'ENG-001');
  expect((await post(`/requests/${source}/offer/accept`, {})).status).toBe(200);
  const sourceView = await api.client.workflow.getHandle(serviceRequestWorkflowId(source)).query(getStateQuery);
  await api.call('POST', `/requests/${source}/cancel`, api.tok.agent, { reason: 'test over' });

  const requestNo = `SR-20200301-${String(Date.now() % 10_000).padStart(4, '0')}`;
  const workflowId = serviceRequestWorkflowId(requestNo);
  const big = Array.from({ length: 160 }, (_, i) => ({
    seq: i + 1,
    at: new Date().toISOString(),
    actor: { role: 'engineer' as const, id: 'ENG-001' },
    action: 'appointment_changed',
    detail: { toolsAndParts: TOOLS, reason: REASON },
  }));
  const { intake } = sourceView;
  const context = await createActivities({ models: api.models, ...api.config }).loadIntakeContext({
    customerId: intake.customerId,
    serialNumber: intake.serialNumber,
    region: intake.region,
  });
  const view = { ...sourceView, requestNo, workflowId, history: big, seq: big.length, clocks: [] };
  await api.client.workflow.start<typeof serviceRequest>('serviceRequest', {
    taskQueue: api.config.taskQueue,
    workflowId,
    args: [
      {
        requestNo,
        intake,
        receivedBy: sourceView.receivedBy,
        resume: { view, context, features: { slaClocks: true, quotations: true, boundedHistory: true } },
        continueAfterEvents: 100_000,
      },
    ],
  });
  const t = Date.now();
  for (let i = 0; i < 40; i++) {
    const body = {
      windowStart: new Date(t + (30 + i) * HOUR).toISOString(),
      windowEnd: new Date(t + (32 + i) * HOUR).toISOString(),
      estimatedDurationMinutes: 90,
      customerConsent: true,
      chargingPolicyExplained: true,
      toolsAndParts: TOOLS,
      reason: REASON,
    };
    expect((await post(`/requests/${requestNo}/appointment`, body)).status).toBe(200);
  }
  await eventually(
    () => api.models.ServiceRequest.findById(requestNo).lean(),
    (d) => d?.status === 'scheduled',
    'scheduled in the read model',
  );
  const handle = api.client.workflow.getHandle(workflowId);
  await handle.terminate('ops: ended in a test');
  await expect(handle.query(getStateQuery)).rejects.toThrow(); // the state no longer fits a payload

  const got = await api.call('GET', `/requests/${requestNo}`, api.tok.agent);
  expect(got.status).toBe(200);
  expect(got.body).toMatchObject({ requestNo, status: 'scheduled', ended: { state: 'TERMINATED' } });
  expect(got.body.history).toHaveLength(160); // its state when its last run started
  for (const path of ['sla', 'work-order', 'statement'])
    expect((await api.call('GET', `/requests/${requestNo}/${path}`, api.tok.agent)).status).toBe(200);
  expect((await post(`/requests/${requestNo}/check-in`, { identityShown: true })).status).toBe(409);
}, 180_000);
