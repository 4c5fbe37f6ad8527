/**
 * R-INTEGRATE-4 outbox delivery on the real FerretDB and a real SMTP server on loopback:
 * every message once, even with several dispatchers racing; a failing channel keeps messages pending.
 */
import { OutboxDispatcher, smtpChannel } from '../../infra/background/outboxDelivery';
import { resendUndeliverable } from '../../shared/storage/outboxAdmin';
import { startMailCatcher } from '../../infra/mailcatcher';
import { freePort } from '../../infra/processes';
import { freshDatabase } from '../setup/env';
import { queueMessages } from '../setup/outboxMessages';
import { createOutbox } from '../../activities/notifications/outbox';
import { repositoriesOf } from '../../shared/storage/repositories';

let db: Awaited<ReturnType<typeof freshDatabase>>;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(async () => {
  await db.conn.close();
});

/** Runs `fn` with a real SMTP server on a free loopback port and a dispatcher that sends to it. */
async function withMail(
  fn: (ctx: {
    mail: Awaited<ReturnType<typeof startMailCatcher>>;
    dispatcher: OutboxDispatcher;
    port: number;
  }) => Promise<void>,
) {
  const port = await freePort();
  const mail = await startMailCatcher({ port });
  try {
    await fn({
      mail,
      port,
      dispatcher: new OutboxDispatcher(
        repositoriesOf(db.models).notifications,
        smtpChannel({ host: '127.0.0.1', port, from: 'aftersales@localhost' }),
        { leaseMs: 60_000 },
      ),
    });
  } finally {
    await mail.close();
  }
}

const queue = (prefix: string, n: number, from = 0, template?: string) =>
  queueMessages(db.models, prefix, n, from, template);

it('R-INTEGRATE-4 three dispatchers racing over 30 messages send each exactly once', () =>
  withMail(async ({ mail, port }) => {
    await queue('race', 30);
    const channel = smtpChannel({ host: '127.0.0.1', port, from: 'aftersales@localhost' });
    const dispatchers = [1, 2, 3].map(() => new OutboxDispatcher(repositoriesOf(db.models).notifications, channel));
    const counts = await Promise.all(dispatchers.map((d) => d.deliverPending()));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(30);
    const subjects = mail.mails.map((m) => m.subject).filter((x) => x.startsWith('race'));
    expect(subjects).toHaveLength(30);
    expect(new Set(subjects).size).toBe(30);
    expect(
      await db.models.OutboxSent.countDocuments({ requestNo: 'race', status: 'sent' }).comment('scan: a test looks'),
    ).toBe(30);
    expect(await db.models.Outbox.countDocuments({ requestNo: 'race' })).toBe(0); // the pending scan stays small
    expect(await db.models.OutboxClaim.countDocuments({ _id: { $regex: '^race/' } })).toBe(0);
    expect(await dispatchers[0].deliverPending()).toBe(0); // nothing is sent twice on a later tick
  }));

it('R-INTEGRATE-4 a step whose activity runs again after its message went out queues nothing and sends nothing twice', () =>
  withMail(async ({ mail, dispatcher }) => {
    // The step's activity queued the message and it was sent; its completion was lost with its worker.
    const queueNotifications = createOutbox(repositoriesOf(db.models), { notifyChannel: 'smtp' });
    const note = (i: number) => ({
      key: `again/${i}`,
      to: 'customer' as const,
      address: `c${i}@example.test`,
      template: 'request_received',
      subject: `again message ${i}`,
      body: 'hello',
    });
    await queueNotifications('again', [note(1)]);
    expect(await dispatcher.deliverPending()).toBe(1);
    // The retried activity queues the same step again: the sent message is not queued a second time.
    await queueNotifications('again', [note(1), note(2)]);
    expect(await db.models.Outbox.exists({ _id: 'again/1' })).toBeNull();
    // And if a retry raced the move to outbox_sent and put it back, the dispatcher moves it out unsent.
    await db.models.Outbox.create({
      ...note(1),
      _id: 'again/1',
      requestNo: 'again',
      channel: 'smtp',
      status: 'pending',
      lane: 'routine:smtp',
    });
    expect(await dispatcher.deliverPending()).toBe(1); // message 2 only
    expect(mail.mails.map((m) => m.subject).filter((x) => x.startsWith('again'))).toEqual([
      'again message 1',
      'again message 2',
    ]);
    expect(await db.models.Outbox.countDocuments({ requestNo: 'again' })).toBe(0);
    expect(await db.models.OutboxClaim.countDocuments({ _id: { $regex: '^again/' } })).toBe(0);
  }));

it('a channel that is down leaves the message pending with the error, and it goes out once the channel is back', async () => {
  const port = await freePort(); // nothing listens here yet
  await queue('down', 1);
  const dispatcher = new OutboxDispatcher(
    repositoriesOf(db.models).notifications,
    smtpChannel({ host: '127.0.0.1', port, from: 'aftersales@localhost' }),
    { retry: { firstDelayMs: 0 } }, // retry on the next tick (back-off has its own test)
  );
  expect(await dispatcher.deliverPending()).toBe(0);
  const failed = await db.models.Outbox.findById('down/0').lean();
  expect(failed).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringContaining('ECONNREFUSED') });

  const mail = await startMailCatcher({ port });
  try {
    expect(await dispatcher.deliverPending()).toBe(1);
    expect(mail.mails.map((m) => m.subject)).toEqual(['down message 0']);
  } finally {
    await mail.close();
  }
});

