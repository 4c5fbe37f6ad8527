/**
 * The embedded PostgreSQL under FerretDB (decision 0006): Debian's server binaries (postgresql-15, or
 * PG_BIN_DIR), a cluster initialised on first start in the data directory, listening on loopback only
 * (no Unix socket), trust authentication for the one local user FerretDB connects as. PostgreSQL refuses
 * to run as root, so as root the cluster belongs to, and runs as, the `postgres` system user.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { waitForPort } from './ports';

export const PG_USER = 'aftersales';

/** The newest installed server's bin directory, or a message saying how to get one. */
export function postgresBinDir(): string {
  const candidates = process.env.PG_BIN_DIR
    ? [process.env.PG_BIN_DIR]
    : fs.existsSync('/usr/lib/postgresql')
      ? fs
          .readdirSync('/usr/lib/postgresql')
          .sort((a, b) => Number(b) - Number(a))
          .map((v) => `/usr/lib/postgresql/${v}/bin`)
      : [];
  const found = candidates.find((d) => fs.existsSync(path.join(d, 'initdb')));
  if (!found)
    throw new Error(
      'PostgreSQL server binaries not found (the embedded database runs FerretDB on PostgreSQL): ' +
        'install them (Debian: apt-get install postgresql-15), set PG_BIN_DIR, or set AFTERSALES_DB_BACKEND=sqlite',
    );
  return found;
}

/** As root, PostgreSQL must run as an unprivileged user: the `postgres` system user the package creates. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    return { uid, gid };
  } catch {
    throw new Error('running as root, PostgreSQL needs the `postgres` system user (created by the postgresql package)');
  }
}

function chownTree(dir: string, ids: { uid: number; gid: number }) {
  fs.chownSync(dir, ids.uid, ids.gid);
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) chownTree(p, ids);
    else fs.chownSync(p, ids.uid, ids.gid);
  }
}

export async function startPostgres(opts: {
  dataDir: string;
  port: number;
  logFile?: string;
  /** Tests and throwaway runs only: skip fsync (a crash may lose the cluster). */
  durable?: boolean;
}): Promise<ChildProcess> {
  const bin = postgresBinDir();
  const ids = runAs();
  fs.mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  if (ids) {
    chownTree(opts.dataDir, ids);
    // The `postgres` user must reach its directory: add the search bit (not read) where an ancestor lacks it.
    for (let d = path.dirname(opts.dataDir); d !== path.dirname(d); d = path.dirname(d)) {
      const mode = fs.statSync(d).mode;
      if (!(mode & 0o001)) fs.chmodSync(d, (mode & 0o7777) | 0o001);
    }
  }
  if (!fs.existsSync(path.join(opts.dataDir, 'PG_VERSION'))) {
    execFileSync(
      path.join(bin, 'initdb'),
      ['-D', opts.dataDir, '-U', PG_USER, '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-instructions'],
      { stdio: ['ignore', 'ignore', 'pipe'], ...(ids ?? {}) },
    );
  }
  const out = opts.logFile ? fs.openSync(opts.logFile, 'a') : 'ignore';
  if (opts.logFile && ids) fs.chownSync(opts.logFile, ids.uid, ids.gid);
  const settings = {
    listen_addresses: '127.0.0.1',
    port: String(opts.port),
    unix_socket_directories: '',
    max_connections: '200',
    // FerretDB binds the key of each `_jsonb->$1 @> $2` lookup as a parameter: planned with its values,
    // an _id lookup uses the GIN index the launcher adds (infra/ferretdb/idindex.go) instead of a scan.
    plan_cache_mode: 'force_custom_plan',
    ...(opts.durable === false ? { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' } : {}),
  };
  const args = ['-D', opts.dataDir, ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
  const child = spawn(path.join(bin, 'postgres'), args, { stdio: ['ignore', out, out], ...(ids ?? {}) });
  child.once('error', (err) => console.error(`[postgres] failed to start: ${err.message}`));
  await waitForPort(opts.port, '127.0.0.1', 60_000, child);
  return child;
}

export const postgresUrl = (port: number) => `postgres://${PG_USER}@127.0.0.1:${port}/postgres`;
