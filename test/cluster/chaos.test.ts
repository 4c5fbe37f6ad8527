/**
 * Chaos on the cluster profile (cluster issue, item 3, in a first size): requests through HAProxy while,
 * one after another, a worker, a services instance, the Temporal Server and PostgreSQL are killed with
 * SIGKILL and started again by the profile's supervisor. Clients behave as the API asks: an
 * Idempotency-Key on every call, and on 502/503 or a dropped connection the same call again after
 * Retry-After. Beside them, urgent requests nobody accepts have 60 s dispatch deadlines that come due while the
 * Temporal Server and PostgreSQL are down. Then: every request took every step once (none lost, none twice),
 * every deadline fired once (late by no more than the outage it fell in), and no mail went out twice. Prints
 * the figures; CHAOS_REQUESTS sets the load (60). The first 10 requests each go on a field trip (planned,
 * approved, carried, used, ended), reconciled once, and `npm run stock:check` finds the ledger and balances
 * agreeing. The rolling upgrade is a test of its own (rollingUpgrade.test.ts).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { issueToken } from '../../shared/runtime/auth';
import { loadConfig } from '../../shared/runtime/config';
import { benchAppointment } from '../../infra/bench/measure';
import { SLA_PRESETS } from '../../infra/slaPresets';
import { intakeBody } from '../setup/env';
import { call, startCluster, type Cluster } from './harness';

const REQUESTS = Number(process.env.CHAOS_REQUESTS ?? 60);
const CLIENTS = 6;
/** The first requests each go on a field trip of their engineer: parts reserved, carried, used, reconciled. */
const TRIPS = 10;
/** Urgent requests nobody accepts, whose 60 s dispatch deadlines fall while the Temporal Server and PostgreSQL are down. */
const TIMERS = 24;
const BUDGET_MS = 60_000; // the shortest budget a policy takes
/** Each part is killed this long after the run starts (or 4 s after the part before it is back, if later). */
const PARTS: [string, number][] = [
  ['worker-1', 4_000],
  ['services-1', 8_000],
  ['temporal', BUDGET_MS + 3_000],
  ['postgres', BUDGET_MS + 9_000],
];
const secret = loadConfig().authSecret;
let cluster: Cluster;
beforeAll(async () => {
  cluster = await startCluster('chaos');
}, 600_000);
afterAll(() => cluster?.stop());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let retried = 0;

/** One call as a well-behaved client makes it: the same call again while the system cannot answer. */
async function reliably(method: string, p: string, token: string, body: unknown, key: string) {
  for (const end = Date.now() + 180_000; ;) {
    try {
      const r = await call(cluster.lb, method, p, token, body, key ? { 'idempotency-key': key } : {});
      // 409 with Retry-After: the same Idempotency-Key is still being carried out (by an instance that died).
      const busy = r.status === 409 && r.retryAfter != null;
      if (r.status !== 502 && r.status !== 503 && r.status !== 504 && !busy) return r;
      await sleep(Number(r.retryAfter ?? 1) * 1000);
    } catch {
      await sleep(1_000); // the connection dropped with the instance
    }
    retried++;
    if (Date.now() > end) throw new Error(`${method} ${p} never answered`);
  }
}

async function untilStatus(no: string, token: string, status: string) {
  for (const end = Date.now() + 180_000; Date.now() < end; await sleep(300)) {
    const r = await reliably('GET', `/requests/${no}`, token, undefined, '');
    if (r.status === 200 && r.body.status === status) return r.body;
  }
  throw new Error(`${no} never became ${status}`);
}

