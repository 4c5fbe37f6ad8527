/**
 * `npm run db:migrate`: copies a data directory's earlier SQLite database (data/ferretdb/*.sqlite) into
 * the embedded PostgreSQL (decision 0006), collection by collection, then moves the SQLite files aside to
 * data/ferretdb-sqlite-<time>/ so the next `npm start` runs on PostgreSQL. Documents keep their _id; a
 * copy cut short can be run again (documents already copied are skipped). Stop aftersales first.
 */
import fs from 'node:fs';
import path from 'node:path';
import mongoose from 'mongoose';
import { loadConfig } from '../shared/runtime/config';
import { freePort, startFerretDb, stopProcess } from './processes';

export async function migrateSqliteData(dataDir: string, log: (line: string) => void = console.log): Promise<number> {
  const sqliteDir = path.join(dataDir, 'ferretdb');
  const files = fs.existsSync(sqliteDir) ? fs.readdirSync(sqliteDir).filter((f) => f.endsWith('.sqlite')) : [];
  if (!files.length) {
    log(`[db:migrate] no SQLite database in ${sqliteDir}: nothing to copy`);
    return 0;
  }
  const [fromPort, toPort] = [await freePort(), await freePort()];
  const from = await startFerretDb({ port: fromPort, dataDir: sqliteDir, backend: 'sqlite' });
  const to = await startFerretDb({ port: toPort, dataDir: path.join(dataDir, 'ferretdb-pg'), backend: 'postgresql' });
  let copied = 0;
  try {
    const src = await mongoose.createConnection(`mongodb://127.0.0.1:${fromPort}/admin`).asPromise();
    const dst = await mongoose.createConnection(`mongodb://127.0.0.1:${toPort}/admin`).asPromise();
    const { databases } = await src.db!.admin().listDatabases();
    for (const { name } of databases) {
      const [a, b] = [src.useDb(name).db!, dst.useDb(name).db!];
      for (const { name: coll } of await a.listCollections().toArray()) {
        let n = 0;
        let batch: Record<string, unknown>[] = [];
        const flush = async () => {
          if (batch.length) await b.collection(coll).insertMany(batch, { ordered: false }).catch(onlyDuplicates);
          n += batch.length;
          batch = [];
        };
        for await (const doc of a.collection(coll).find({})) {
          batch.push(doc);
          if (batch.length === 500) await flush();
        }
        await flush();
        // Unique indexes come back when the app starts (connectModels creates them before use).
        log(`[db:migrate] ${name}.${coll}: ${n} documents`);
        copied += n;
      }
    }
    await src.close();
    await dst.close();
  } finally {
    await stopProcess(from);
    await stopProcess(to);
  }
  const aside = path.join(dataDir, `ferretdb-sqlite-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  fs.renameSync(sqliteDir, aside);
  fs.rmSync(path.join(dataDir, 'ferretdb-pg'), { recursive: true, force: true });
  log(`[db:migrate] ${copied} documents copied to PostgreSQL; the SQLite files are kept in ${aside}`);
  return copied;
}

function onlyDuplicates(err: { writeErrors?: { code?: number }[]; code?: number }) {
  const errors = err.writeErrors ?? [err];
  if (!errors.every((e) => e.code === 11000)) throw err;
}

if (require.main === module) {
  migrateSqliteData(loadConfig().dataDir).catch((err) => {
    console.error(`[db:migrate] failed: ${(err as Error).message}`);
    process.exit(1);
  });
}
