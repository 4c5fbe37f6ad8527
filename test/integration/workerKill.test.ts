/**
 * Reliability issue, item 7: the worker process killed with SIGKILL in the middle of workflow tasks and of
 * activities. Its own FerretDB is paused (SIGSTOP) so that the steps' publishing activities are inside a
 * database call, six updates and six signals are on their way through workflow tasks, and the worker dies.
 * (Whether a workflow task was open at that instant is a race; the log line counts those that timed out.) A new worker
 * process finishes everything: every update answered once, every step in the read model, each activity
 * that was cut off retried (its next attempt in the history), each step recorded once.
 */
import { Client, Connection } from '@temporalio/client';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, startFerretDb, stopProcess } from '../../infra/processes';
import { seed } from '../../infra/seed';
import { serviceRequestWorkflowId } from '../../shared/serviceRequest/ids';
import * as m from '../../shared/serviceRequest/messages';
import { connectModels, type Models } from '../../shared/storage/models';
import type { serviceRequest } from '../../workflows';
import { intakeBody, testConfig } from '../setup/env';
import { processEnv, runProcess } from '../setup/processHarness';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersales-worker-kill-'));
let ferret: ChildProcess;
let models: Models;
let close: () => Promise<void>;
let uri: string;
beforeAll(async () => {
  const port = await freePort();
  ferret = await startFerretDb({ port, dataDir: path.join(dir, 'ferretdb') });
  uri = `mongodb://127.0.0.1:${port}/kill`;
  const db = await connectModels(uri);
  await seed(db.models);
  models = db.models;
  close = () => db.conn.close();
}, 120_000);
afterAll(async () => {
  await close?.();
  await stopProcess(ferret);
  fs.rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(what: string, ok: () => Promise<boolean>, ms = 60_000) {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(200)) if (await ok()) return;
  throw new Error(`timed out waiting for ${what}`);
}

it('R-INTEGRATE-2 a worker killed (SIGKILL) inside activities and workflow tasks: a new worker finishes every step once', async () => {
  const config = testConfig({ taskQueue: `kill-${Date.now()}`, mongoUri: uri });
  const env = processEnv(config, await freePort(), { WORKER_METRICS_PORT: String(await freePort()) });
  const connection = await Connection.connect({ address: config.temporalAddress });
  const client = new Client({ connection });
  const requestNos = Array.from(
    { length: 6 },
    (_, i) => `SR-20200302-${String(Date.now() % 1000).padStart(3, '0')}${i}`,
  );
  const handles = requestNos.map((no) =>
    client.workflow.getHandle<typeof serviceRequest>(serviceRequestWorkflowId(no)),
  );
  const statusOf = async (no: string) => (await models.ServiceRequest.findById(no, { status: 1 }).lean())?.status;
  let first: ChildProcess | undefined = runProcess('infra/worker.ts', env);
  let second: ChildProcess | undefined;
  try {
    for (const [i, no] of requestNos.entries()) {
      await client.workflow.start<typeof serviceRequest>('serviceRequest', {
        taskQueue: config.taskQueue,
        workflowId: handles[i].workflowId,
        args: [{ requestNo: no, intake: intakeBody() as any, receivedBy: { role: 'agent', id: 'agent-1' } }],
      });
    }
    await until('all offered', async () => (await Promise.all(requestNos.map(statusOf))).every((s) => s === 'offered'));
    // The ranking spreads the load, so each request is accepted by the engineer it was offered to.
    const offeredTo = await Promise.all(handles.map(async (h) => (await h.query(m.getStateQuery)).offer!.engineerId));

    // The database stops answering: the steps below are recorded, and their publishing hangs inside it.
    process.kill(ferret.pid!, 'SIGSTOP');
    const accepts = handles.map((h, i) =>
      h.executeUpdate(m.acceptOfferUpdate, { args: [{ role: 'engineer', id: offeredTo[i] }], updateId: 'accept-1' }),
    );
    // Killed when the first answer comes: the other updates are inside workflow tasks, its publishing in the database.
    await Promise.race([Promise.any(accepts), sleep(1_500)]);
    // A second wave (signals: workflow tasks of their own), then the worker freezes and dies.
    const at = new Date().toISOString();
    const by = { role: 'agent' as const, id: 'agent-1' };
    await Promise.all(
      handles.map((h) =>
        h.signal(m.customerMessageSignal, { messageId: 'mail-1', channel: 'email', from: 'Li', text: 'hi', at, by }),
      ),
    );
    await sleep(50);
    first.kill('SIGSTOP');
    await sleep(300);
    first.kill('SIGKILL');
    await new Promise((r) => first!.once('exit', r));
    first = undefined;
    process.kill(ferret.pid!, 'SIGCONT');

    second = runProcess('infra/worker.ts', env);
    const answers = await Promise.all(accepts);
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill('assigned'));
    await until(
      'every step in the read model',
      async () => (await Promise.all(requestNos.map(statusOf))).every((s) => s === 'assigned'),
      90_000,
    );

    let retried = 0;
    let timedOutTasks = 0;
    for (const h of handles) {
      const { events } = await h.fetchHistory();
      retried += events!.filter((e) => (e.activityTaskStartedEventAttributes?.attempt ?? 1) > 1).length;
      timedOutTasks += events!.filter((e) => e.workflowTaskTimedOutEventAttributes).length;
      const view = await h.query(m.getStateQuery);
      expect(view.history.filter((e) => e.action === 'offer_accepted')).toHaveLength(1);
      expect(view.history.filter((e) => e.action === 'customer_message')).toHaveLength(1);
    }
    expect(retried).toBeGreaterThan(0); // activities were cut off mid-call, and ran again to the end
    console.log(`worker kill: ${retried} activity attempts retried, ${timedOutTasks} workflow tasks timed out`);
  } finally {
    if (ferret.signalCode === null) process.kill(ferret.pid!, 'SIGCONT');
    first?.kill('SIGKILL');
    second?.kill('SIGKILL');
    for (const h of handles) await h.terminate('test over').catch(() => undefined);
    await connection.close();
  }
}, 240_000);
