/**
 * The outbox's delivery lanes under a burst (R-SLA-4, R-INTEGRATE-4) on the real FerretDB and a slow real SMTP
 * server on loopback: a breach never waits behind routine mail or warnings, and a wave of breaches goes out
 * by several at once, each exactly once.
 */
import { OutboxDispatcher, smtpChannel } from '../../infra/background/outboxDelivery';
import { startMailCatcher } from '../../infra/mailcatcher';
import { freePort } from '../../infra/processes';
import { freshDatabase } from '../setup/env';
import { queueMessages } from '../setup/outboxMessages';
import { repositoriesOf } from '../../shared/storage/repositories';
import { laneOf } from '../../shared/notifications/lanes';
import { loadConfig } from '../../shared/runtime/config';

let db: Awaited<ReturnType<typeof freshDatabase>>;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(async () => {
  await db.conn.close();
});

const queue = (prefix: string, n: number, from = 0, template?: string) =>
  queueMessages(db.models, prefix, n, from, template);

it('R-SLA-4 R-INTEGRATE-4 under a burst an escalation queued behind 200 routine mails on a slow server goes out at once', async () => {
  const port = await freePort();
  const mail = await startMailCatcher({ port, delayMs: 20 }); // 200 routine mails take at least 4 s
  const dispatcher = new OutboxDispatcher(
    repositoriesOf(db.models).notifications,
    smtpChannel({ host: '127.0.0.1', port, from: 'aftersales@localhost' }),
  );
  try {
    await queue('burst', 200);
    dispatcher.start();
    await new Promise((r) => setTimeout(r, 300)); // the routine lane is busy now
    const queuedAt = Date.now();
    await db.models.Outbox.create({
      _id: 'burst/breach',
      requestNo: 'burst',
      channel: 'smtp',
      to: 'supervisor',
      address: 'supervisor@example.test',
      template: 'sla_breached',
      subject: 'SLA breached: dispatch of burst',
      body: 'act now',
      status: 'pending',
      lane: laneOf('sla_breached', 'smtp'),
    });
    for (let i = 0; i < 50 && !mail.mails.some((m) => m.subject.startsWith('SLA breached')); i++)
      await new Promise((r) => setTimeout(r, 50));
    const breach = mail.mails.find((m) => m.subject.startsWith('SLA breached'))!;
    expect(breach.receivedAt - queuedAt).toBeLessThan(1_000);
    expect(mail.mails.filter((m) => m.subject.startsWith('burst')).length).toBeLessThan(150); // most still wait
  } finally {
    await dispatcher.stop();
    await mail.close();
  }
  await db.models.Outbox.deleteMany({ requestNo: 'burst' });
});

it('R-SLA-4 a breach queued behind 200 SLA warnings on a slow server goes out at once', async () => {
  const port = await freePort();
  const mail = await startMailCatcher({ port, delayMs: 20 }); // 200 warnings take at least 4 s
  const dispatcher = new OutboxDispatcher(
    repositoriesOf(db.models).notifications,
    smtpChannel({ host: '127.0.0.1', port, from: 'aftersales@localhost' }),
  );
  try {
    await queue('wave', 200, 0, 'sla_warning');
    dispatcher.start();
    await new Promise((r) => setTimeout(r, 300)); // the warnings' lane is busy now
    const queuedAt = Date.now();
    await queue('late', 1, 0, 'sla_breached');
    for (let i = 0; i < 50 && !mail.mails.some((m) => m.subject.startsWith('late')); i++)
      await new Promise((r) => setTimeout(r, 50));
    const breach = mail.mails.find((m) => m.subject.startsWith('late'));
    expect(breach && breach.receivedAt - queuedAt).toBeLessThan(1_000);
    expect(mail.mails.filter((m) => m.subject.startsWith('wave')).length).toBeLessThan(150); // most still wait
  } finally {
    await dispatcher.stop();
    await mail.close();
  }
  await db.models.Outbox.deleteMany({ requestNo: { $in: ['wave', 'late'] } });
});

/** Sends `n` queued messages of `template` through one lane of a dispatcher with the worker's senders per lane. */
async function sendWave(prefix: string, n: number, template: string, priority: 'breach' | 'routine') {
  const port = await freePort();
  const mail = await startMailCatcher({ port, delayMs: 100 }); // a slow provider: the senders overlap
  const dispatcher = new OutboxDispatcher(
    repositoriesOf(db.models).notifications,
    smtpChannel({ host: '127.0.0.1', port, from: 'aftersales@localhost', maxConnections: 8 }),
    { concurrency: loadConfig().outboxConcurrency }, // as the worker runs it
  );
  try {
    await queue(prefix, n, 0, template);
    const sent = await dispatcher.deliverPending(100, [priority]);
    const again = await dispatcher.deliverPending(100, [priority]); // nothing twice on a later tick
    const keys = mail.mails.map((m) => m.headers['x-aftersales-key']);
    return { sent, again, keys, mostAtOnce: mail.mostAtOnce() };
  } finally {
    await dispatcher.stop();
    await mail.close();
  }
}

it('R-SLA-4 R-INTEGRATE-4 a wave of 24 breaches goes out four at a time, each exactly once; routine mail one at a time', async () => {
  const breaches = await sendWave('storm', 24, 'sla_breached', 'breach');
  expect(breaches).toMatchObject({ sent: 24, again: 0, mostAtOnce: 4 });
  expect(new Set(breaches.keys).size).toBe(24);
  expect(breaches.keys).toHaveLength(24);
  expect(await db.models.Outbox.countDocuments({ requestNo: 'storm' })).toBe(0);

  const routine = await sendWave('acks', 6, 'request_received', 'routine');
  expect(routine).toMatchObject({ sent: 6, again: 0, mostAtOnce: 1 });
  expect(new Set(routine.keys).size).toBe(6);
  expect(routine.keys).toHaveLength(6);
});
