/**
 * `npm run bench:burst [-- --requests 1000 --seconds 60 --clients 8 --dispatch-s 150]`: the SLA promise under a burst (a storm,
 * a grid fault). N intakes arrive over HTTP from C clients against a `general` SLA policy whose dispatch budget
 * is short, and nobody accepts, so every request breaches. Notifications go by SMTP to a real catcher on
 * loopback. Printed: intake latency; per request the timer's lateness (the breach in its history minus the
 * deadline), when the dispatcher list showed it breached, and when the supervisor's "SLA breached" mail
 * arrived, each minus the deadline; notifications per second and the time to drain them; and beside them, in
 * the same run, the bare rate of the same catcher for the same count (one pooled connection, nothing else).
 * A breach counts as told when its mail is in the catcher, the way the supervisor gets it.
 */
import nodemailer from 'nodemailer';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { createApp } from '../../services/app';
import { issueToken } from '../../shared/runtime/auth';
import { loadConfig } from '../../shared/runtime/config';
import { connectModels } from '../../shared/storage/models';
import { startMailCatcher } from '../mailcatcher';
import { freePort } from '../processes';
import { apiCaller, benchIntake, changeGeneralPolicy, pct, pool, printRow, sleep } from './measure';
import { withBenchSystem } from './system';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '1000' },
    clients: { type: 'string', default: '8' },
    'dispatch-s': { type: 'string', default: '150' },
    seconds: { type: 'string', default: '60' },
  },
});
const N = Number(values.requests);
const C = Number(values.clients);
const DISPATCH_MS = Number(values['dispatch-s']) * 1000;
/** The burst is spread over this long (a storm's calls come in over a minute, not in one instant). */
const SPREAD_MS = Number(values.seconds) * 1000;

async function main() {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const smtpPort = await freePort();
  const mail = await startMailCatcher({ port: smtpPort });
  try {
    let routine = 0;
    await withBenchSystem('burst', async (s) => void (routine = await measure(s.env, mail)), {
      NOTIFY_CHANNEL: 'smtp',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtpPort),
    });
    await bareSmtpRate(smtpPort, routine);
  } finally {
    await mail.close();
  }
}

type Catcher = Awaited<ReturnType<typeof startMailCatcher>>;

