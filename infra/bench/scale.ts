/**
 * `npm run bench:scale [-- --closed 1000000 --open 10000 --samples 60]`: the same measurements on an empty
 * system and, in the same run against the same servers, after a history of closed requests (written
 * straight to the stores the product reads) and open ones (real workflows through intake). Prints intake
 * and update p99 (accept an offer, set the appointment), the dispatcher list p99 (and the two candidates it was chosen against, decision 0006),
 * the KPI query for a quarter, the longest workflow task and the worker's RSS, with ratios and targets.
 */
import { Client, Connection } from '@temporalio/client';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { createApp } from '../../services/app';
import { issueToken } from '../../shared/runtime/auth';
import { loadConfig } from '../../shared/runtime/config';
import type { Models } from '../../shared/storage/models';
import { ChangeLog } from '../../shared/storage/changeLog';
import { openWorkOf } from '../../shared/storage/openWork';
import { writeClosedHistory } from './history';
import { withBenchSystem } from './system';
import {
  apiCaller,
  benchAppointment,
  benchIntake,
  changeGeneralPolicy,
  pct,
  pool,
  printRow,
  sleep,
  workflowTaskDurations,
  type Samples,
} from './measure';

const { values } = parseArgs({
  options: {
    closed: { type: 'string', default: '1000000' },
    open: { type: 'string', default: '10000' },
    samples: { type: 'string', default: '60' },
    concurrency: { type: 'string', default: '10' },
  },
});
const CLOSED = Number(values.closed);
const OPEN = Number(values.open);
const SAMPLES = Number(values.samples);
const C = Number(values.concurrency);

const rssMb = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;

async function main() {
  await withBenchSystem('bench-scale', async ({ env, models, worker }) => {
    try {
      await run(env, models, worker.pid!);
    } finally {
      await openWorkOf(models).stop();
    }
  });
}

