/**
 * Reliability issue, item 2: a crash in the middle of a batch sends at most the one message that was on the
 * wire again, never the batch, and a repeat carries the same Message-ID (a receiver can drop it). Real
 * FerretDB on PostgreSQL (its own, killed with SIGKILL and restarted), a real SMTP server on loopback, and
 * a dispatcher process killed with SIGKILL.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OutboxDispatcher, smtpChannel } from '../../infra/background/outboxDelivery';
import { startMailCatcher, type CaughtMail } from '../../infra/mailcatcher';
import { freePort, startFerretDb, stopProcess } from '../../infra/processes';
import { connectModels, type Models } from '../../shared/storage/models';
import { queueMessages } from '../setup/outboxMessages';
import { runProcess } from '../setup/processHarness';
import { repositoriesOf } from '../../shared/storage/repositories';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersales-outbox-crash-'));
let dbPort: number;
let ferret: ChildProcess;
let models: Models;
let closeDb: () => Promise<void>;
const startDb = async () => {
  ferret = await startFerretDb({ port: dbPort, dataDir: path.join(dir, 'ferretdb') });
};

beforeAll(async () => {
  dbPort = await freePort();
  await startDb();
  const db = await connectModels(`mongodb://127.0.0.1:${dbPort}/crash`, { serverSelectionTimeoutMS: 1_000 });
  models = db.models;
  closeDb = () => db.conn.close();
}, 120_000);
afterAll(async () => {
  await closeDb?.().catch(() => undefined);
  await stopProcess(ferret);
  fs.rmSync(dir, { recursive: true, force: true });
});

const N = 36;
const queue = (prefix: string) => queueMessages(models, prefix, N);

/** A real SMTP server on a free port that runs `kill` once, when the 10th message has arrived. */
async function catcherKillingAfterTen(kill: () => void) {
  const port = await freePort();
  let killed = false;
  const mail = await startMailCatcher({
    port,
    onMail: () => {
      if (!killed && mail?.mails.length === 10) {
        killed = true;
        kill();
      }
    },
  });
  return { port, mail, killed: () => killed };
}

/** Delivers with a fresh dispatcher (short lease: the crashed holder's claims run out) until none is pending. */
async function recover(port: number, prefix: string) {
  const dispatcher = new OutboxDispatcher(
    repositoriesOf(models).notifications,
    smtpChannel({ host: '127.0.0.1', port, from: 'aftersales@localhost' }),
    { leaseMs: 500 },
  );
  for (let i = 0; i < 100 && (await models.Outbox.countDocuments({ requestNo: prefix })) > 0; i++) {
    await dispatcher.deliverPending().catch(() => undefined); // the database may still be coming back
    await new Promise((r) => setTimeout(r, 200));
  }
  expect(await models.Outbox.countDocuments({ requestNo: prefix })).toBe(0);
}

/** Every message arrived; at most `extra` twice, and each repeat with the Message-ID of its first copy. */
function expectOnceEach(mails: CaughtMail[], prefix: string, extra: number) {
  const mine = mails.filter((m) => m.subject.startsWith(prefix));
  const byKey = new Map<string, CaughtMail[]>();
  for (const m of mine)
    byKey.set(m.headers['x-aftersales-key'], [...(byKey.get(m.headers['x-aftersales-key']) ?? []), m]);
  expect(byKey.size).toBe(N);
  expect(mine.length - N).toBeLessThanOrEqual(extra);
  for (const copies of byKey.values()) expect(new Set(copies.map((m) => m.headers['message-id'])).size).toBe(1);
  return mine.length - N;
}

it('R-INTEGRATE-4 FerretDB killed (SIGKILL) in the middle of a batch of 36: each sent once, at most one again', async () => {
  // After the 10th message the database dies, while the dispatcher is between sends.
  const { port, mail, killed } = await catcherKillingAfterTen(() => ferret.kill('SIGKILL'));
  try {
    await queue('dbkill');
    const dispatcher = new OutboxDispatcher(
      repositoriesOf(models).notifications,
      smtpChannel({ host: '127.0.0.1', port, from: 'aftersales@localhost' }),
    );
    await expect(dispatcher.deliverPending()).rejects.toThrow(); // the tick ends with the database
    expect(killed()).toBe(true);
    const sentBeforeCrash = mail.mails.length;
    expect(sentBeforeCrash).toBeLessThan(N); // the batch stopped with the database
    await stopProcess(ferret); // its PostgreSQL too, then both come back on the same data
    await startDb();
    await recover(port, 'dbkill');
    const again = expectOnceEach(mail.mails, 'dbkill', 1);
    console.log(`FerretDB killed after 10 of ${N}: ${sentBeforeCrash} sent before, ${again} sent again`);
  } finally {
    await mail.close();
  }
}, 180_000);

it('R-INTEGRATE-4 a dispatcher process killed (SIGKILL) in the middle of a batch of 36: each sent once, at most one again', async () => {
  let child: ChildProcess | undefined;
  const { port, mail, killed } = await catcherKillingAfterTen(() => child?.kill('SIGKILL'));
  try {
    await queue('nodekill');
    child = runProcess('test/setup/outboxChild.ts', {
      ...process.env,
      MONGODB_URI: `mongodb://127.0.0.1:${dbPort}/crash`,
      SMTP_PORT: String(port),
    });
    const exited = new Promise((r) => child!.once('exit', r));
    for (let i = 0; i < 300 && !killed(); i++) await new Promise((r) => setTimeout(r, 100));
    expect(killed()).toBe(true);
    await exited;
    await recover(port, 'nodekill');
    const again = expectOnceEach(mail.mails, 'nodekill', 1);
    console.log(`dispatcher killed after 10 of ${N}: ${again} sent again`);
  } finally {
    child?.kill('SIGKILL');
    await mail.close();
  }
}, 180_000);
