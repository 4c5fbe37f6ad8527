/**
 * `npm run backup [-- --to DIR]`: a backup of the embedded default, running or stopped, into DIR
 * (default `backups/aftersales-<time>` beside the data directory). Temporal's SQLite database is copied
 * first with SQLite's online backup, then the application's data (FerretDB's PostgreSQL: pg_dump, which
 * reads one consistent snapshot; or its SQLite files), then the mail and the demo files. The order matters:
 * the application's data is then never older than the workflows' history, so after a restore a workflow
 * at most repeats a step, whose activity finds its own claim and does not do it twice, and no step a
 * workflow believes done is missing from the data. A manifest lists every file with its SHA-256.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../shared/runtime/config';
import {
  backupFiles,
  pgArgs,
  pgTool,
  runningPostgres,
  sha256,
  sqliteCopy,
  withPostgres,
  type Manifest,
} from './backupParts';
import { dbBackend } from './processes';

async function main() {
  const { values } = parseArgs({ options: { to: { type: 'string' } } });
  const { dataDir } = loadConfig();
  if (!fs.existsSync(dataDir))
    throw new Error(`no data directory ${dataDir} (AFTERSALES_DATA_DIR): nothing to back up`);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const out = path.resolve(values.to ?? path.join(path.dirname(dataDir), 'backups', `aftersales-${stamp}`));
  if (fs.existsSync(out) && fs.readdirSync(out).length) throw new Error(`${out} is not empty: back up into a new one`);
  fs.mkdirSync(out, { recursive: true });
  const step = (what: string, run: () => void | Promise<void>) => async () => {
    const t0 = Date.now();
    process.stdout.write(`[backup] ${what} ... `);
    await run();
    console.log(`ok (${Date.now() - t0} ms)`);
  };
  const backend = dbBackend();

  const temporalDb = path.join(dataDir, 'temporal.db');
  if (fs.existsSync(temporalDb))
    await step('Temporal dev server database (SQLite online backup)', () =>
      sqliteCopy(temporalDb, path.join(out, 'temporal.db')),
    )();
  if (backend === 'postgresql') {
    const pgDir = path.join(dataDir, 'postgres');
    const running = runningPostgres(pgDir);
    await step(`application data (pg_dump of ${running ? 'the running' : 'a briefly started'} PostgreSQL)`, () =>
      withPostgres(pgDir, running, (port) =>
        execFileSync(pgTool('pg_dump'), pgArgs(port, ['-Fc', '-f', path.join(out, 'app.pgdump')]), { stdio: 'pipe' }),
      ),
    )();
  } else {
    const dir = path.join(dataDir, 'ferretdb');
    await step('application data (FerretDB SQLite files, online backup)', () => {
      fs.mkdirSync(path.join(out, 'ferretdb'));
      for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.sqlite')))
        sqliteCopy(path.join(dir, f), path.join(out, 'ferretdb', f));
    })();
  }
  await step('mail, demo accounts and tokens', () => backupFiles(dataDir, out))();

  const files = listFiles(out);
  const manifest: Manifest = {
    createdAt: new Date().toISOString(),
    dataDir,
    backend,
    version: JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')).version,
    files: files.map((f) => ({
      path: f,
      bytes: fs.statSync(path.join(out, f)).size,
      sha256: sha256(path.join(out, f)),
    })),
  };
  fs.writeFileSync(path.join(out, 'manifest.json'), JSON.stringify(manifest, null, 2));
  const mb = manifest.files.reduce((t, f) => t + f.bytes, 0) / 1e6;
  console.log(
    `[backup] ${files.length} files, ${mb.toFixed(1)} MB in ${out}\n[backup] restore with: npm run restore -- --from ${out}`,
  );
}

function listFiles(dir: string, prefix = ''): string[] {
  return fs
    .readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(dir, path.join(prefix, e.name)) : [path.join(prefix, e.name)]))
    .filter((f) => f !== 'manifest.json')
    .sort();
}

if (require.main === module)
  main().catch((err) => {
    console.error(`\n[backup] failed: ${(err as Error).message}`);
    process.exit(1);
  });
