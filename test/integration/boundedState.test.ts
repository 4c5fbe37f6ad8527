/**
 * Reliability issue, item 1, on the real dev server with Temporal's real 2 MB payload limit: a request that
 * takes 250 maximal valid reschedules (about 2.8 MB of appointments) keeps running; GET shows every one of
 * them, and its run keeps far below the limit.
 */
import { serviceRequestWorkflowId } from '../../shared/serviceRequest/ids';
import { openRequest, startApi, type Api } from '../setup/apiHarness';

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