it('a message sent by a dispatcher that stopped before removing it from the outbox is not sent again', () =>
  withMail(async ({ mail, dispatcher }) => {
    await queue('half', 2);
    const msgs = await db.models.Outbox.find({ _id: { $in: ['half/0', 'half/1'] } }).lean();
    // Sent and recorded, then the process died holding its claims: one a moment ago, one past the lease.
    await db.models.OutboxSent.insertMany(msgs.map((m) => ({ ...m, status: 'sent', sentAt: new Date() })));
    await db.models.OutboxClaim.insertMany([
      { _id: 'half/0', claimedAt: new Date(Date.now() - 120_000), by: 'crashed' },
      { _id: 'half/1', claimedAt: new Date(), by: 'crashed' },
    ]);
    expect(await dispatcher.deliverPending()).toBe(0);
    expect(mail.mails).toHaveLength(0);
    expect(await db.models.Outbox.countDocuments({ _id: 'half/0' })).toBe(0); // the move is finished
    expect(await db.models.OutboxClaim.countDocuments({ _id: 'half/0' })).toBe(0);
    expect(await db.models.Outbox.countDocuments({ _id: 'half/1' })).toBe(1); // its holder may still be alive
    expect(await dispatcher.deliverPending()).toBe(0);
    expect(mail.mails).toHaveLength(0);
  }));

it('a claim left by a crashed dispatcher is released after the lease, then the message is sent', () =>
  withMail(async ({ mail, dispatcher }) => {
    await queue('crash', 1);
    await db.models.OutboxClaim.create({ _id: 'crash/0', claimedAt: new Date(Date.now() - 120_000), by: 'crashed' });
    expect(await dispatcher.deliverPending()).toBe(0); // releases the stale claim
    expect(await dispatcher.deliverPending()).toBe(1);
    expect(mail.mails).toHaveLength(1);
  }));

describe('a mail outage', () => {
  const fast = { firstDelayMs: 100, maxDelayMs: 400, lateAfterMs: 300, giveUpAfterMs: 60_000 };

  it('R-INTEGRATE-4 messages queued during an outage are retried with back-off and each delivered once when it ends', async () => {
    const port = await freePort();
    let down = true;
    const mail = await startMailCatcher({ port, refuse: () => down });
    const logged: string[] = [];
    // The dispatcher's clock, moved by the test: the back-off is asserted exactly, whatever the machine's speed.
    let clock = Date.now();
    const dispatcher = new OutboxDispatcher(
      repositoriesOf(db.models).notifications,
      smtpChannel({ host: '127.0.0.1', port, from: 'aftersales@localhost' }),
      { retry: fast, log: (l) => logged.push(l), now: () => new Date(clock) },
    );
    try {
      await queue('outage', 1); // one message shows the back-off; a lane has no order, so seven more come after
      clock = Date.now();
      const attempts: number[] = [];
      for (let i = 0; i < 12; i++) {
        await dispatcher.deliverPending();
        attempts.push((await db.models.Outbox.findById('outage/0').lean())?.attempts ?? -1);
        clock += 100;
      }
      // Backing off 100, 200, 400, 400 ms: tries at 0, 100, 300, 700 and 1,100 ms of the 12 ticks.
      expect(attempts).toEqual([1, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5]);
      const first = await db.models.Outbox.findById('outage/0').lean();
      expect(first).toMatchObject({ status: 'pending', lastError: expect.stringContaining('451') });
      expect(first!.lateSince).toBeInstanceOf(Date);
      expect(logged.some((l) => l.startsWith('[outbox] late: outage/0'))).toBe(true);
      await queue('outage', 7, 1); // more queued while the mail server is still down
      await dispatcher.deliverPending();
      down = false;
      for (let i = 0; i < 40 && (await db.models.Outbox.countDocuments({ requestNo: 'outage' })) > 0; i++) {
        await dispatcher.deliverPending();
        clock += 400;
      }
      const subjects = mail.mails.map((m) => m.subject).filter((s) => s.startsWith('outage'));
      expect(subjects.sort()).toEqual(Array.from({ length: 8 }, (_, i) => `outage message ${i}`).sort());
      expect(await db.models.OutboxSent.countDocuments({ requestNo: 'outage' }).comment('scan: a test looks')).toBe(8);
      expect(await db.models.OutboxClaim.countDocuments({ _id: { $regex: '^outage/' } })).toBe(0);
    } finally {
      await mail.close();
    }
  });

  it('R-INTEGRATE-4 a message given up on after the policy time is undeliverable until it is re-sent', async () => {
    const port = await freePort();
    let down = true;
    const mail = await startMailCatcher({ port, refuse: () => down });
    const dispatcher = new OutboxDispatcher(
      repositoriesOf(db.models).notifications,
      smtpChannel({ host: '127.0.0.1', port, from: 'aftersales@localhost' }),
      { retry: { ...fast, giveUpAfterMs: 250 }, log: () => undefined },
    );
    try {
      await queue('gaveup', 1);
      for (let i = 0; i < 10; i++) {
        await dispatcher.deliverPending();
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(await db.models.Outbox.findById('gaveup/0').lean()).toMatchObject({ status: 'undeliverable' });
      down = false;
      expect(await dispatcher.deliverPending()).toBe(0); // not retried on its own any more
      await resendUndeliverable(db.models, 'gaveup/0');
      expect(await dispatcher.deliverPending()).toBe(1);
      expect(mail.mails.map((m) => m.subject)).toEqual(['gaveup message 0']);
    } finally {
      await mail.close();
    }
  });
});
