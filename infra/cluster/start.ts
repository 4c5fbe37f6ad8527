/**
 * `npm run start:cluster`: the cluster profile beside the embedded default, on one machine but laid out
 * as several would run it. PostgreSQL holds Temporal's persistence and SQL visibility and, in a database of
 * its own, FerretDB's data; the Temporal Server (frontend, history, matching, worker services), its Web UI,
 * two workers, two services instances, HAProxy in front of them, and the mail catcher. Data in
 * AFTERSALES_DATA_DIR (default `data-cluster`); Ctrl-C stops everything and the next start resumes.
 * Ports: PORT (HAProxy, 3000), PORT+1 and PORT+2 (the instances), TEMPORAL_ADDRESS's port (frontend, 7233)
 * and the three after it (history, matching, worker), TEMPORAL_UI_PORT (8233). A part that ends unasked is
 * started again (supervisor.ts); the parts' process ids are in `<data>/pids.json`. Workers and services run the
 * build named in `<data>/release` (else this checkout): a rolling upgrade names the new build there and
 * restarts them one at a time (docs/deployment.md, "Rolling upgrade").
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../shared/runtime/config';
import { connectModels } from '../../shared/storage/models';
import { ensureDemoAccounts } from '../demoAccounts';
import { startMailCatcher } from '../mailcatcher';
import { freePort, portInUse } from '../ports';
import { PG_USER, startPostgres } from '../postgres';
import { startFerretDb, toolPaths } from '../processes';
import { seed } from '../seed';
import { clusterTools, createDatabase, currentBuild, nodeProcess, prepareNamespace, startUi } from './parts';
import { startHaproxy } from './haproxy';
import { Supervisor } from './supervisor';
import { setUpSchemas, startTemporalServer } from './temporalServer';

async function main() {
  process.env.AFTERSALES_DATA_DIR ??= 'data-cluster';
  const config = loadConfig();
  // The instances' links and redirects name the load balancer, not themselves.
  process.env.PUBLIC_URL ??= config.publicUrl;
  const tools = { ...toolPaths(), ...clusterTools() };
  const dir = config.dataDir;
  const logs = path.join(dir, 'logs');
  fs.mkdirSync(logs, { recursive: true });
  const frontend = Number(config.temporalAddress.split(':').pop());
  const lb = config.httpPort;
  // The server keeps membership ports (frontend + 700..703) in a smallint column.
  if (frontend + 703 > 32_767) throw new Error(`TEMPORAL_ADDRESS's port must be at most 32064, not ${frontend}`);
  for (const p of [lb, lb + 1, lb + 2, frontend, frontend + 1, frontend + 2, frontend + 3, config.temporalUiPort])
    if (await portInUse(p)) throw new Error(`port ${p} is in use: is aftersales already running? Stop it, or set PORT`);

  const parts = new Supervisor(path.join(dir, 'pids.json'));
  const closers: (() => Promise<void>)[] = [];
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\n[cluster] stopping ...');
    for (const close of closers.reverse()) await close().catch(() => undefined);
    await parts.stopAll(); // the services and workers first, the servers after them
    console.log('[cluster] stopped; data kept in', dir);
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  const step = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    const t0 = Date.now();
    process.stdout.write(`[cluster] ${what} ... `);
    const result = await run();
    console.log(`ok (${Date.now() - t0} ms)`);
    return result;
  };

  try {
    const pgPort = await freePort();
    await step(`PostgreSQL (data in ${dir}/postgres)`, () =>
      parts.add('postgres', () =>
        startPostgres({ dataDir: path.join(dir, 'postgres'), port: pgPort, logFile: path.join(logs, 'postgres.log') }),
      ),
    );
    await step('Temporal schemas (temporal-sql-tool)', async () => setUpSchemas(tools, pgPort, () => undefined));
    const ports = {
      frontend,
      history: frontend + 1,
      matching: frontend + 2,
      worker: frontend + 3,
      membership: [frontend + 700, frontend + 701, frontend + 702, frontend + 703] as [number, number, number, number],
    };
    await step(`Temporal Server on ${config.temporalAddress} (all four services)`, () =>
      parts.add('temporal', () =>
        startTemporalServer({
          tools,
          dir: path.join(dir, 'temporal'),
          pgPort,
          ports,
          logFile: path.join(logs, 'temporal.log'),
        }),
      ),
    );
    await step('namespace and search attributes', () => prepareNamespace(tools.temporalCli, config.temporalAddress));
    await step(`Temporal UI on :${config.temporalUiPort}`, () =>
      parts.add('temporal-ui', () =>
        startUi(tools.temporalUi, path.join(dir, 'ui'), config.temporalAddress, config.temporalUiPort, logs),
      ),
    );
    const mongoPort = Number(new URL(config.mongoUri).port || 27017);
    await createDatabase(pgPort, 'ferretdb');
    await step(`FerretDB on :${mongoPort} (PostgreSQL database ferretdb)`, () =>
      parts.add('ferretdb', () =>
        startFerretDb({
          port: mongoPort,
          dataDir: path.join(dir, 'ferretdb'),
          logFile: path.join(logs, 'ferretdb.log'),
          postgresUrl: `postgres://${PG_USER}@127.0.0.1:${pgPort}/ferretdb`,
          tools,
        }),
      ),
    );
    if (config.notifyChannel === 'smtp' && !(await portInUse(config.smtp.port))) {
      const mail = await step(`mail catcher on :${config.smtp.port}`, () =>
        startMailCatcher({ port: config.smtp.port, dir: path.join(dir, 'mail') }),
      );
      closers.push(mail.close);
    }
    await step('seeding demo master data', async () => {
      const { conn, models } = await connectModels(config.mongoUri);
      await seed(models);
      await ensureDemoAccounts(models, path.join(dir, 'demo-accounts.json'));
      await conn.close();
    });
    for (const n of [1, 2]) {
      const metrics = await freePort();
      const env = { WORKER_METRICS_PORT: String(metrics) };
      await step(`worker ${n}`, () =>
        parts.add(`worker-${n}`, () =>
          nodeProcess('infra/worker.ts', env, path.join(logs, `worker-${n}.log`), metrics, currentBuild(dir)),
        ),
      );
    }
    for (const n of [1, 2]) {
      const env = { PORT: String(lb + n) };
      await step(`services ${n} on :${lb + n}`, () =>
        parts.add(`services-${n}`, () =>
          nodeProcess('services/main.ts', env, path.join(logs, `services-${n}.log`), lb + n, currentBuild(dir)),
        ),
      );
    }
    const statsPort = await freePort();
    await step(`HAProxy on :${lb} in front of both`, () =>
      parts.add('haproxy', () =>
        startHaproxy({
          binary: tools.haproxy,
          dir,
          port: lb,
          backends: [lb + 1, lb + 2],
          statsPort,
          logFile: path.join(logs, 'haproxy.log'),
        }),
      ),
    );
    console.log(`
aftersales (cluster profile) is running.
  API and pages  ${config.publicUrl}/api/v1 · ${config.publicUrl}/app/sign-in (through HAProxy; instances on :${lb + 1}, :${lb + 2})
  Temporal UI    http://127.0.0.1:${config.temporalUiPort}
  Logs           ${logs}
Ctrl-C stops everything; data stays in ${dir}.`);
  } catch (err) {
    console.error(`\n[cluster] failed: ${(err as Error).message}\n(see logs in ${logs})`);
    await shutdown(1);
  }
}

void main();
