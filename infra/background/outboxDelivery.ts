/**
 * Outbox delivery (R-INTEGRATE-4). publishStep queues each message once under a unique key; this
 * dispatcher claims pending messages by unique insert (a lease), sends them through the configured
 * channel and moves them to outbox_sent. Pluggable channels: smtp, webhook, log.
 */
import type { Repositories } from '../../shared/storage/repositories';
import { notificationAttemptsFailed, notificationsSent } from '../../shared/runtime/metrics';
import { logger, requestFields } from '../../shared/runtime/logger';
import type { Channel } from './outboxChannels';
import { laneOf, PRIORITIES, RETRY_LANE, type Priority } from '../../shared/notifications/lanes';

export {
  logChannel,
  messageIdOf,
  smtpChannel,
  webhookChannel,
  type Channel,
  type OutboxMessage,
} from './outboxChannels';
import { Periodic } from '../../shared/runtime/periodic';

type OutboxDoc = {
  requestNo?: string | null;
  _id: string;
  attempts?: number | null;
  pendingSince?: Date | null;
  createdAt?: Date;
  lateSince?: Date | null;
};

/**
 * How delivery retries back off: the first retry after `firstDelayMs`, doubling up to `maxDelayMs`;
 * a message still not delivered `lateAfterMs` after it was queued is logged as late (once); after
 * `giveUpAfterMs` it is undeliverable until an admin re-sends it.
 */
export interface RetryPolicy {
  firstDelayMs: number;
  maxDelayMs: number;
  lateAfterMs: number;
  giveUpAfterMs: number;
}
export const OUTBOX_RETRY: RetryPolicy = {
  firstDelayMs: 5_000,
  maxDelayMs: 30 * 60_000,
  lateAfterMs: 10 * 60_000,
  giveUpAfterMs: 48 * 3_600_000,
};

export interface DispatcherOptions {
  /** The channel the outbox queued for (config `notifyChannel`): its lanes are the ones this dispatcher serves. */
  channelName?: string;
  /**
   * Messages each priority's lane sends at once (default 1 each). More is faster, but a crash may then send
   * each message in flight again (with the same Message-ID) instead of at most one.
   */
  concurrency?: Partial<Record<Priority, number>>;
  leaseMs?: number;
  retry?: Partial<RetryPolicy>;
  now?: () => Date;
  log?: (line: string) => void;
}

export class OutboxDispatcher {
  private readonly retry: RetryPolicy;

