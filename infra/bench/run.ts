/**
 * `npm run bench [-- --requests 200 --concurrency 20]`: drives N warranty repairs through the whole
 * HTTP path (intake → offer → accept → appointment → check-in → diagnosis → work → sign-off), with the
 * worker in its own process as deployed (system.ts), and then, against the same servers, the faithful
 * baseline (baseline.ts): N workflows issuing the commands of one of those requests as its history recorded
 * them, with no-op activities, on a worker process of their own, the client making as many queries and
 * updates. Prints throughput, latency, Temporal calls per request and CPU per request by process for both,
 * with the Temporal server's own share. The HTTP client looks for the offer every --poll-ms (default 100)
 * after intake, as a client screen would. A request counts as done when the read model shows it signed off
 * and the change log that the lists follow says so (read-model lag printed), not at the last answer.
 */
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { parseArgs } from 'node:util';
import { createApp } from '../../services/app';
import { issueToken } from '../../shared/runtime/auth';
import { loadConfig } from '../../shared/runtime/config';
import type { Models } from '../../shared/storage/models';
import { openWorkOf } from '../../shared/storage/openWork';
import { cpuPerUnit, cpuSnapshot } from './cpu';
import { SignOffWatch } from './signOffWatch';
import { withBenchSystem } from './system';
import { runBaseline, startScriptedWorker } from './baseline';
import { scriptFromHistory, scriptTotals } from './requestScript';
import { countCalls, perUnit, since, snapshot } from './temporalCalls';
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

async function main() {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  await withBenchSystem('bench', ({ env, models, worker }) => measure(env, models, { [worker.pid!]: 'worker' }));
}

async function measure(env: Record<string, string | undefined>, models: Models, labels: Record<number, string>) {
  const config = { ...loadConfig(), temporalAddress: env.TEMPORAL_ADDRESS!, mongoUri: env.MONGODB_URI! };
  const connection = await Connection.connect({ address: config.temporalAddress });
  const calls = countCalls(connection); // before the client is made: it keeps the service it was given
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
  const calls0 = snapshot(calls);
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
  const httpCalls = since(calls0, snapshot(calls)); // before this benchmark's own reads of the histories
  await visible.stop(following);
  const tasks = await workflowTaskDurations(client, requestIds);

  const script = scriptFromHistory((await client.workflow.getHandle(requestIds[0]).fetchHistory()).events!);
  const queries = Math.round((httpCalls.calls.queryWorkflow ?? 0) / N);
  const queryBytes = Math.round(httpCalls.queryBytes / Math.max(1, httpCalls.calls.queryWorkflow ?? 0));
  const totals = scriptTotals(script);
  console.log(
    `[bench] ${N} scripted workflows issuing ${requestIds[0]}'s commands: ${JSON.stringify(totals)}, ${queries} queries of ${queryBytes} B ...`,
  );
  if (Object.keys(script.notMirrored).length) console.log(`  not mirrored: ${JSON.stringify(script.notMirrored)}`);
  const scriptedWorker = await startScriptedWorker(env);
  labels[scriptedWorker.pid!] = 'scripted worker';
  const calls2 = snapshot(calls);
  const cpu2 = cpuSnapshot(labels);
  const t1 = performance.now();
  const { samples: bare, ids: bareIds } = await runBaseline({
    client,
    env,
    script,
    queries,
    queryBytes,
    n: N,
    concurrency: C,
    pollMs: POLL_MS,
  });
  const bareSecs = (performance.now() - t1) / 1000;
  const cpu3 = cpuSnapshot(labels);
  const bareCalls = since(calls2, snapshot(calls));
  const bareTasks = await workflowTaskDurations(client, bareIds);
  scriptedWorker.kill('SIGTERM');

  console.log(
    `\nHTTP path: ${(N / httpSecs).toFixed(1)} requests/s (${httpSecs.toFixed(1)} s, until the read model showed each)`,
  );
  for (const [k, xs] of Object.entries({ ...http, ...lag })) printRow(k, xs);
  printRow('HTTP path workflow task', tasks);
  console.log(`Faithful baseline: ${(N / bareSecs).toFixed(1)} workflows/s (${bareSecs.toFixed(1)} s)`);
  for (const [k, xs] of Object.entries(bare)) printRow(`baseline ${k}`, xs);
  printRow('baseline workflow task', bareTasks);
  console.log(`Temporal calls per request: HTTP path ${perUnit(httpCalls.calls, N)}`);
  console.log(`                            baseline  ${perUnit(bareCalls.calls, N)}`);
  const ratio = N / httpSecs / (N / bareSecs);
  const p99ratio = pct(http['POST update'], 99) / pct(bare.update, 99);
  // Where the time goes: both cores are shared by every process, so CPU per request explains the ratio.
  const cpuLine = (label: string, rows: ReturnType<typeof cpuPerUnit>) => {
    const total = rows.reduce((t, [, v]) => t + v, 0);
    const temporal = rows.find(([k]) => k === 'temporal')?.[1] ?? NaN;
    console.log(
      `CPU per ${label}: ${total.toFixed(0)} ms = ${rows.map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}` +
        `; ${(total / temporal).toFixed(1)}x Temporal's own`,
    );
    return total / temporal;
  };
  const cpuRatio = cpuLine('request (HTTP path)', cpuPerUnit(cpu0, cpu1, N));
  cpuLine('baseline workflow', cpuPerUnit(cpu2, cpu3, N));
  console.log(`\nthroughput ratio HTTP/baseline: ${ratio.toFixed(2)} (target >= 0.5, aim 0.7)`);
  console.log(`CPU per request / Temporal's own: ${cpuRatio.toFixed(1)} (target <= 2.5)`);
  console.log(`update p99 ratio HTTP/baseline: ${p99ratio.toFixed(2)}`);
  console.log(`read-model lag p99: ${pct(lag['read-model lag'], 99).toFixed(0)} ms (target <= 1000)`);
  console.log(`longest workflow task: ${Math.max(...tasks).toFixed(0)} ms (target <= 1000)`);

  server.close();
  await openWorkOf(models).stop();
  await connection.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
