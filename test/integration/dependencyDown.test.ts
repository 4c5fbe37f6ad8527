/**
 * A dependency that is down answers 503 with Retry-After, never 500, and the readiness check names it
 * (issue: survive what production does to it, item 6). Its own FerretDB, killed mid-test, and a
 * Temporal address where nothing listens.
 */
import { Client, Connection } from '@temporalio/client';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { freePort, startFerretDb, stopProcess } from '../../infra/processes';
import { createApp } from '../../services/app';
import { issueToken } from '../../shared/runtime/auth';
import { servicesConnectionOptions } from '../../shared/runtime/temporalConnection';
import { connectModels } from '../../shared/storage/models';
import { testConfig } from '../setup/env';

let ferret: ChildProcess;
let dbPort: number;
let server: Server;
let base: string;
let token: string;
let close: () => Promise<void>;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersales-down-'));

beforeAll(async () => {
  const port = (dbPort = await freePort());
  ferret = await startFerretDb({ port, dataDir: path.join(dir, 'ferretdb'), logFile: path.join(dir, 'ferretdb.log') });
  const db = await connectModels(`mongodb://127.0.0.1:${port}/down`, { serverSelectionTimeoutMS: 1_000 });
  // Temporal is "down": nothing listens on this port.
  const client = new Client({
    connection: Connection.lazy(servicesConnectionOptions(`127.0.0.1:${await freePort()}`)),
  });
  const config = testConfig();
  server = createApp({ client, models: db.models, config }).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  token = await issueToken(config.authSecret, { role: 'dispatcher', id: 'disp-1' });
  close = async () => {
    server.close();
    await db.conn.close().catch(() => undefined);
  };
}, 60_000);
afterAll(async () => {
  await close?.();
  await stopProcess(ferret);
  fs.rmSync(dir, { recursive: true, force: true });
});

const get = async (p: string) => {
  const res = await fetch(base + p, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as any };
};

describe('a dependency that is down', () => {
  it('R-INTEGRATE-2 Temporal unreachable: 503 with Retry-After, and readiness says which', async () => {
    expect(await get('/healthz')).toMatchObject({ status: 200, body: { ok: true } });
    const ready = await get('/readyz');
    expect(ready).toMatchObject({ status: 503, retryAfter: '5', body: { ready: false } });
    expect(ready.body.dependencies.database).toBe('up');
    expect(ready.body.dependencies.temporal).toMatch(/^down: /);
    const asked = Date.now();
    expect(await get('/api/v1/requests/SR-20261123-0001')).toMatchObject({
      status: 503,
      retryAfter: '5',
      body: { error: 'a service this call needs is not reachable right now; retry shortly' },
    });
    expect(Date.now() - asked).toBeLessThan(3_000); // told at once, not after the SDK's 20 s of retries
  });

  it('R-INTEGRATE-2 database unreachable: 503 with Retry-After, and readiness says which', async () => {
    expect((await get('/api/v1/requests')).status).toBe(200);
    await stopProcess(ferret);
    expect(await get('/api/v1/requests')).toMatchObject({ status: 503, retryAfter: '5' });
    const ready = await get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body.dependencies.database).toMatch(/^down: /);
    // It comes back on the same data: the same process answers again, without a restart of its own.
    ferret = await startFerretDb({
      port: dbPort,
      dataDir: path.join(dir, 'ferretdb'),
      logFile: path.join(dir, 'ferretdb.log'),
    });
    let after = await get('/api/v1/requests');
    for (let i = 0; i < 50 && after.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 200));
      after = await get('/api/v1/requests');
    }
    expect(after.status).toBe(200);
    expect((await get('/readyz')).body.dependencies.database).toBe('up');
  });
});