  private readonly instance = `${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

  constructor(
    private readonly store: Repositories['notifications'],
    private readonly channel: Channel,
    private readonly opts: DispatcherOptions = {},
  ) {
    this.retry = { ...OUTBOX_RETRY, ...opts.retry };
    this.channelName = opts.channelName ?? 'smtp';
  }

  /** The channel's name in the lanes it serves (`breach:smtp`, `urgent:smtp`, `routine:smtp`). */
  private readonly channelName: string;

  /**
   * Delivers what is due now, breaches first, then urgent, then routine; returns how many messages this
   * dispatcher sent. Any number of dispatchers may run: each message is sent by the one whose claim insert
   * wins, and only the claim holder writes the message, so no update is lost (FerretDB v1 has no atomic
   * read-modify-write). A sent message moves to outbox_sent, so a lane only ever holds undelivered messages.
   */
  async deliverPending(limit = 100, priorities: Priority[] = PRIORITIES): Promise<number> {
    if (priorities.includes('routine')) await this.promoteDueRetries();
    let sent = 0;
    for (const p of priorities) sent += await this.deliverLane(p, limit);
    return sent;
  }

  /**
   * One lane's batch: claimed, then sent by the priority's concurrency at a time over the channel's kept-open
   * connections, each recorded sent before its sender takes the next, so a crash sends at most the messages
   * in flight again (with the same Message-ID). The first failure stops the batch: the channel is failing,
   * the rest wait for the next tick.
   */
  private async deliverLane(priority: Priority, limit: number): Promise<number> {
    const now = this.opts.now ?? (() => new Date());
    const batch = await this.store.inLane(`${priority}:${this.channelName}`, limit);
    if (!batch.length) return 0;
    const won = await this.store.outboxClaims.addEach(
      batch.map((msg) => ({ _id: msg._id, claimedAt: now(), by: this.instance })),
    );
    for (const [i, msg] of batch.entries()) if (!won[i]) await this.releaseIfStale(msg._id, now());
    // Queued again after it was sent (a step's activity run twice): never sent twice, only moved out again.
    const delivered = await Promise.all(batch.map((m, i) => won[i] && this.store.outboxSent.has(m._id)));
    await this.finishMove(batch.filter((_, i) => delivered[i]));
    const queue = batch.filter((_, i) => won[i] && !delivered[i]);
    const sent: { _id: string }[] = [];
    let failing = false;
    const worker = async () => {
      for (let msg = queue.shift(); msg && !failing; msg = queue.shift()) {
        try {
          await this.channel.send({ ...msg, key: msg._id });
        } catch (err) {
          failing = true;
          notificationAttemptsFailed.inc({ channel: msg.channel });
          await this.failed(msg, String((err as Error).message ?? err), now());
          return;
        }
        notificationsSent.inc({ channel: msg.channel });
        const record = {
          ...msg,
          status: 'sent',
          attempts: (msg.attempts ?? 0) + 1,
          sentAt: now(),
          lastError: undefined,
        };
        await this.store.outboxSent.addEach([record]); // already there: a slow holder's, the same message
        sent.push(msg);
      }
    };
    const senders = Math.max(1, this.opts.concurrency?.[priority] ?? 1);
    await Promise.all(Array.from({ length: senders }, worker));
    if (queue.length) await this.store.outboxClaims.removeEach(queue.map((m) => m._id)); // left for the next tick
    await this.finishMove(sent);
    return sent.length;
  }

  /** Failed messages whose next attempt is due go back to their lane (each written by whoever sees it first). */
  private async promoteDueRetries(): Promise<void> {
    const now = (this.opts.now ?? (() => new Date()))();
    const waiting = await this.store.waitingRetry(1000);
    for (const msg of waiting.filter((m) => !m.nextAttemptAt || m.nextAttemptAt <= now))
      await this.store.outbox.update(msg._id, { $set: { lane: laneOf(msg.template, msg.channel) } });
  }

  /** A failed attempt: back off, say once that the message is late, give up after the policy's time. */
  private async failed(msg: OutboxDoc, error: string, at: Date): Promise<void> {
    const attempts = (msg.attempts ?? 0) + 1;
    const since = (msg.pendingSince ?? msg.createdAt ?? at).getTime();
    const waited = at.getTime() - since;
    const giveUp = waited >= this.retry.giveUpAfterMs;
    const delay = Math.min(this.retry.maxDelayMs, this.retry.firstDelayMs * 2 ** (attempts - 1));
    const late = !msg.lateSince && waited >= this.retry.lateAfterMs;
    const log =
      this.opts.log ??
      ((l: string) =>
        logger.warn({ key: msg._id, attempts, ...requestFields({ requestNo: msg.requestNo ?? undefined }) }, l));
    if (giveUp)
      log(`[outbox] undeliverable after ${attempts} attempts: ${msg._id} (${error}); an admin can re-send it`);
    else if (late) log(`[outbox] late: ${msg._id} not delivered for ${Math.round(waited / 60_000)} min (${error})`);
    await this.store.outbox.update(msg._id, {
      $set: {
        attempts,
        status: giveUp ? 'undeliverable' : 'pending',
        lane: giveUp ? 'none' : RETRY_LANE,
        lastError: error,
        nextAttemptAt: new Date(at.getTime() + delay),
        ...(late ? { lateSince: at } : {}),
      },
    });
    await this.store.outboxClaims.remove(msg._id);
  }

  /**
   * Second half of the move to outbox_sent; each step is idempotent. The message goes before its claim: a
   * crash in between leaves a claim and no message (nothing to send), never a sent message without a claim.
   */
  private async finishMove(msgs: { _id: string }[]): Promise<void> {
    await this.store.outbox.removeEach(msgs.map((m) => m._id));
    await this.store.outboxClaims.removeEach(msgs.map((m) => m._id));
  }

  /**
   * A claim held by someone else past the lease is a sender that stopped. If it got as far as recording the
   * message sent, the move is finished here and it is not sent again; otherwise the claim is released for
   * the next tick (at-least-once after a crash, never twice otherwise).
   */
  private async releaseIfStale(key: string, at: Date): Promise<void> {
    const held = await this.store.outboxClaims.get(key);
    if (!held || held.claimedAt.getTime() >= at.getTime() - (this.opts.leaseMs ?? 60_000)) return;
    if (await this.store.outboxSent.has(key)) return this.finishMove([{ _id: key }]);
    await this.store.outboxClaims.remove(key, { claimedAt: held.claimedAt });
  }

  /**
   * Each priority ticks on its own, so a long routine batch or a wave of warnings never delays a breach's
   * mail. A crash may send again the messages in flight in each lane (with the same Message-ID).
   */
  private readonly lanes = [
    new Periodic('outbox-breach', () => this.deliverPending(100, ['breach'])),
    new Periodic('outbox-urgent', () => this.deliverPending(100, ['urgent'])),
    new Periodic('outbox', () => this.deliverPending(100, ['routine'])),
  ];

  start(intervalMs = 500): void {
    void this.adoptUnlaned();
    const [breach, urgent, routine] = this.lanes;
    breach.start(Math.min(intervalMs, 100));
    urgent.start(Math.min(intervalMs, 250));
    routine.start(intervalMs);
  }

  /** Messages a version before delivery lanes queued: given their lane once. */
  private async adoptUnlaned(): Promise<void> {
    for (const msg of await this.store.withoutLane(10_000))
      await this.store.outbox.update(msg._id, { $set: { lane: laneOf(msg.template, msg.channel) } });
  }

  async stop(): Promise<void> {
    await Promise.all(this.lanes.map((lane) => lane.stop()));
    this.channel.close?.();
  }
}
