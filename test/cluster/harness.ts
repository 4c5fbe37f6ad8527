/**
 * The cluster tests' harness: `npm run start:cluster` (infra/cluster/start.ts) on free ports in a temporary
 * directory, its parts' process ids (pids.json), and an API caller for any of its ports.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../infra/ports';

const root = path.join(__dirname, '..', '..');

export interface Cluster {
  dir: string;
  /** HAProxy's port; the instances are on lb + 1 and lb + 2. */
  lb: number;
  /** The Temporal Server's frontend (host:port). */
  temporal: string;
  /** FerretDB's address (the MONGODB_URI every part uses). */
  mongoUri: string;
  out: () => string;
  pids: () => Record<string, number>;
  stop: () => Promise<void>;
}

const portFree = (p: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(p, '127.0.0.1', () => s.close(() => resolve(true)));
  });

/** A base port whose fixed offsets (the Temporal services and their membership ports) are all free. */
async function block(): Promise<number> {
  for (;;) {
    // Membership ports are stored as smallint: the highest, base + 703, must stay below 32768.
    const base = 20_000 + Math.floor(Math.random() * 12_000);
    const offsets = [0, 1, 2, 3, 700, 701, 702, 703];
    if ((await Promise.all(offsets.map((o) => portFree(base + o)))).every(Boolean)) return base;
  }
}

/** Starts the cluster profile; `release` is the build its workers and services run first (else this checkout). */
export async function startCluster(name: string, release?: string): Promise<Cluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `aftersales-${name}-`));
  if (release) {
    fs.mkdirSync(path.join(dir, 'data'));
    fs.writeFileSync(path.join(dir, 'data', 'release'), release);
  }
  let lb = await freePort();
  while (!(await portFree(lb + 1)) || !(await portFree(lb + 2))) lb = await freePort();
  const temporal = `127.0.0.1:${await block()}`;
  const mongoUri = `mongodb://127.0.0.1:${await freePort()}/aftersales`;
  const system: ChildProcess = spawn(process.execPath, ['--require', 'tsx/cjs', 'infra/cluster/start.ts'], {
    cwd: root,
    env: {
      ...process.env,
      AFTERSALES_DATA_DIR: path.join(dir, 'data'),
      PORT: String(lb),
      TEMPORAL_ADDRESS: temporal,
      TEMPORAL_UI_PORT: String(await freePort()),
      MONGODB_URI: mongoUri,
      SMTP_PORT: String(await freePort()),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (d: Buffer) => (out += d.toString()).includes('is running.') && resolve();
    system.stdout!.on('data', onData);
    system.stderr!.on('data', onData);
    system.once('exit', (code) => reject(new Error(`start:cluster exited with ${code}: ${out}`)));
  });
  return {
    dir,
    lb,
    temporal,
    mongoUri,
    out: () => out,
    pids: () => JSON.parse(fs.readFileSync(path.join(dir, 'data', 'pids.json'), 'utf8')),
    async stop() {
      if (system.exitCode === null) {
        const exited = new Promise((r) => system.once('exit', r));
        system.kill('SIGINT');
        await exited;
      }
      // KEEP_CLUSTER=1 keeps the data and logs to look at after a failure.
      if (!process.env.KEEP_CLUSTER) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function call(port: number, method: string, p: string, token: string, body?: unknown, more = {}) {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1${p}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...more },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: any = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // an HTML or empty answer (a proxy's): kept as text
  }
  return { status: res.status, body: parsed, retryAfter: res.headers.get('retry-after') };
}
