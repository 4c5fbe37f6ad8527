/**
 * Decision 0006: the embedded default moved from FerretDB on SQLite to FerretDB on PostgreSQL. A data
 * directory from before is refused with what to do, and `npm run db:migrate` copies it over intact.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { migrateSqliteData } from '../../infra/dbMigrate';
import { freePort, startFerretDb, stopProcess } from '../../infra/processes';

jest.setTimeout(120_000);

it('R-RECORD-2 an earlier SQLite data directory is refused at start, then copied to PostgreSQL by db:migrate', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersales-migrate-'));
  try {
    const port = await freePort();
    const old = await startFerretDb({ port, dataDir: path.join(dir, 'ferretdb'), backend: 'sqlite' });
    const conn = await mongoose.createConnection(`mongodb://127.0.0.1:${port}/aftersales`).asPromise();
    const rows = Array.from({ length: 1_200 }, (_, i) => ({ _id: `SR-20250101-${i}`, customerName: '李伟', n: i }));
    await conn.db!.collection('service_requests').insertMany(rows as never[]);
    await conn.db!.collection('engineers').insertOne({ _id: 'ENG-001', name: '王工' } as never);
    await conn.close();
    await stopProcess(old);

    await expect(startFerretDb({ port: await freePort(), dataDir: path.join(dir, 'ferretdb') })).rejects.toThrow(
      /holds a SQLite database from an earlier aftersales .*npm run db:migrate.*AFTERSALES_DB_BACKEND=sqlite/,
    );

    const lines: string[] = [];
    expect(await migrateSqliteData(dir, (l) => lines.push(l))).toBe(1_201);
    expect(lines.join('\n')).toMatch(/aftersales\.service_requests: 1200 documents/);
    expect(fs.readdirSync(dir).some((f) => f.startsWith('ferretdb-sqlite-'))).toBe(true);

    const pgPort = await freePort();
    const now = await startFerretDb({ port: pgPort, dataDir: path.join(dir, 'ferretdb'), durable: false });
    const pg = await mongoose.createConnection(`mongodb://127.0.0.1:${pgPort}/aftersales`).asPromise();
    expect(await pg.db!.collection('service_requests').countDocuments({})).toBe(1_200);
    expect(await pg.db!.collection('engineers').findOne({ _id: 'ENG-001' } as never)).toMatchObject({ name: '王工' });
    await pg.close();
    await stopProcess(now);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
