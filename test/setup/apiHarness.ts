/**
 * The HTTP services against the real Temporal dev server and FerretDB, with a worker on the test's
 * own task queue, tokens for every role, and small helpers to call the API and wait for effects.
 */
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import type { Server } from 'node:http';
import { createWorker } from '../../infra/worker';
import { createApp } from '../../services/app';
import { issueToken } from '../../shared/runtime/auth';
import { servicesConnectionOptions } from '../../shared/runtime/temporalConnection';
import type { Config } from '../../shared/runtime/config';
import type { Models } from '../../shared/storage/models';
import { freePort } from '../../infra/ports';
import { freshDatabase, intakeBody, testConfig } from './env';

export interface Api {
  base: string;
  /** The test database's URI, for the npm scripts a test runs against it (`stock:check`). */
  uri: string;
  models: Models;
  client: Client;
  config: Config;
  tok: Record<string, string>;
  call(method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/** `over` adds settings that depend on the services' own address (their public URL, the sign-on's). */
export async function startApi(name: string, over?: (origin: string) => Partial<Config>): Promise<Api> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const db = await freshDatabase();
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  // Its own task queue, so no other suite's worker picks up these workflows.
  const config = testConfig({ taskQueue: `${name}-${Date.now()}`, publicUrl: origin, ...over?.(origin) });
  const nativeConn = await NativeConnection.connect({ address: config.temporalAddress });
  const worker = await createWorker(nativeConn, db.models, config);
  const running = worker.run();
  const connection = await Connection.connect(servicesConnectionOptions(config.temporalAddress));
  const client = new Client({ connection });
  const server: Server = createApp({ client, models: db.models, config }).listen(port, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `${origin}/api/v1`;
  const tok: Record<string, string> = {};
  for (const [role, id] of [
    ['agent', 'agent-1'],
    ['dispatcher', 'disp-1'],
    ['admin', 'admin-1'],
    ['service', 'crm'],
    ['support', 'tech-1'],
    ['quality', 'qa-1'],
  ] as const) {
    tok[role] = await issueToken(config.authSecret, { role, id });
  }
  for (const n of [1, 2, 3])
    tok[`eng${n}`] = await issueToken(config.authSecret, { role: 'engineer', id: `ENG-00${n}` });
  return {
    base,
    uri: db.uri,
    models: db.models,
    client,
    config,
    tok,
    async call(method, path, token, body) {
      const res = await fetch(base + path, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as any };
    },
    async close() {
      server.close();
      worker.shutdown();
      await running;
      await connection.close();
      await nativeConn.close();
      await db.conn.close();
    },
  };
}

/** Takes a request in and waits until the read model shows it offered (to `offeredTo`, when given). */
export async function openRequest(api: Api, offeredTo?: string, over: Record<string, unknown> = {}): Promise<string> {
  const r = await api.call('POST', '/requests', api.tok.agent, intakeBody(over));
  await eventually(
    () => api.models.ServiceRequest.findById(r.body.requestNo).lean(),
    (d) => d?.status === 'offered' && (!offeredTo || d.engineerId === offeredTo),
    `request ${r.body.requestNo} offered`,
  );
  return r.body.requestNo as string;
}

export async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const v = await fn();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A customer whose unit is out of warranty: its repairs are paid (quotation, approval, settlement). */
export const PAID = {
  customerId: 'CUST-003',
  serialNumber: 'SWH-2019-0777',
  region: 'north',
  contactName: 'Zhang Min',
};

/**
 * A paid request with the engineer (ENG-004) on site and the diagnosis recorded. Answers its number,
 * the customer's link (and its token) and the engineer's token.
 */
export async function diagnosedPaid(api: Api, over: Record<string, unknown> = PAID, engineer = 'ENG-004') {
  const created = await api.call('POST', '/requests', api.tok.agent, intakeBody(over));
  const no = created.body.requestNo as string;
  const customerLink = created.body.customerLink as string;
  const t = await issueToken(api.config.authSecret, { role: 'engineer', id: engineer });
  await eventually(
    () => api.call('GET', `/requests/${no}`, api.tok.dispatcher).then((r) => r.body),
    (v) => v.status === 'offered' && v.offer?.engineerId === engineer,
    'offer',
  );
  await api.call('POST', `/requests/${no}/offer/accept`, t);
  const win = {
    windowStart: new Date(Date.now() + 3_600_000).toISOString(),
    windowEnd: new Date(Date.now() + 3 * 3_600_000).toISOString(),
    estimatedDurationMinutes: 60,
    customerConsent: true,
    chargingPolicyExplained: true,
  };
  expect((await api.call('POST', `/requests/${no}/appointment`, t, win)).status).toBe(200);
  await api.call('POST', `/requests/${no}/check-in`, t, { identityShown: true });
  const diagnosis = { faultConfirmedWithCustomer: true, faultClass: 'hardware', findings: 'sensor open circuit' };
  expect((await api.call('POST', `/requests/${no}/diagnosis`, t, diagnosis)).status).toBe(200);
  return { no, link: new URL(customerLink).searchParams.get('token')!, customerLink, engineer: t };
}
