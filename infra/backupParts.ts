/**
 * What `npm run backup` and `npm run restore` share: the embedded PostgreSQL found running (its
 * postmaster.pid) or started for a moment, SQLite's online backup through the `sqlite3` tool, the plain
 * files of the data directory, and the manifest with a SHA-256 per file.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort } from './ports';
import { PG_USER, postgresBinDir, startPostgres } from './postgres';
import { stopProcess } from './processes';

export interface Manifest {
  createdAt: string;
  dataDir: string;
  backend: 'postgresql' | 'sqlite';
  version: string;
  files: { path: string; bytes: number; sha256: string }[];
}

/** The plain files kept: the mail catcher's mail, the demo accounts and tokens, FerretDB's state. */
const PLAIN = ['mail', 'demo-accounts.json', 'demo-tokens.json', path.join('ferretdb', 'state.json')];

export const pgArgs = (port: number, more: string[]) => [
  '-h',
  '127.0.0.1',
  '-p',
  String(port),
  '-U',
  PG_USER,
  '-d',
  'postgres',
  ...more,
];

/** pg_dump and pg_restore of the same installation as the server. */
export const pgTool = (name: 'pg_dump' | 'pg_restore') => path.join(postgresBinDir(), name);

export const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** The port of the PostgreSQL running on `pgDir`, from its postmaster.pid (line 4), if its process lives. */
export function runningPostgres(pgDir: string): number | undefined {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return undefined;
  const [pid, , , port] = fs.readFileSync(pidFile, 'utf8').split('\n');
  try {
    process.kill(Number(pid), 0);
    return Number(port);
  } catch {
    return undefined; // a stale file from a crash: PostgreSQL removes it when it starts next
  }
}

/** Runs `use` against the PostgreSQL on `pgDir`: the running one, or one started for it and stopped after. */
export async function withPostgres(pgDir: string, running: number | undefined, use: (port: number) => unknown) {
  if (running) return void use(running);
  const port = await freePort();
  const pg = await startPostgres({ dataDir: pgDir, port });
  try {
    use(port);
  } finally {
    pg.kill('SIGINT'); // PostgreSQL's fast shutdown
    await stopProcess(pg);
  }
}

/** SQLite's online backup (safe while the server writes), then the copy's own integrity check. */
export function sqliteCopy(from: string, to: string): void {
  try {
    execFileSync('sqlite3', [from, `.backup '${to.replace(/'/g, "''")}'`], { stdio: 'pipe' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error(
        'the backup needs the sqlite3 tool: apt-get install sqlite3 (bash infra/tools.sh does it as root)',
        { cause: err },
      );
    throw new Error(`sqlite3 .backup of ${from}: ${(err as { stderr?: Buffer }).stderr?.toString() ?? err}`, {
      cause: err,
    });
  }
  const check = execFileSync('sqlite3', [to, 'PRAGMA integrity_check;']).toString().trim();
  if (check !== 'ok') throw new Error(`the copy of ${from} fails its integrity check: ${check}`);
}

export function backupFiles(dataDir: string, out: string): void {
  for (const p of PLAIN) {
    const from = path.join(dataDir, p);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(out, 'files', p), { recursive: true });
  }
}

export function restoreFiles(from: string, dataDir: string): void {
  const files = path.join(from, 'files');
  if (fs.existsSync(files)) fs.cpSync(files, dataDir, { recursive: true });
}
