/** Starting the embedded servers (Temporal dev server, FerretDB) as child processes and waiting for them. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { searchAttributeCliArgs } from '../shared/serviceRequest/searchAttributes';

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

export function waitForPort(port: number, host = '127.0.0.1', timeoutMs = 60_000, proc?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (proc && proc.exitCode !== null)
        return reject(new Error(`process exited with ${proc.exitCode} before port ${port} opened`));
      const socket = net.connect(port, host);
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`port ${host}:${port} did not open within ${timeoutMs} ms`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export const portInUse = (port: number): Promise<boolean> =>
  waitForPort(port, '127.0.0.1', 0).then(
    () => true,
    () => false,
  );

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
  ];
  const child = launch('temporal', tools.temporalCli, args, opts.logFile);
  await waitForPort(opts.port, '127.0.0.1', 120_000, child);
  return child;
}

export async function startFerretDb(opts: { port: number; dataDir: string; logFile?: string; tools?: ToolPaths }) {
  const tools = opts.tools ?? toolPaths();
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const child = launch(
    'ferretdb',
    tools.ferretdb,
    ['-listen-addr', `127.0.0.1:${opts.port}`, '-data-dir', opts.dataDir, '-log-level', 'error'],
    opts.logFile,
  );
  await waitForPort(opts.port, '127.0.0.1', 60_000, child);
  return child;
}

/** SIGTERM, then SIGKILL if it has not gone after `graceMs`. */
export function stopProcess(child: ChildProcess | undefined, graceMs = 10_000): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
