/**
 * `npm run restore -- --from DIR [--force]`: puts a backup (`npm run backup`) back as the data directory
 * of the embedded default, with the system stopped. Every file is checked against the manifest first;
 * nothing is written if one differs. A data directory that holds data is kept, never overwritten: without
 * --force the restore refuses; with it, the old one is moved aside (`<dir>.before-restore-<time>`). Then
 * a new PostgreSQL cluster takes the dump (pg_restore), and Temporal's database, the mail and the demo
 * files are copied back. The next `npm start` resumes every workflow where the backup found it.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../shared/runtime/config';
import { pgArgs, pgTool, restoreFiles, runningPostgres, sha256, withPostgres, type Manifest } from './backupParts';
import { portInUse } from './ports';

async function main() {
  const { values } = parseArgs({ options: { from: { type: 'string' }, force: { type: 'boolean', default: false } } });
  if (!values.from) throw new Error('say which backup: npm run restore -- --from backups/aftersales-<time>');
  const from = path.resolve(values.from);
  const config = loadConfig();
  const dataDir = config.dataDir;
  const manifestFile = path.join(from, 'manifest.json');
  if (!fs.existsSync(manifestFile)) throw new Error(`${from} has no manifest.json: not a backup of aftersales`);
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest;
  for (const f of manifest.files) {
    const file = path.join(from, f.path);
    if (!fs.existsSync(file)) throw new Error(`${f.path} is missing from the backup`);
    if (sha256(file) !== f.sha256) throw new Error(`${f.path} differs from the manifest: the backup is damaged`);
  }
  console.log(`[restore] ${manifest.files.length} files of ${manifest.createdAt} checked against the manifest`);

  // Restoring under a running system would mix two histories.
  if (runningPostgres(path.join(dataDir, 'postgres')) || (await portInUse(config.httpPort)))
    throw new Error('aftersales is running on this data directory: stop it first (Ctrl-C in `npm start`)');
  const held = fs.existsSync(dataDir) ? fs.readdirSync(dataDir).filter((n) => n !== 'logs') : [];
  if (held.length) {
    if (!values.force)
      throw new Error(
        `${dataDir} holds data (${held.join(', ')}); move it away first, or pass --force to keep it as ` +
          `${path.basename(dataDir)}.before-restore-<time> and restore in its place`,
      );
    const aside = `${dataDir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    fs.renameSync(dataDir, aside);
    console.log(`[restore] the data directory that was there is kept in ${aside}`);
  }
  fs.mkdirSync(path.join(dataDir, 'logs'), { recursive: true });

  if (manifest.backend === 'postgresql') {
    const t0 = Date.now();
    process.stdout.write('[restore] application data into a new PostgreSQL cluster (pg_restore) ... ');
    await withPostgres(path.join(dataDir, 'postgres'), undefined, (port) =>
      execFileSync(
        pgTool('pg_restore'),
        pgArgs(port, ['--no-owner', '--exit-on-error', path.join(from, 'app.pgdump')]),
        {
          stdio: 'pipe',
        },
      ),
    );
    console.log(`ok (${Date.now() - t0} ms)`);
  } else {
    fs.cpSync(path.join(from, 'ferretdb'), path.join(dataDir, 'ferretdb'), { recursive: true });
  }
  if (fs.existsSync(path.join(from, 'temporal.db')))
    fs.copyFileSync(path.join(from, 'temporal.db'), path.join(dataDir, 'temporal.db'));
  restoreFiles(from, dataDir);
  console.log(`[restore] done: ${dataDir} is the system of ${manifest.createdAt}; \`npm start\` resumes it`);
}

main().catch((err) => {
  console.error(`\n[restore] failed: ${(err as Error).message}`);
  process.exit(1);
});