async function measure(env: Record<string, string | undefined>, mail: Catcher): Promise<number> {
  const config = { ...loadConfig(), temporalAddress: env.TEMPORAL_ADDRESS!, mongoUri: env.MONGODB_URI! };
  const { models, conn } = await connectModels(config.mongoUri);
  const connection = await Connection.connect({ address: config.temporalAddress });
  const client = new Client({ connection });
  const server = createApp({ client, models, config }).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}/api/v1`;
  const call = apiCaller(base);
  const [agent, admin, dispatcher] = await Promise.all(
    (['agent', 'admin', 'dispatcher'] as const).map((role) =>
      issueToken(config.authSecret, { role, id: `burst-${role}` }),
    ),
  );
  // A short dispatch budget for general urgency: every request of the burst breaches it, nobody accepts.
  await changeGeneralPolicy(call, admin, (p) => (p.budgets.general = { ...p.budgets.general, dispatch: DISPATCH_MS }));
  console.log(
    `[burst] ${N} intakes over ${SPREAD_MS / 1000} s from ${C} clients; dispatch budget ${DISPATCH_MS / 1000} s; mails to the catcher`,
  );

  const intakeMs: number[] = [];
  const nos: string[] = [];
  const t0 = Date.now();
  await pool(N, C, async (i) => {
    await sleep(t0 + (i * SPREAD_MS) / N - Date.now()); // paced: the i-th call not before its moment
    const s = performance.now();
    const r = await call('POST', '/requests', agent, benchIntake(`burst ${i}`));
    intakeMs.push(performance.now() - s);
    nos.push(r.requestNo);
  });
  const intakeS = (Date.now() - t0) / 1000;
  console.log(`[burst] ${N} intakes in ${intakeS.toFixed(1)} s`);

  // The dispatcher's board with "breached only" ticked, polled as the page polls (open work by deadline):
  // when each request first shows breached.
  const shownAt = new Map<string, number>();
  const breachMail = (no: string) => mail.mails.find((m) => m.subject === `SLA breached: dispatch of ${no}`);
  const lastDeadline = t0 + intakeS * 1000 + DISPATCH_MS;
  while (Date.now() < lastDeadline + 5 * 60_000 && nos.some((no) => !breachMail(no) || !shownAt.has(no))) {
    for (let offset = 0; ; offset += 200) {
      const page = await call(
        'GET',
        `/requests?open=true&breached=true&sort=deadline&limit=200&offset=${offset}`,
        dispatcher,
      );
      for (const r of page.items) if (!shownAt.has(r.requestNo)) shownAt.set(r.requestNo, Date.now());
      if (page.items.length < 200) break;
    }
    await sleep(250);
  }
  const timerMs: number[] = [];
  const listMs: number[] = [];
  const mailMs: number[] = [];
  await pool(nos.length, 8, async (i) => {
    const v = await call('GET', `/requests/${nos[i]}`, dispatcher);
    const clock = v.clocks.find((c: { name: string }) => c.name === 'dispatch');
    const deadline = Date.parse(clock.deadline);
    const breach = v.history.find((h: { action: string; detail?: { clock?: string } }) => h.action === 'sla_breached');
    if (breach) timerMs.push(Date.parse(breach.at) - deadline);
    const shown = shownAt.get(nos[i]);
    if (shown) listMs.push(shown - deadline);
    const m = breachMail(nos[i]);
    if (m) mailMs.push(m.receivedAt - deadline);
  });
  // The burst's own mails (received, offers), queued at intake, apart from the SLA mails the deadlines cause.
  const routine = mail.mails.filter((m) => !m.subject.startsWith('SLA '));
  const drainS = (Math.max(...routine.map((m) => m.receivedAt)) - t0) / 1000;
  console.log('\n[burst] figures (ms after the deadline unless said)');
  printRow('intake (HTTP)', intakeMs);
  printRow('breach in history', timerMs);
  printRow('breach on the list', listMs);
  printRow('escalation mail', mailMs);
  console.log(`  escalation mail max ${Math.max(...mailMs).toFixed(0)} ms; ${mailMs.length}/${N} delivered`);
  server.close();
  await Promise.all([connection.close(), conn.close()]);
  console.log(
    `  the burst's own mails: ${routine.length}, the last ${drainS.toFixed(1)} s after the first intake (intake took ${intakeS.toFixed(1)} s; ${(routine.length / drainS).toFixed(1)}/s)`,
  );
  return routine.length;
  console.log(
    `  targets: escalation p99 ≤ 5000 ms (got ${pct(mailMs, 99).toFixed(0)}), list p99 ≤ 2000 ms (got ${pct(listMs, 99).toFixed(0)}), intake p99 ≤ 1000 ms (got ${pct(intakeMs, 99).toFixed(0)})`,
  );
}

/** The catcher's own limit: the same count of mails over one pooled connection, nothing else running. */
async function bareSmtpRate(port: number, count: number) {
  const transport = nodemailer.createTransport({
    pool: true,
    maxConnections: 1,
    host: '127.0.0.1',
    port,
    ignoreTLS: true,
  });
  const t0 = performance.now();
  for (let i = 0; i < count; i++)
    await transport.sendMail({ from: 'bench@localhost', to: 'x@example.test', subject: `bare ${i}`, text: 'x' });
  const s = (performance.now() - t0) / 1000;
  transport.close();
  console.log(
    `  bare SMTP: ${count} mails in ${s.toFixed(1)} s (${(count / s).toFixed(1)}/s), the limit of this catcher`,
  );
}

main().then(
  () => process.exit(0), // the Temporal runtime keeps the process alive otherwise
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
