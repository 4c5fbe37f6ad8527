/** Starting the embedded servers (Temporal dev server, FerretDB) as child processes and waiting for them. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { searchAttributeCliArgs } from '../shared/serviceRequest/searchAttributes';
import { startPostgres, postgresUrl } from './postgres';
import { freePort, waitForPort } from './ports';

export interface ToolPaths {
  temporalCli: string;
  ferretdb: string;
  testServer: string;
}

/** Written by infra/tools.sh; run `npm run tools` if it is missing. */
export function toolPaths(): ToolPaths {
  const file = path.join(__dirname, '..', 'node_modules', '.aftersales-tools.json');
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`npm run tools\` first`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as ToolPaths;
}

export { freePort, portInUse, waitForPort } from './ports';

/**
 * The Node flags the worker process starts with, as `npm run worker` and the systemd unit give them: the heap
 * limit (WORKER_HEAP_MB), TypeScript, and the stack-trace preload of decision 0010 (absent in a build from
 * before it) from the build in `dir`.
 */
export function workerNodeFlags(dir: string): string[] {
  const preload = path.join(dir, 'infra', 'workflowStackTraces.ts');
  return [
    `--max-old-space-size=${process.env.WORKER_HEAP_MB ?? 400}`,
    '--require',
    'tsx/cjs',
    ...(fs.existsSync(preload) ? ['--require', preload] : []),
  ];
}

function launch(name: string, cmd: string, args: string[], logFile?: string): ChildProcess {
  const out = logFile ? fs.openSync(logFile, 'a') : 'ignore';
  const child = spawn(cmd, args, { stdio: ['ignore', out, out] });
  child.once('error', (err) => console.error(`[${name}] failed to start: ${err.message}`));
  return child;
}

export async function startTemporal(opts: {
  port: number;
  uiPort?: number;
  dbFile?: string;
  logFile?: string;
  tools?: ToolPaths;
}) {
  const tools = opts.tools ?? toolPaths();
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(opts.port),
    '--namespace',
    'default',
    '--log-level',
    'error',
    ...(opts.dbFile ? ['--db-filename', opts.dbFile] : []),
    ...(opts.uiPort ? ['--ui-port', String(opts.uiPort)] : ['--headless']),
    '--http-port',
    String(await freePort()),
    '--metrics-port',
    String(await freePort()),
    ...searchAttributeCliArgs(),
    // An activity a workflow task schedules comes back with that task's answer instead of waiting to be
    // matched to a poller: publishing a step starts about 100 ms sooner under load (docs/benchmarks.md).
    '--dynamic-config-value',
    'system.enableActivityEagerExecution=true',
  ];
  const child = launch('temporal', tools.temporalCli, args, opts.logFile);
  await waitForPort(opts.port, '127.0.0.1', 120_000, child);
  return child;
}

/** FerretDB's storage: PostgreSQL (the default, decision 0006) or SQLite (AFTERSALES_DB_BACKEND=sqlite). */
export const dbBackend = (): 'postgresql' | 'sqlite' =>
  process.env.AFTERSALES_DB_BACKEND === 'sqlite' ? 'sqlite' : 'postgresql';

/**
 * A process stopped after the one it serves (PostgreSQL after its FerretDB). Kept on the child itself, so
 * that code loaded separately (jest's global setup and teardown) finds it.
 */
const COMPANION = Symbol.for('aftersales.companion');
type WithCompanion = ChildProcess & { [COMPANION]?: ChildProcess };

/**
 * FerretDB on its backend. With PostgreSQL the cluster lives beside `dataDir`, in `../postgres`; a
 * `dataDir` holding an earlier SQLite database is refused with what to do, never silently ignored.
 */
export async function startFerretDb(opts: {
  port: number;
  dataDir: string;
  logFile?: string;
  tools?: ToolPaths;
  durable?: boolean;
  /** Given: this backend, as asked. Not given: the configured one, refusing SQLite leftovers. */
  backend?: 'postgresql' | 'sqlite';
  /** A PostgreSQL that runs already (the cluster profile's): used instead of starting one of its own. */
  postgresUrl?: string;
}) {
  const tools = opts.tools ?? toolPaths();
  fs.mkdirSync(opts.dataDir, { recursive: true });
  let pg: ChildProcess | undefined;
  const backendArgs = ['-data-dir', opts.dataDir];
  if (opts.postgresUrl) {
    backendArgs.push('-postgresql-url', opts.postgresUrl);
  } else if ((opts.backend ?? dbBackend()) === 'postgresql') {
    const sqlite = fs.readdirSync(opts.dataDir).filter((f) => f.endsWith('.sqlite'));
    if (sqlite.length && !opts.backend)
      throw new Error(
        `${opts.dataDir} holds a SQLite database from an earlier aftersales (${sqlite.join(', ')}); the embedded ` +
          'database is FerretDB on PostgreSQL. Start on an empty data directory (move this one away), or keep SQLite ' +
          'with AFTERSALES_DB_BACKEND=sqlite',
      );
    const pgPort = await freePort();
    const pgLog = opts.logFile ? opts.logFile.replace(/ferretdb(\.log)?$/, 'postgres.log') : undefined;
    const pgDir = path.join(path.dirname(opts.dataDir), 'postgres');
    pg = await startPostgres({ dataDir: pgDir, port: pgPort, logFile: pgLog, durable: opts.durable });
    backendArgs.push('-postgresql-url', postgresUrl(pgPort));
  }
  const child = launch(
    'ferretdb',
    tools.ferretdb,
    ['-listen-addr', `127.0.0.1:${opts.port}`, ...backendArgs, '-log-level', 'error'],
    opts.logFile,
  );
  if (pg) (child as WithCompanion)[COMPANION] = pg;
  try {
    await waitForPort(opts.port, '127.0.0.1', 60_000, child);
  } catch (err) {
    await stopProcess(child);
    throw err;
  }
  return child;
}

/** SIGTERM, then SIGKILL if it has not gone after `graceMs`. */
export async function stopProcess(child: ChildProcess | undefined, graceMs = 10_000): Promise<void> {
  await stopOne(child, graceMs);
  const companion = (child as WithCompanion | undefined)?.[COMPANION];
  if (companion) await stopOne(companion, graceMs, 'SIGINT'); // PostgreSQL: SIGINT is its fast shutdown
}

function stopOne(child: ChildProcess | undefined, graceMs: number, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}
