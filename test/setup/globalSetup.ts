/**
 * One real Temporal dev server (in memory, search attributes registered) and one real FerretDB
 * (on a temporary PostgreSQL cluster, the embedded default; AFTERSALES_DB_BACKEND=sqlite for SQLite) for the
 * whole run, on free loopback ports.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, startFerretDb, startTemporal, toolPaths } from '../../infra/processes';

export default async function globalSetup(): Promise<void> {
  const tools = toolPaths();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersales-test-'));
  const [temporalPort, mongoPort] = [await freePort(), await freePort()];
  const [temporal, ferret] = await Promise.all([
    startTemporal({ port: temporalPort, tools, logFile: path.join(dir, 'temporal.log') }),
    startFerretDb({
      port: mongoPort,
      dataDir: path.join(dir, 'ferretdb'),
      tools,
      logFile: path.join(dir, 'ferretdb.log'),
      durable: false, // a throwaway cluster: no fsync
    }),
  ]);
  process.env.TEST_TEMPORAL_ADDRESS = `127.0.0.1:${temporalPort}`;
  process.env.TEST_MONGO_BASE = `mongodb://127.0.0.1:${mongoPort}`;
  process.env.TEST_TEMPORAL_TEST_SERVER = tools.testServer;
  (globalThis as any).__aftersales = { temporal, ferret, dir };
}