async function run(env: Record<string, string | undefined>, models: Models, workerPid: number) {
  const config = { ...loadConfig(), temporalAddress: env.TEMPORAL_ADDRESS!, mongoUri: env.MONGODB_URI! };
  const connection = await Connection.connect({ address: config.temporalAddress });
  const client = new Client({ connection });
  const openWork = openWorkOf(models).start();
  const server = createApp({ client, models, config }).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}/api/v1`;
  const tok = {
    agent: await issueToken(config.authSecret, { role: 'agent', id: 'bench' }),
    dispatcher: await issueToken(config.authSecret, { role: 'dispatcher', id: 'bench' }),
    admin: await issueToken(config.authSecret, { role: 'admin', id: 'bench' }),
  };
  const call = apiCaller(base);
  const timed = async <T>(xs: number[], f: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const out = await f();
    xs.push(performance.now() - t0);
    return out;
  };
  const intakeBody = (i: number) => benchIntake(`bench ${i}`);
  const appointment = benchAppointment;
  const engineerTokens = new Map<string, string>();
  const engineerToken = async (id: string) =>
    engineerTokens.get(id) ??
    engineerTokens.set(id, await issueToken(config.authSecret, { role: 'engineer', id })).get(id)!;

  /** The user-visible operations, each timed; requests started here are then closed out by cancelling. */
  async function measure(): Promise<Samples & { tasks: number[] }> {
    const s: Samples = { intake: [], update: [], 'dispatcher list': [], 'kpi quarter': [] };
    const ids: string[] = [];
    await pool(SAMPLES, 4, async (i) => {
      const { requestNo } = await timed(s.intake, () => call('POST', '/requests', tok.agent, intakeBody(i)));
      let view: any;
      while ((view = await call('GET', `/requests/${requestNo}`, tok.agent)).status !== 'offered') await sleep(50);
      ids.push(view.workflowId);
      const eng = await engineerToken(view.offer.engineerId);
      await timed(s.update, () => call('POST', `/requests/${requestNo}/offer/accept`, eng));
      await timed(s.update, () => call('POST', `/requests/${requestNo}/appointment`, eng, appointment()));
    });
    // Cheap reads, so five times as many: a p99 of 60 samples is just the slowest one (one GC pause).
    for (let i = 0; i < 5 * SAMPLES; i++) {
      await timed(s['dispatcher list'], () =>
        call('GET', '/requests?open=true&sort=deadline&limit=50', tok.dispatcher),
      );
      await timed(s['kpi quarter'], () => call('GET', '/kpis?from=2026-07&to=2026-09', tok.admin));
    }
    // The candidates the list was chosen against, on the same data (few runs: they are slow at scale).
    const sort = { deadlineOrder: 1, receivedAt: 1 } as const;
    for (let i = 0; i < 3; i++) {
      await timed((s['candidate: read-model query'] ??= []), () =>
        Promise.all([
          models.ServiceRequest.find({ open: true }).sort(sort).limit(50).lean(),
          models.ServiceRequest.countDocuments({ open: true }),
        ]),
      );
      await timed((s['candidate: open_requests query'] ??= []), () =>
        Promise.all([models.OpenRequest.find({}).sort(sort).limit(50).lean(), models.OpenRequest.countDocuments({})]),
      );
    }
    return { ...s, tasks: await workflowTaskDurations(client, ids) };
  }

  // Open requests wait offered for a day, as a backlog waits: 10,000 unanswered offers expiring every 15 minutes
  // would be a burst of re-offers (bench:burst's subject), not a system with history.
  await changeGeneralPolicy(call, tok.admin, (p) => (p.offerAcceptanceMs = 24 * 3_600_000));

  console.log(
    `[bench:scale] empty system: ${SAMPLES} intakes, ${2 * SAMPLES} updates, ${5 * SAMPLES} lists and KPI queries`,
  );
  const empty = await measure();
  const emptyRss = rssMb(workerPid);

  console.log(`[bench:scale] writing ${CLOSED} closed requests to the read model`);
  await writeClosedHistory(models, CLOSED);
  console.log(`[bench:scale] opening ${OPEN} real requests through intake, ${C} at a time`);
  const t0 = performance.now();
  await pool(OPEN, C, async (i) => {
    await call('POST', '/requests', tok.agent, intakeBody(i));
    if (i % 500 === 499)
      console.log(`[bench:scale]   ${i + 1} open (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  });
  // Every one published before measuring (said every half minute, so a slow backlog is visibly alive).
  for (let i = 1; openWork.size() < OPEN; i++) {
    if (i % 60 === 0) console.log(`[bench:scale]   ${openWork.size()} of ${OPEN} in open work`);
    await sleep(500);
  }
  // Then let the fill's backlog drain (offers, publishing): measured is a system with history, not a queue.
  const log = new ChangeLog(models);
  for (let last = -1, i = 0; i < 60 && (await log.head()) !== last; i++) {
    last = await log.head();
    await sleep(5_000);
  }
  console.log(`[bench:scale] scaled system: ${CLOSED} closed, ${openWork.size()} open`);
  const scaled = await measure();
  const scaledRss = rssMb(workerPid);

  console.log('\nempty system');
  for (const [k, xs] of Object.entries(empty)) printRow(k, xs);
  console.log(`scaled system (${CLOSED} closed, ${OPEN} open)`);
  for (const [k, xs] of Object.entries(scaled)) printRow(k, xs);
  const p99 = (x: Samples, k: string) => pct(x[k], 99);
  const line = (what: string, a: number, b: number, target: string) =>
    console.log(
      `  ${what.padEnd(28)} ${a.toFixed(1).padStart(9)} ${b.toFixed(1).padStart(9)} ${(b / a).toFixed(2).padStart(7)}   ${target}`,
    );
  console.log(
    `\n  ${'p99 (ms) / MB'.padEnd(28)} ${'empty'.padStart(9)} ${'scaled'.padStart(9)} ${'ratio'.padStart(7)}   target`,
  );
  line('intake p99', p99(empty, 'intake'), p99(scaled, 'intake'), 'ratio <= 1.2');
  line('update p99', p99(empty, 'update'), p99(scaled, 'update'), 'ratio <= 1.2');
  line('dispatcher list p99', p99(empty, 'dispatcher list'), p99(scaled, 'dispatcher list'), '<= 50 ms');
  line('kpi quarter p99', p99(empty, 'kpi quarter'), p99(scaled, 'kpi quarter'), '<= 200 ms');
  line('longest workflow task', Math.max(...empty.tasks), Math.max(...scaled.tasks), '<= 1000 ms');
  line('worker RSS (MB)', emptyRss, scaledRss, '<= 1024 MB');
  line(
    'cand. read-model query',
    p99(empty, 'candidate: read-model query'),
    p99(scaled, 'candidate: read-model query'),
    '(not chosen)',
  );
  line(
    'cand. open_requests query',
    p99(empty, 'candidate: open_requests query'),
    p99(scaled, 'candidate: open_requests query'),
    '(not chosen)',
  );

  server.close();
  await openWork.stop();
  await connection.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
