/**
 * Outbox delivery (R-INTEGRATE-4). publishStep queues each message once under a unique key; this
 * dispatcher claims pending messages by unique insert (a lease), sends them through the configured
 * channel and moves them to outbox_sent. Pluggable channels: smtp, webhook, log.
 */
import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Repositories } from '../../shared/storage/repositories';
import { notificationAttemptsFailed, notificationsSent } from '../../shared/runtime/metrics';
import { logger, requestFields } from '../../shared/runtime/logger';
import { Periodic } from '../../shared/runtime/periodic';

type OutboxDoc = {
  requestNo?: string | null;
  _id: string;
  attempts?: number | null;
  pendingSince?: Date | null;
  createdAt?: Date;
  lateSince?: Date | null;
};

export interface OutboxMessage {
  key: string;
  to: string;
  address?: string | null;
  subject?: string | null;
  body?: string | null;
  requestNo?: string | null;
  template?: string | null;
}
export interface Channel {
  send(msg: OutboxMessage): Promise<void>;
}

export function smtpChannel(opts: {
  host: string;
  port: number;
  from: string;
  secure?: boolean;
  user?: string;
  pass?: string;
}): Channel {
  const transport = nodemailer.createTransport({
    host: opts.host,
    port: opts.port,
    secure: opts.secure ?? false,
    ...(opts.user ? { auth: { user: opts.user, pass: opts.pass ?? '' } } : {}),
    ...(opts.host === '127.0.0.1' || opts.host === 'localhost' ? { ignoreTLS: true } : {}),
  });
  const domain = opts.from.split('@')[1]?.replace(/[>\s]/g, '') || 'aftersales.invalid';
  return {
    async send(msg) {
      await transport.sendMail({
        // The same Message-ID for every attempt of one message: a receiver can drop a duplicate.
        messageId: messageIdOf(msg.key, domain),
        from: opts.from,
        to: msg.address!,
        subject: msg.subject ?? '',
        text: msg.body ?? '',
        headers: { 'X-Aftersales-Key': msg.key, ...(msg.requestNo ? { 'X-Aftersales-Request': msg.requestNo } : {}) },
      });
    },
  };
}

/** A stable Message-ID per outbox key (the key's characters are not all allowed in one). */
export const messageIdOf = (key: string, domain: string): string =>
  `<${createHash('sha256').update(key).digest('hex').slice(0, 40)}@${domain}>`;

export function webhookChannel(): Channel {
  return {
    async send(msg) {
      const res = await fetch(msg.address!, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': msg.key },
        body: JSON.stringify({
          key: msg.key,
          requestNo: msg.requestNo,
          to: msg.to,
          template: msg.template,
          subject: msg.subject,
          body: msg.body,
        }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) throw new Error(`webhook answered ${res.status}`);
    },
  };
}

export function logChannel(write: (line: string) => void = (l) => logger.info(l)): Channel {
  return {
    async send(msg) {
      write(`[notify] to ${msg.to}${msg.address ? ` <${msg.address}>` : ''}: ${msg.subject}`);
    },
  };
}

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
  }

  /**
   * Delivers what is due now; returns how many messages this dispatcher sent. Any number of
   * dispatchers may run: each message is sent by the one whose claim insert wins, and only the
   * claim holder writes the message, so no update is lost (FerretDB v1 has no atomic read-modify-write).
   * A sent message moves to outbox_sent, so the pending scan only ever reads undelivered messages.
   * The batch is claimed, recorded and tidied in one command each (a message costs its send, not five
   * round trips); only a claim held by someone else costs a lookup of its own.
   */
  async deliverPending(limit = 100): Promise<number> {
    const now = this.opts.now ?? (() => new Date());
    const batch = await this.store.dueMessages(now(), limit);
    const won = await this.store.outboxClaims.addEach(
      batch.map((msg) => ({ _id: msg._id, claimedAt: now(), by: this.instance })),
    );
    for (const [i, msg] of batch.entries()) if (!won[i]) await this.releaseIfStale(msg._id, now());
    const mine = batch.filter((_, i) => won[i]);
    const sent: typeof mine = [];
    for (const [i, msg] of mine.entries()) {
      try {
        await this.channel.send({ ...msg, key: msg._id });
      } catch (err) {
        notificationAttemptsFailed.inc({ channel: msg.channel });
        await this.failed(msg, String((err as Error).message ?? err), now());
        // The channel is failing: back off until the next tick, and let the rest go for then.
        await this.store.outboxClaims.removeEach(mine.slice(i + 1).map((m) => m._id));
        break;
      }
      notificationsSent.inc({ channel: msg.channel });
      // Recorded before the next is sent: if the database goes away now, only this one message can be sent
      // again after the lease (with the same Message-ID), not the whole batch. A failure here ends the tick.
      const record = { ...msg, status: 'sent', attempts: (msg.attempts ?? 0) + 1, sentAt: now(), lastError: undefined };
      await this.store.outboxSent.addEach([record]); // already there: a slow holder's, the same message
      sent.push(msg);
    }
    await this.finishMove(sent);
    return sent.length;
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

  private readonly periodic = new Periodic('outbox', () => this.deliverPending());

  start(intervalMs = 500): void {
    this.periodic.start(intervalMs);
  }

  stop(): Promise<void> {
    return this.periodic.stop();
  }
}
