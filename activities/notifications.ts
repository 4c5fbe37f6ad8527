/**
 * Outbox delivery (R-INTEGRATE-4). publishStep queues each message once under a unique key; this
 * dispatcher claims pending messages with a conditional single-document update (a lease), sends
 * them through the configured channel and marks them sent. Pluggable channels: smtp, webhook, log.
 */
import nodemailer from 'nodemailer';
import type { Models } from '../shared/models';

export interface OutboxMessage { key: string; to: string; address?: string | null; subject?: string | null; body?: string | null; requestNo?: string | null; template?: string | null }
export interface Channel { send(msg: OutboxMessage): Promise<void> }

export function smtpChannel(opts: { host: string; port: number; from: string; secure?: boolean; user?: string; pass?: string }): Channel {
  const transport = nodemailer.createTransport({
    host: opts.host, port: opts.port, secure: opts.secure ?? false,
    ...(opts.user ? { auth: { user: opts.user, pass: opts.pass ?? '' } } : {}),
    ...(opts.host === '127.0.0.1' || opts.host === 'localhost' ? { ignoreTLS: true } : {}),
  });
  return {
    async send(msg) {
      await transport.sendMail({
        from: opts.from, to: msg.address!, subject: msg.subject ?? '', text: msg.body ?? '',
        headers: { 'X-Aftersales-Key': msg.key, ...(msg.requestNo ? { 'X-Aftersales-Request': msg.requestNo } : {}) },
      });
    },
  };
}

export function webhookChannel(): Channel {
  return {
    async send(msg) {
      const res = await fetch(msg.address!, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': msg.key },
        body: JSON.stringify({ key: msg.key, requestNo: msg.requestNo, to: msg.to, template: msg.template, subject: msg.subject, body: msg.body }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) throw new Error(`webhook answered ${res.status}`);
    },
  };
}

export function logChannel(write: (line: string) => void = (l) => console.log(l)): Channel {
  return { async send(msg) { write(`[notify] to ${msg.to}${msg.address ? ` <${msg.address}>` : ''}: ${msg.subject}`); } };
}

export class OutboxDispatcher {
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private stopped = false;

  constructor(private readonly models: Models, private readonly channel: Channel,
    private readonly opts: { leaseMs?: number; maxAttempts?: number; now?: () => Date } = {}) {}

  /** Delivers what is pending now; returns how many messages were sent. */
  async deliverPending(limit = 100): Promise<number> {
    const now = this.opts.now ?? (() => new Date());
    const leaseMs = this.opts.leaseMs ?? 60_000;
    const maxAttempts = this.opts.maxAttempts ?? 10;
    let sent = 0;
    for (let i = 0; i < limit; i++) {
      const t = now();
      // Claim one message: pending, or sending with an expired lease (a crashed sender).
      const msg = await this.models.Outbox.findOneAndUpdate(
        { $or: [{ status: 'pending' }, { status: 'sending', claimedUntil: { $lt: t } }] },
        { $set: { status: 'sending', claimedUntil: new Date(t.getTime() + leaseMs) }, $inc: { attempts: 1 } },
        { returnDocument: 'after', sort: { createdAt: 1 } },
      ).lean();
      if (!msg) break;
      try {
        await this.channel.send(msg);
        await this.models.Outbox.updateOne({ key: msg.key, status: 'sending' }, { $set: { status: 'sent', sentAt: now() }, $unset: { claimedUntil: 1, lastError: 1 } });
        sent++;
      } catch (err) {
        const giveUp = (msg.attempts ?? 1) >= maxAttempts;
        await this.models.Outbox.updateOne({ key: msg.key, status: 'sending' },
          { $set: { status: giveUp ? 'undeliverable' : 'pending', lastError: String((err as Error).message ?? err) } });
        if (!giveUp) break; // channel is failing: back off until the next tick
      }
    }
    return sent;
  }

  start(intervalMs = 500): void {
    const tick = async () => {
      this.running = this.deliverPending().catch((err) => { console.error('[outbox]', err.message); return 0; });
      await this.running;
      if (!this.stopped) this.timer = setTimeout(tick, intervalMs);
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
