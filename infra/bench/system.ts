/**
 * The system both benchmarks measure, laid out as it is deployed: Temporal's dev server and FerretDB in a
 * temporary directory, the worker in its own process (infra/worker.ts: workflows, activities, the outbox
 * and webhook dispatchers), and the HTTP services in the benchmark's process, where the clients run too.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectModels, type Models } from '../../shared/storage/models';
import { freePort, startFerretDb, startTemporal, stopProcess, waitForPort, workerNodeFlags } from '../processes';
import { seed } from '../seed';

export interface BenchSystem {
  env: Record<string, string | undefined>;
  models: Models;
  worker: ChildProcess;
  temporalPort: number;
}

/** Starts everything, runs `measure`, and stops everything again, also when the run fails. */
export async function withBenchSystem(
  name: string,
  measure: (s: BenchSystem) => Promise<void>,
  /** Settings that differ from the default run (a benchmark that sends mail: NOTIFY_CHANNEL=smtp, SMTP_PORT). */
  overrides: Record<string, string> = {},
): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `aftersales-${name}-`));
  const [tPort, mPort, metricsPort] = [await freePort(), await freePort(), await freePort()];
  console.log(`[${name}] starting Temporal dev server, FerretDB and a worker process in ${dir}`);
  const children: Parameters<typeof stopProcess>[0][] = [];
  try {
    children.push(await startTemporal({ port: tPort }));
    children.push(await startFerretDb({ port: mPort, dataDir: path.join(dir, 'ferretdb') }));
    const env = {
      ...process.env,
      TEMPORAL_ADDRESS: `127.0.0.1:${tPort}`,
      MONGODB_URI: `mongodb://127.0.0.1:${mPort}/${name}`,
      NOTIFY_CHANNEL: 'log',
      LOG_LEVEL: 'warn',
      WORKER_METRICS_PORT: String(metricsPort),
      ...overrides,
    };
    const { models, conn } = await connectModels(env.MONGODB_URI);
    await seed(models);
    const log = fs.openSync(path.join(dir, 'worker.log'), 'a');
    // BENCH_WORKER_FLAGS: extra Node flags for the worker, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile it.
    const flags = (process.env.BENCH_WORKER_FLAGS ?? '').split(' ').filter(Boolean);
    // Started as `npm run worker` starts it (heap limit, stack-trace preload), with any profiling flags.
    const root = path.join(__dirname, '..', '..');
    const worker = spawn(
      process.execPath,
      [...workerNodeFlags(root), ...flags, path.join(root, 'infra', 'worker.ts')],
      {
        env,
        stdio: ['ignore', log, log],
      },
    );
    children.push(worker);
    await waitForPort(metricsPort, '127.0.0.1', 120_000, worker); // the worker is up once it exports metrics
    try {
      await measure({ env, models, worker, temporalPort: tPort });
    } finally {
      await conn.close();
    }
  } finally {
    await Promise.all(children.map((c) => stopProcess(c)));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
