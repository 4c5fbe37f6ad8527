/**
 * The cluster profile's smaller parts: where `infra/tools.sh --cluster` put its tools, a database of
 * FerretDB's own on the shared PostgreSQL, the namespace and this system's search attributes on a fresh
 * server, the Web UI server pointed at the cluster's frontend, and our own processes (workers, services).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { SA } from '../../shared/serviceRequest/searchAttributes';
import { waitForPort } from '../ports';
import { workerNodeFlags } from '../processes';
import { PG_USER, postgresBinDir } from '../postgres';
import type { ClusterTools } from './temporalServer';

const root = path.join(__dirname, '..', '..');

export function clusterTools(): ClusterTools & { temporalUi: string; haproxy: string } {
  const file = path.join(root, 'node_modules', '.aftersales-cluster-tools.json');
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`bash infra/tools.sh --cluster\` first`);
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** CREATE DATABASE, unless it exists (a second start). */
export async function createDatabase(pgPort: number, name: string): Promise<void> {
  const psql = path.join(postgresBinDir(), 'psql');
  const args = ['-h', '127.0.0.1', '-p', String(pgPort), '-U', PG_USER, '-d', 'postgres', '-tAc'];
  const exists = execFileSync(psql, [...args, `SELECT 1 FROM pg_database WHERE datname = '${name}'`]).toString();
  if (!exists.trim()) execFileSync(psql, [...args, `CREATE DATABASE ${name}`]);
}

const cliTypes: Record<string, string> = {
  KEYWORD: 'Keyword',
  BOOL: 'Bool',
  DATETIME: 'Datetime',
  KEYWORD_LIST: 'KeywordList',
};

/** The `default` namespace and our search attributes, as the dev server's flags make them. */
export async function prepareNamespace(cli: string, address: string): Promise<void> {
  const run = (args: string[]) => execFileSync(cli, [...args, '--address', address], { stdio: 'pipe' }).toString();
  // The frontend listens before its namespace registry is ready: a few tries.
  for (let i = 0; ; i++) {
    try {
      run(['operator', 'namespace', 'describe', '--namespace', 'default']);
      break;
    } catch {
      try {
        run(['operator', 'namespace', 'create', '--namespace', 'default', '--retention', '30d']);
        break;
      } catch (err) {
        if (i >= 30) throw err;
        await new Promise((r) => setTimeout(r, 1_000));
      }
    }
  }
  // A new namespace reaches the frontend's registry within its refresh interval (about 10 s).
  let have = '';
  for (let i = 0; !have; i++) {
    try {
      have = run(['operator', 'search-attribute', 'list', '--namespace', 'default']);
    } catch (err) {
      if (i >= 60) throw err;
      await new Promise((r) => setTimeout(r, 1_000));
    }
  }
  for (const k of Object.values(SA))
    if (!have.includes(k.name))
      run([
        'operator',
        'search-attribute',
        'create',
        '--namespace',
        'default',
        '--name',
        k.name,
        '--type',
        cliTypes[k.type],
      ]);
}

export async function startUi(binary: string, dir: string, temporal: string, port: number, logs: string) {
  fs.mkdirSync(path.join(dir, 'config'), { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'config', 'cluster.yaml'),
    `temporalGrpcAddress: ${temporal}\nport: ${port}\nenableUi: true\ndefaultNamespace: default\n` +
      `cors:\n  cookieInsecure: true\n  allowOrigins:\n    - http://127.0.0.1:${port}\n`,
  );
  const out = fs.openSync(path.join(logs, 'temporal-ui.log'), 'a');
  const child = spawn(binary, ['--root', dir, '--config', 'config', '--env', 'cluster', 'start'], {
    stdio: ['ignore', out, out],
  });
  await waitForPort(port, '127.0.0.1', 30_000, child);
  return child;
}

/**
 * The build our processes run: the directory named in `<data>/release` when there is one (a rolling upgrade
 * writes the new build's there, then restarts the parts one at a time), else this checkout.
 */
export function currentBuild(dataDir: string): string {
  const file = path.join(dataDir, 'release');
  return fs.existsSync(file) ? path.resolve(fs.readFileSync(file, 'utf8').trim()) : root;
}

/** One of our processes (a worker, a services instance) from the build `dir`, up once it listens on `port`. */
export async function nodeProcess(
  entry: string,
  env: Record<string, string>,
  logFile: string,
  port: number,
  dir = root,
): Promise<ChildProcess> {
  const out = fs.openSync(logFile, 'a');
  fs.appendFileSync(logFile, `[cluster] starting ${entry} from ${dir}\n`);
  const flags = entry.includes('worker') ? workerNodeFlags(dir) : ['--require', 'tsx/cjs'];
  const child = spawn(process.execPath, [...flags, path.join(dir, entry)], {
    cwd: dir,
    env: { ...process.env, ...env },
    stdio: ['ignore', out, out],
  });
  await waitForPort(port, '127.0.0.1', 120_000, child);
  return child;
}
