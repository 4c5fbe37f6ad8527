/**
 * Shared harness for the time-skipping workflow tests: one test server, one worker with the real
 * activities on a fresh FerretDB database, and helpers to start requests and read what they did.
 */
import { FAILURE_TRY_AGAIN } from '../../shared/common/failures';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { createActivities } from '../../activities';
import type { Actor } from '../../shared/common/actor';
import type { ServiceRequestView, StepAnswer } from '../../shared/serviceRequest/types';
import * as m from '../../shared/serviceRequest/messages';
import type { Models } from '../../shared/storage/models';
import { serviceRequestWorkflowId } from '../../shared/serviceRequest/ids';
import { workflowBundle } from '../../infra/worker';
import type { serviceRequest } from '../../workflows';
import { freshDatabase, intakeBody, timeSkippingEnv } from './env';
import { repositoriesOf } from '../../shared/storage/repositories';

export const HOUR = 3_600_000;
export const MIN = 60_000;
export const agent: Actor = { role: 'agent', id: 'agent-1' };
export const dispatcher: Actor = { role: 'dispatcher', id: 'disp-1' };
export const eng = (id: string): Actor => ({ role: 'engineer', id });

export interface Harness {
  env: TestWorkflowEnvironment;
  models: Models;
  /** Starts a request (intake fields in `over`, other start fields such as `maintenance` in `extra`). */
  start(
    over?: Record<string, unknown>,
    extra?: Record<string, unknown>,
  ): Promise<WorkflowHandle<typeof serviceRequest>>;
  teardown(): Promise<void>;
}

/** Call from beforeAll; `taskQueue` keeps test files apart. */
export async function createHarness(taskQueue: string): Promise<Harness> {
  const env = await timeSkippingEnv();
  const db = await freshDatabase(new Date(await env.currentTimeMs()));
  const models = db.models;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities: createActivities({ repos: repositoriesOf(models), notifyChannel: 'log' }),
  });
  const running = worker.run();
  let n = 0;
  return {
    env,
    models,
    async start(over = {}, extra = {}) {
      const requestNo = `SR-20261122-${String(++n).padStart(4, '0')}`;
      // The test server's clock jumps ahead between tests: keep the demo units in warranty on the test clock.
      const warrantyEnd = new Date((await env.currentTimeMs()) + 365 * 86_400_000).toISOString().slice(0, 10);
      for (const serial of ['SWH-2025-0001', 'WT-2023-0042'])
        await models.Unit.updateOne({ _id: serial }, { $set: { warrantyEnd } });
      const handle = await env.client.workflow.start<typeof serviceRequest>('serviceRequest', {
        taskQueue,
        workflowId: serviceRequestWorkflowId(requestNo),
        args: [{ requestNo, intake: intakeBody(over) as any, receivedBy: agent, ...extra }],
      });
      await waitFor(handle, (s) => s.status !== 'received' || s.allowanceApproval?.status === 'pending');
      return handle;
    },
    async teardown() {
      worker.shutdown();
      await running;
      await db.conn.close();
      await env.teardown();
    },
  };
}

export const stateOf = (h: WorkflowHandle) => h.query(m.getStateQuery);

/**
 * Runs an update and reads the request's state after it (an update answers only what it recorded). A
 * TryAgain (the run is moving to a new one) is retried after a moment, as HTTP clients do on its 503.
 */
export async function act<A extends [Actor, ...unknown[]]>(
  handle: WorkflowHandle,
  def: UpdateDefinition<StepAnswer, A>,
  opts: { args: A },
): Promise<ServiceRequestView> {
  for (let attempt = 1; ; attempt++) {
    try {
      await handle.executeUpdate(def, opts as { args: [Actor, ...unknown[]] });
      return stateOf(handle);
    } catch (err) {
      const cause = (err as { cause?: { type?: string } }).cause;
      if (cause?.type !== FAILURE_TRY_AGAIN || attempt >= 50) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

export async function waitFor(
  handle: WorkflowHandle,
  ok: (v: ServiceRequestView) => boolean,
): Promise<ServiceRequestView> {
  for (let i = 0; i < 100; i++) {
    const v = await stateOf(handle);
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`state never matched; last: ${(await stateOf(handle)).status}`);
}

export const actionsOf = (v: ServiceRequestView) => v.history.map((h) => h.action);
export const entry = (v: ServiceRequestView, action: string) => v.history.find((h) => h.action === action);

export async function outboxOf(models: Models, requestNo: string): Promise<string[]> {
  return (await models.Outbox.find({ requestNo }).sort({ createdAt: 1 }).lean()).map((o) => `${o.to}:${o.template}`);
}

/** The validator's rejection, which the client wraps in WorkflowUpdateFailedError. */
export async function causeOf(p: Promise<unknown>): Promise<{ type?: string; message: string }> {
  try {
    await p;
  } catch (err) {
    return (err as { cause: { type?: string; message: string } }).cause;
  }
  throw new Error('expected the update to be rejected');
}

export async function waitForReadModel(models: Models, requestNo: string, ok: (doc: Record<string, any>) => boolean) {
  for (let i = 0; i < 100; i++) {
    const doc = await models.ServiceRequest.findById(requestNo).lean();
    if (doc && ok(doc)) return doc as Record<string, any>;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`read model of ${requestNo} never matched`);
}

export const window = (fromMs: number, startH: number, over: Record<string, unknown> = {}) => ({
  windowStart: new Date(fromMs + startH * HOUR).toISOString(),
  windowEnd: new Date(fromMs + (startH + 2) * HOUR).toISOString(),
  estimatedDurationMinutes: 90,
  customerConsent: true,
  chargingPolicyExplained: true,
  toolsAndParts: [] as string[],
  ...over,
});

/** Takes an offered request to on site with the fault diagnosed: accepted, a visit in 2 h, checked in. */
export async function diagnosedBy(h: Harness, handle: WorkflowHandle, engineer: Actor, findings = 'as planned') {
  await act(handle, m.acceptOfferUpdate, { args: [engineer] });
  await act(handle, m.agreeAppointmentUpdate, { args: [engineer, window(await h.env.currentTimeMs(), 2)] });
  await h.env.sleep(2 * HOUR);
  await act(handle, m.checkInUpdate, { args: [engineer, { identityShown: true }] });
  return act(handle, m.recordDiagnosisUpdate, {
    args: [engineer, { faultConfirmedWithCustomer: true, faultClass: 'unknown', findings }],
  });
}
