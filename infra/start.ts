/**
 * `npm start`: the whole system on one machine — Temporal dev server (durable SQLite, Web UI),
 * FerretDB (durable SQLite), a loopback SMTP catcher, seeded master data, the worker and the HTTP
 * services. Ctrl-C stops everything; the next start resumes running workflows with all data kept.
 */
import fs from 'node:fs';
import path from 'node:path';
import { issueToken } from '../shared/runtime/auth';
import { loadConfig } from '../shared/runtime/config';
import { connectModels } from '../shared/storage/models';
import { startServices } from '../services/main';
import { startMailCatcher } from './mailcatcher';
import { dbBackend, portInUse, startFerretDb, startTemporal, stopProcess, toolPaths } from './processes';
import { seed } from './seed';
import { quietSdkLogs, startWorker } from './worker';
import { ensureDemoAccounts } from './demoAccounts';

async function main() {
  const config = loadConfig();
  config.workerMetricsUrl ??= `http://127.0.0.1:${config.workerMetricsPort}/metrics`;
  const tools = toolPaths();
  const dir = config.dataDir;
  fs.mkdirSync(path.join(dir, 'logs'), { recursive: true });
  const step = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    const t0 = Date.now();
    process.stdout.write(`[start] ${what} ... `);
    const result = await run();
    console.log(`ok (${Date.now() - t0} ms)`);
    return result;
  };
  const port = (addr: string) => Number(addr.split(':').pop());
  const loopback = (hostPort: string) => /^(127\.0\.0\.1|localhost)(:|$)/.test(hostPort);

  const children: Parameters<typeof stopProcess>[0][] = [];
  const closers: (() => Promise<void>)[] = [];
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\n[start] stopping ...');
    for (const close of closers.reverse()) await close().catch((e) => console.error(e.message));
    await Promise.all(children.map((c) => stopProcess(c)));
    console.log('[start] stopped; data kept in', dir);
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  // A second start must not run a second worker or rewrite the demo tokens of the first.
  if (await portInUse(config.httpPort)) {
    console.error(
      `[start] port ${config.httpPort} is in use: is aftersales already running? Stop it first, or set PORT.`,
    );
    process.exit(1);
  }
  quietSdkLogs(config.workerMetricsPort);

  try {
    const mongoUrl = new URL(config.mongoUri);
    if (loopback(mongoUrl.host) && !(await portInUse(Number(mongoUrl.port || 27017)))) {
      children.push(
        await step(
          `FerretDB on ${mongoUrl.host} (${dbBackend()}, data in ${dir}/${dbBackend() === 'sqlite' ? 'ferretdb' : 'postgres'})`,
          () =>
            startFerretDb({
              port: Number(mongoUrl.port || 27017),
              dataDir: path.join(dir, 'ferretdb'),
              logFile: path.join(dir, 'logs', 'ferretdb.log'),
              tools,
            }),
        ),
      );
    }
    if (loopback(config.temporalAddress) && !(await portInUse(port(config.temporalAddress)))) {
      children.push(
        await step(
          `Temporal dev server on ${config.temporalAddress} (data ${dir}/temporal.db, UI :${config.temporalUiPort})`,
          () =>
            startTemporal({
              port: port(config.temporalAddress),
              uiPort: config.temporalUiPort,
              dbFile: path.join(dir, 'temporal.db'),
              logFile: path.join(dir, 'logs', 'temporal.log'),
              tools,
            }),
        ),
      );
    }
    if (config.notifyChannel === 'smtp' && loopback(config.smtp.host) && !(await portInUse(config.smtp.port))) {
      const mail = await step(`mail catcher on 127.0.0.1:${config.smtp.port} (mail in ${dir}/mail)`, () =>
        startMailCatcher({
          port: config.smtp.port,
          dir: path.join(dir, 'mail'),
          onMail: (m) => console.log(`[mail] to ${m.to.join(', ')}: ${m.subject}`),
        }),
      );
      closers.push(mail.close);
    }
    await step('seeding demo master data', async () => {
      const { conn, models } = await connectModels(config.mongoUri);
      const n = await seed(models);
      await ensureDemoAccounts(models, path.join(dir, 'demo-accounts.json'));
      await conn.close();
      process.stdout.write(`${n} new records; `);
    });
    const worker = await step('worker (bundling workflows)', () => startWorker(config));
    closers.push(worker.close);
    const services = await step(`HTTP services on ${config.publicUrl}`, () => startServices(config));
    closers.push(services.close);

    const agent = await issueToken(config.authSecret, { role: 'agent', id: 'agent-demo' }, '30d');
    const tokens = {
      agent,
      dispatcher: await issueToken(config.authSecret, { role: 'dispatcher', id: 'dispatcher-demo' }, '30d'),
      engineer: await issueToken(config.authSecret, { role: 'engineer', id: 'ENG-001' }, '30d'),
      support: await issueToken(config.authSecret, { role: 'support', id: 'tech-demo' }, '30d'),
      admin: await issueToken(config.authSecret, { role: 'admin', id: 'admin-demo' }, '30d'),
    };
    fs.writeFileSync(path.join(dir, 'demo-tokens.json'), JSON.stringify(tokens, null, 2));
    console.log(`
aftersales is running.
  API            ${config.publicUrl}/api/v1   (interactive docs: ${config.publicUrl}/docs)
  Pages          ${config.publicUrl}/app/sign-in   (demo accounts and passwords: ${path.join(dir, 'demo-accounts.json')}; a customer's link opens /c/<no>)
  Temporal UI    http://127.0.0.1:${config.temporalUiPort}  (filter e.g. RequestStatus="offered")
  MongoDB URI    ${config.mongoUri}
  Demo tokens    ${path.join(dir, 'demo-tokens.json')} (agent, dispatcher, engineer ENG-001, support, admin; 30 days)

Try it:
  curl -s -X POST ${config.publicUrl}/api/v1/requests -H "Authorization: Bearer ${agent}" -H 'content-type: application/json' \\
    -d '{"channel":"hotline","kind":"fault_repair","urgency":"important","customerId":"CUST-001","contactName":"Li Wei","contactPhone":"+86 21 5555 0101","siteAddress":"88 Century Ave, Shanghai","region":"east","serialNumber":"SWH-2025-0001","fault":{"symptoms":"no hot water since yesterday"},"selfChecks":{"powerChecked":true,"valvesChecked":true}}'

Ctrl-C stops everything; data stays in ${dir}.`);
  } catch (err) {
    console.error(`\n[start] failed: ${(err as Error).message}\n(see logs in ${path.join(dir, 'logs')})`);
    await shutdown(1);
  }
}

void main();
