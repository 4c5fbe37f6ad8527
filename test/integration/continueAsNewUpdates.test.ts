/**
 * R-RECORD-1 on the real Temporal dev server: updates that arrive while a request continues as new are
 * neither lost nor left hanging. Four engineers' screens reschedule through HTTP at once while the run
 * moves several times; every call answers (200, or 503 with Retry-After while it moves, then 200 when
 * retried), each change is recorded once, and the request goes on in its last run.
 */
import { serviceRequestWorkflowId } from '../../shared/serviceRequest/ids';
import type { serviceRequest } from '../../workflows';
import { intakeBody } from '../setup/env';
import { eventually, startApi, type Api } from '../setup/apiHarness';

let api: Api;
beforeAll(async () => {
  api = await startApi('can-updates');
}, 120_000);
afterAll(async () => api?.close());

const HOUR = 3_600_000;
const CALLERS = 4;
const EACH = 12;

/** One HTTP call that must answer within 20 s: a hang fails the test instead of stalling it. */
async function post(path: string, body: unknown) {
  const res = await fetch(api.base + path, {
    method: 'POST',
    headers: { authorization: `Bearer ${api.tok.eng1}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(20_000),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as any };
}

it('R-RECORD-1 reschedules streamed while the request continues as new: each answered and recorded once', async () => {
  const requestNo = `SR-20200229-${String(Date.now() % 10_000).padStart(4, '0')}`;
  const handle = await api.client.workflow.start<typeof serviceRequest>('serviceRequest', {
    taskQueue: api.config.taskQueue,
    workflowId: serviceRequestWorkflowId(requestNo),
    // Small runs, so the stream below spans several moves to a new run.
    args: [
      { requestNo, intake: intakeBody() as any, receivedBy: { role: 'agent', id: 'agent-1' }, continueAfterEvents: 60 },
    ],
  });
  await eventually(
    () => api.models.ServiceRequest.findById(requestNo).lean(),
    (d) => d?.status === 'offered' && d.engineerId === 'ENG-001',
    'offered to ENG-001',
  );
  expect((await post(`/requests/${requestNo}/offer/accept`, {})).status).toBe(200);

  const t = Date.now();
  let turnedAway = 0;
  const reschedule = async (n: number) => {
    const body = {
      windowStart: new Date(t + (30 + n) * HOUR).toISOString(),
      windowEnd: new Date(t + (32 + n) * HOUR).toISOString(),
      estimatedDurationMinutes: 90,
      customerConsent: true,
      chargingPolicyExplained: true,
      reason: `moved by the customer (${n})`,
    };
    for (;;) {
      const r = await post(`/requests/${requestNo}/appointment`, body);
      if (r.status !== 503) return r;
      expect(r.retryAfter).toBe('1'); // told when to come back, not left waiting
      turnedAway++;
      await new Promise((res) => setTimeout(res, 50));
    }
  };
  const answers = await Promise.all(
    Array.from({ length: CALLERS }, async (_, caller) => {
      const mine = [];
      for (let i = 0; i < EACH; i++) mine.push(await reschedule(caller * EACH + i));
      return mine;
    }),
  );
  expect(answers.flat().map((a) => a.status)).toEqual(Array(CALLERS * EACH).fill(200));

  // It moved to new runs while the stream went on, and every change is recorded once in the run it is in now.
  const runs = await api.client.workflow.list({ query: `WorkflowId = '${handle.workflowId}'` });
  const statuses: string[] = [];
  for await (const run of runs) statuses.push(run.status.name);
  expect(statuses.filter((s) => s === 'CONTINUED_AS_NEW').length).toBeGreaterThanOrEqual(2);
  const view = await api.call('GET', `/requests/${requestNo}`, api.tok.eng1);
  const changes = view.body.history.filter((e: { action: string }) => e.action === 'appointment_changed');
  const agreed = view.body.history.filter((e: { action: string }) => e.action === 'appointment_agreed');
  expect(changes.length + agreed.length).toBe(CALLERS * EACH);
  expect(view.body.status).toBe('scheduled');
  // The run may still be moving to a new one: a client retries a 503 after its Retry-After, as above.
  let checkIn = await post(`/requests/${requestNo}/check-in`, { identityShown: true });
  for (let i = 0; i < 20 && checkIn.status === 503; i++) {
    await new Promise((r) => setTimeout(r, 500));
    checkIn = await post(`/requests/${requestNo}/check-in`, { identityShown: true });
  }
  expect(checkIn.status).toBe(200);
  console.log(`continue-as-new under updates: ${statuses.length} runs, ${turnedAway} calls told to retry`);
  await api.call('POST', `/requests/${requestNo}/cancel`, api.tok.agent, { reason: 'test over' });
}, 180_000);
