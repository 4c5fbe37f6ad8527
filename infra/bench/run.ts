/**
 * `npm run bench [-- --requests 200 --concurrency 20]`: drives N warranty repairs through the whole
 * HTTP path (intake → offer → accept → appointment → check-in → diagnosis → work → sign-off), with the
 * worker in its own process as deployed (system.ts), and then, against the same servers, N bare workflows
 * with the same number of no-op activities and updates straight through the client, each done when it has
 * completed (its last activity run). Prints throughput, per-endpoint latency and the ratios: the cost of
 * our layers (HTTP, zod, auth, Mongo activities, outbox). The HTTP client
 * looks for the offer every --poll-ms (default 100) after intake, as a client screen would. A request
 * counts as done when the read model shows it signed off and the change log that the lists follow says so
 * (read-model lag printed), not at the last answer.
 */
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { parseArgs } from 'node:util';
import { createApp } from '../../services/app';
import { issueToken } from '../../shared/runtime/auth';
import { loadConfig } from '../../shared/runtime/config';
import type { Models } from '../../shared/storage/models';
import { openWorkOf } from '../../shared/storage/openWork';
import { cpuPerUnit, cpuSnapshot } from './cpu';
import { SignOffWatch } from './signOffWatch';
import { withBenchSystem } from './system';
import { bareStepUpdate } from './bareWorkflow';
import {
  apiCaller,
  benchAppointment,
  benchIntake,
  pct,
  pool,
  printRow,
  workflowTaskDurations,
  type Samples,
} from './measure';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '20' },
    'poll-ms': { type: 'string', default: '100' },
  },
});
const N = Number(values.requests);
const C = Number(values.concurrency);
const POLL_MS = Number(values['poll-ms']); // how often a client looks for the offer, as a dispatcher screen would
const UPDATES = 6; // accept, appointment, check-in, diagnosis, work, sign-off

async function main() {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  await withBenchSystem('bench', ({ env, models, worker }) => measure(env, models, { [worker.pid!]: 'worker' }));
}