it('R-INTEGRATE-2 a worker, a services instance, the Temporal Server and PostgreSQL killed in turn: no request lost or doubled', async () => {
  const agent = await issueToken(secret, { role: 'agent', id: 'agent-chaos' });
  const admin = await issueToken(secret, { role: 'admin', id: 'admin-chaos' });
  const { key: _k, version: _v, ...general } = SLA_PRESETS.find((p) => p.key === 'general')!;
  const urgent = { ...general.budgets.urgent, dispatch: BUDGET_MS };
  const policy = await call(cluster.lb, 'PUT', '/sla-policies/general', admin, {
    ...general,
    budgets: { ...general.budgets, urgent },
  });
  expect(policy.status).toBe(200);
  // A subscriber on loopback that records each delivery's webhook-id: every event reaches it once.
  const hooks: string[] = [];
  const receiver = http.createServer((req, res) => {
    hooks.push(String(req.headers['webhook-id']));
    req.resume().on('end', () => res.writeHead(204).end());
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hooks`;
  expect((await call(cluster.lb, 'POST', '/webhooks', admin, { url })).status).toBe(201);
  const done: string[] = [];
  const trips: string[] = [];
  const dispatcher = await issueToken(secret, { role: 'dispatcher', id: 'disp-chaos' });
  /** The engineer's trip for the request, from planning to its end, each call under its own key. */
  const onATrip = async (no: string, engineer: string) => {
    const hour = 3_600_000;
    const plan = {
      region: 'east',
      warehouseId: 'WH-EAST',
      plannedStart: new Date().toISOString(),
      plannedEnd: new Date(Date.now() + 48 * hour).toISOString(),
      lines: [{ partNo: 'P-SWH-SENSOR', quantity: 1, requestNo: no }],
      requestNos: [no],
    };
    const planned = await reliably('POST', '/trips', engineer, plan, `chaos-trip-${no}`);
    expect([200, 201]).toContain(planned.status);
    const id = planned.body.tripId as string;
    const step = async (token: string, what: string, body: unknown) => {
      const r = await reliably('POST', `/trips/${id}/${what}`, token, body, `chaos-${what}-${id}`);
      expect([r.status, what]).toEqual([200, what]);
    };
    await step(dispatcher, 'approve', { approve: true, mode: 'wait' });
    for (let k = 0; k < 300; k++, await sleep(300)) {
      const v = await reliably('GET', `/trips/${id}`, dispatcher, undefined, '');
      if (v.body.status === 'reserved') break;
    }
    await step(engineer, 'depart', {});
    await step(engineer, 'consumption', { requestNo: no, partNo: 'P-SWH-SENSOR', quantity: 1, oldPart: 'none' });
    await step(engineer, 'end', { returned: [] });
    return id;
  };
  const kills: string[] = [];
  const down: [number, number][] = [];
  let next = 0;
  const run = Date.now();
  // Timers first, half a second apart: their deadlines span the Temporal Server's and PostgreSQL's outages.
  const timers = (async () => {
    const made: string[] = [];
    for (let i = 0; i < TIMERS; i++, await sleep(500)) {
      const body = intakeBody({ urgency: 'urgent' });
      const r = await reliably('POST', '/requests', agent, body, `chaos-timer-${run}-${i}`);
      expect([200, 201]).toContain(r.status);
      made.push(r.body.requestNo);
    }
    return made;
  })();
  const load = Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < REQUESTS) {
        const i = next++;
        const made = await reliably('POST', '/requests', agent, intakeBody(), `chaos-intake-${run}-${i}`);
        expect([200, 201]).toContain(made.status);
        const no = made.body.requestNo as string;
        const view = await untilStatus(no, agent, 'offered');
        const engineer = await issueToken(secret, { role: 'engineer', id: view.offer.engineerId });
        const accept = await reliably('POST', `/requests/${no}/offer/accept`, engineer, {}, `chaos-accept-${no}`);
        expect(accept.status).toBe(200);
        const slot = benchAppointment();
        const booked = await reliably('POST', `/requests/${no}/appointment`, engineer, slot, `chaos-appt-${no}`);
        expect(booked.status).toBe(200);
        if (i < TRIPS) trips.push(await onATrip(no, engineer));
        done.push(no);
      }
    }),
  );
  const chaos = (async () => {
    for (const [part, after] of PARTS) {
      await sleep(Math.max(4_000, run + after - Date.now()));
      const pid = cluster.pids()[part];
      process.kill(pid, 'SIGKILL');
      const at = Date.now();
      while (cluster.pids()[part] === pid) await sleep(200);
      down.push([at, Date.now()]);
      kills.push(`${part} back in ${((Date.now() - at) / 1000).toFixed(1)} s`);
    }
  })();
  const [, , timerNos] = await Promise.all([load, chaos, timers]);

  expect(new Set(done).size).toBe(REQUESTS);
  for (const no of done) {
    const view = (await reliably('GET', `/requests/${no}`, agent, undefined, '')).body;
    expect(view.status).toBe('scheduled');
    expect(view.history.filter((e: { action: string }) => e.action === 'offer_accepted')).toHaveLength(1);
  }
  // Every dispatch deadline fired once, also those that came due while a part was down (late by that outage).
  const lastDeadline = Date.now() + BUDGET_MS;
  let dueWhileDown = 0;
  let latest = 0;
  for (const no of timerNos) {
    let view = (await reliably('GET', `/requests/${no}`, agent, undefined, '')).body;
    const deadline = Date.parse(view.clocks.find((c: { name: string }) => c.name === 'dispatch').deadline);
    await sleep(Math.max(0, Math.min(lastDeadline, deadline + 15_000) - Date.now()));
    view = (await reliably('GET', `/requests/${no}`, agent, undefined, '')).body;
    const fired = view.history.filter((e: any) => e.action === 'sla_breached' && e.detail?.clock === 'dispatch');
    expect(fired).toHaveLength(1);
    const late = Date.parse(fired[0].at) - deadline;
    const outage = down.find(([from, to]) => deadline >= from - 1_000 && deadline <= to);
    if (outage) dueWhileDown++;
    expect(late).toBeLessThan(outage ? outage[1] - deadline + 5_000 : 5_000);
    latest = Math.max(latest, late);
  }
  // Every trip reconciled once: one sensor carried and used; the stock ledger and its balances agree.
  for (const id of trips) {
    let v: any;
    for (let k = 0; k < 300 && v?.status !== 'closed'; k++, await sleep(300))
      v = (await reliably('GET', `/trips/${id}`, dispatcher, undefined, '')).body;
    expect(v.parts.map((p: any) => `${p.partNo}:${p.carried}=${p.consumed}+${p.returned}`)).toEqual([
      'P-SWH-SENSOR:1=1+0',
    ]);
  }
  const stock = spawnSync(process.execPath, ['--require', 'tsx/cjs', 'infra/stockCheck.ts'], {
    cwd: path.join(__dirname, '..', '..'),
    env: { ...process.env, MONGODB_URI: cluster.mongoUri },
    encoding: 'utf8',
  });
  expect([stock.status, stock.stdout]).toEqual([0, expect.stringContaining('ledger and balances agree')]);
  // Each webhook delivery once (deliveries keep their webhook-id across attempts).
  await sleep(5_000); // the last steps' events
  receiver.close();
  expect(hooks.length).toBeGreaterThan(REQUESTS);
  expect(new Set(hooks).size).toBe(hooks.length);
  // Each notification once: the outbox gives every message its own Message-ID, kept across attempts.
  const mailDir = path.join(cluster.dir, 'data', 'mail');
  const ids = fs
    .readdirSync(mailDir)
    .map((f) => /^Message-ID: (.*)$/im.exec(fs.readFileSync(path.join(mailDir, f), 'utf8'))?.[1]);
  expect(new Set(ids).size).toBe(ids.length);
  console.log(
    `chaos: ${REQUESTS} requests in ${((Date.now() - run) / 1000).toFixed(0)} s, ${retried} calls retried, ` +
      `${TRIPS} trips reconciled, stock ledger agrees; ${ids.length} mails and ${hooks.length} webhook ` +
      `deliveries, each once; ${TIMERS} dispatch deadlines fired once each (${dueWhileDown} while a part ` +
      `was down, latest ${(latest / 1000).toFixed(1)} s after its deadline); ${kills.join('; ')}`,
  );
}, 600_000);