async function measure(env: Record<string, string | undefined>, models: Models, labels: Record<number, string>) {
  const config = { ...loadConfig(), temporalAddress: env.TEMPORAL_ADDRESS!, mongoUri: env.MONGODB_URI! };
  const nativeConn = await NativeConnection.connect({ address: config.temporalAddress });
  // The baseline's worker runs in this process: it has no activities worth a process of its own.
  const bareWorker = await Worker.create({
    connection: nativeConn,
    taskQueue: 'bench-bare',
    activities: { noop: async () => {} },
    workflowBundle: await bundleWorkflowCode({
      workflowsPath: require.resolve('./bareWorkflow'),
      logger: new DefaultLogger('ERROR'),
    }),
  });
  const bareRun = bareWorker.run();
  const connection = await Connection.connect({ address: config.temporalAddress });
  const client = new Client({ connection });
  const app = createApp({ client, models, config });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}/api/v1`;
  const agent = await issueToken(config.authSecret, { role: 'agent', id: 'bench' });
  const engineers: Record<string, string> = {};
  for (const id of ['ENG-001', 'ENG-002'])
    engineers[id] = await issueToken(config.authSecret, { role: 'engineer', id });

  const http: Samples = {};
  const call = apiCaller(base);
  const timed = async (name: string, method: string, p: string, token: string, body?: unknown) => {
    const t0 = performance.now();
    try {
      return await call(method, p, token, body);
    } finally {
      (http[name] ??= []).push(performance.now() - t0);
    }
  };
  const intake = benchIntake();

  const lag: Samples = {};
  const requestIds: string[] = [];
  console.log(`[bench] ${N} requests through HTTP, ${C} at a time, each done when the read model shows it ...`);
  const visible = new SignOffWatch(models);
  const following = visible.follow();
  const cpu0 = cpuSnapshot(labels);
  const t0 = performance.now();
  await pool(N, C, async () => {
    const { requestNo } = await timed('POST /requests', 'POST', '/requests', agent, intake);
    let view: any;
    for (;;) {
      view = await timed('GET /requests/:no', 'GET', `/requests/${requestNo}`, agent);
      if (view.status === 'offered') break;
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    const eng = engineers[view.offer.engineerId];
    const u = (step: string, body?: unknown) =>
      timed(`POST update`, 'POST', `/requests/${requestNo}/${step}`, eng, body);
    await u('offer/accept');
    await u('appointment', benchAppointment());
    await u('check-in', { identityShown: true });
    await u('diagnosis', { faultConfirmedWithCustomer: true, faultClass: 'hardware', findings: 'bench' });
    await u('work', {
      actions: 'bench',
      functionalTestPassed: true,
      demonstratedToCustomer: true,
      cleanedUp: true,
      advice: 'none',
    });
    await u('sign-off', { signedBy: 'Li Wei', satisfied: true });
    // Done when a user could see it done: the read model shows it signed off, and the lists have been told.
    const signedAt = performance.now();
    await visible.signedOff(requestNo);
    (lag['read-model lag'] ??= []).push(performance.now() - signedAt);
    requestIds.push(view.workflowId);
  });
  const httpSecs = (performance.now() - t0) / 1000;
  const cpu1 = cpuSnapshot(labels);
  await visible.stop(following);
  const tasks = await workflowTaskDurations(client, requestIds);
  const { activities: activitiesPerRequest, local: localPerRequest } = await countActivities(client, requestIds[0]);

  console.log(
    `[bench] ${N} bare workflows with ${activitiesPerRequest} + ${localPerRequest} local no-op activities and ${UPDATES} updates each ...`,
  );
  const bare: Samples = {};
  const cpu2 = cpuSnapshot(labels);
  const t1 = performance.now();
  await pool(N, C, async (i) => {
    const s0 = performance.now();
    const h = await client.workflow.start('bareRequest', {
      taskQueue: 'bench-bare',
      workflowId: `bare-${Date.now()}-${i}`,
      args: [UPDATES, activitiesPerRequest, localPerRequest],
    });
    (bare.start ??= []).push(performance.now() - s0);
    for (let k = 0; k < UPDATES; k++) {
      const u0 = performance.now();
      await h.executeUpdate(bareStepUpdate, { args: [`s${k}`] });
      (bare.update ??= []).push(performance.now() - u0);
    }
    // Done when its last activity has run, as a request is done only when the read model shows it.
    await h.result();
  });
  const bareSecs = (performance.now() - t1) / 1000;
  const cpu3 = cpuSnapshot(labels);

  console.log(
    `\nHTTP path: ${(N / httpSecs).toFixed(1)} requests/s (${httpSecs.toFixed(1)} s, until the read model showed each)`,
  );
  for (const [k, xs] of Object.entries({ ...http, ...lag })) printRow(k, xs);
  printRow('workflow task', tasks);
  console.log(`  longest workflow task: ${Math.max(...tasks).toFixed(0)} ms (target <= 1000)`);
  console.log(`Bare Temporal: ${(N / bareSecs).toFixed(1)} workflows/s (${bareSecs.toFixed(1)} s)`);
  for (const [k, xs] of Object.entries(bare)) printRow(`bare ${k}`, xs);
  const ratio = N / httpSecs / (N / bareSecs);
  const p99ratio = pct(http['POST update'], 99) / pct(bare.update, 99);
  // Where the time goes: both cores are shared by every process, so CPU per request explains the ratio.
  const cpuLine = (label: string, rows: ReturnType<typeof cpuPerUnit>) =>
    console.log(
      `CPU per ${label}: ${rows.reduce((t, [, v]) => t + v, 0).toFixed(0)} ms = ${rows.map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}`,
    );
  cpuLine('request (HTTP path)', cpuPerUnit(cpu0, cpu1, N));
  cpuLine('bare workflow', cpuPerUnit(cpu2, cpu3, N));
  console.log(`\nthroughput ratio HTTP/bare: ${ratio.toFixed(2)} (target >= 0.7)`);
  console.log(`update p99 ratio HTTP/bare: ${p99ratio.toFixed(2)} (target <= 2)`);
  console.log(`read-model lag p99: ${pct(lag['read-model lag'], 99).toFixed(0)} ms (target <= 1000)`);

  server.close();
  await openWorkOf(models).stop();
  bareWorker.shutdown();
  await bareRun;
  await connection.close();
  await nativeConn.close();
}

/** Activities (and local activities) one request ran, from its history; the baseline runs the same. */
async function countActivities(client: Client, workflowId: string) {
  const events = (await client.workflow.getHandle(workflowId).fetchHistory()).events!;
  return {
    activities: events.filter((e) => e.activityTaskScheduledEventAttributes).length,
    local: events.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity').length,
  };
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
