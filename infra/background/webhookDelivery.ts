/**
 * Delivers events to subscribers (R-INTEGRATE-3) in the Standard Webhooks format: `webhook-id` (the
 * delivery's key, stable across retries), `webhook-timestamp`, `webhook-signature` (v1, HMAC-SHA256 of
 * `id.timestamp.body` with the subscription's secret). In order per request and subscription: a
 * delivery waits while an earlier one of the same request is pending or parked. Failures back off;
 * after `maxAttempts` a delivery is parked until an admin re-delivers it. Delivered ones move to the
 * done log. Any number of dispatchers may run: a unique-insert claim decides who sends.
 */
import { createHmac } from 'node:crypto';
import { logger } from '../../shared/runtime/logger';
import { webhookDeliveries } from '../../shared/runtime/metrics';
import { Periodic } from '../../shared/runtime/periodic';
import type { Repositories } from '../../shared/storage/repositories';

export interface WebhookPolicy {
  firstDelayMs: number;
  maxDelayMs: number;
  maxAttempts: number;
  timeoutMs: number;
}
export const WEBHOOK_RETRY: WebhookPolicy = {
  firstDelayMs: 5_000,
  maxDelayMs: 60 * 60_000,
  maxAttempts: 15,
  timeoutMs: 10_000,
};

/** The Standard Webhooks signature of one message. */
export function sign(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

export class WebhookDispatcher {
  private readonly policy: WebhookPolicy;
  private readonly periodic = new Periodic('webhooks', () => this.deliverPending());

  constructor(
    private readonly store: Repositories['notifications'],
    opts: { policy?: Partial<WebhookPolicy>; now?: () => Date } = {},
  ) {
    this.policy = { ...WEBHOOK_RETRY, ...opts.policy };
    this.now = opts.now ?? (() => new Date());
  }
  private readonly now: () => Date;

  /** Sends what is due, in order per request and subscription; returns how many were delivered. */
  async deliverPending(limit = 100): Promise<number> {
    const now = this.now();
    const batch = await this.store.dueDeliveries(now, limit);
    const blocked = new Set<string>();
    let delivered = 0;
    for (const d of batch) {
      const lane = `${d.subscriptionId}|${d.requestNo}`;
      if (blocked.has(lane)) continue;
      if (await this.store.earlierWaiting(d)) {
        blocked.add(lane); // an earlier event of this request waits (or is parked): keep the order
        continue;
      }
      if (!(await this.claim(d._id))) continue;
      if (await this.store.deliveriesDone.has(d._id)) {
        // delivered by a holder that stopped before tidying up
        await this.store.deliveryClaims.remove(d._id);
        await this.store.deliveries.remove(d._id);
        continue;
      }
      try {
        await this.send(d);
        await this.store.deliveriesDone.addMissing({
          ...d,
          status: 'delivered',
          attempts: (d.attempts ?? 0) + 1,
          deliveredAt: now,
        });
        await this.store.deliveryClaims.remove(d._id);
        await this.store.deliveries.remove(d._id);
        delivered++;
        webhookDeliveries.inc({ outcome: 'delivered' });
      } catch (err) {
        await this.failed(d, (err as Error).message, now);
        blocked.add(lane);
      }
    }
    return delivered;
  }

  private async send(d: { _id: string; subscriptionId: string; eventId: string }): Promise<void> {
    const [sub, event] = await Promise.all([
      this.store.subscriptions.get(d.subscriptionId),
      this.store.events.get(d.eventId),
    ]);
    if (!sub || !event) throw new Error(`subscription or event missing for ${d._id}`);
    const body = JSON.stringify({ type: event.type, timestamp: event.at, data: { ...event.data, seq: event.seq } });
    const timestamp = Math.floor(this.now().getTime() / 1000);
    const res = await fetch(sub.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': d._id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': sign(sub.secret, d._id, timestamp, body),
      },
      body,
      signal: AbortSignal.timeout(this.policy.timeoutMs),
    });
    if (!res.ok) throw new Error(`subscriber answered ${res.status}`);
  }

  private async failed(
    d: { _id: string; attempts?: number | null; requestNo?: string | null },
    error: string,
    at: Date,
  ) {
    const attempts = (d.attempts ?? 0) + 1;
    const park = attempts >= this.policy.maxAttempts;
    const delay = Math.min(this.policy.maxDelayMs, this.policy.firstDelayMs * 2 ** (attempts - 1));
    webhookDeliveries.inc({ outcome: park ? 'parked' : 'failed' });
    if (park) logger.warn({ delivery: d._id, requestNo: d.requestNo, attempts, error }, 'webhook delivery parked');
    await this.store.deliveries.update(d._id, {
      $set: {
        attempts,
        lastError: error,
        status: park ? 'parked' : 'pending',
        nextAttemptAt: new Date(at.getTime() + delay),
      },
    });
    await this.store.deliveryClaims.remove(d._id);
  }

  private async claim(id: string): Promise<boolean> {
    if (await this.store.deliveryClaims.claim({ _id: id, claimedAt: this.now() })) return true;
    const held = await this.store.deliveryClaims.get(id);
    // A holder that crashed mid-send: released after a minute (at least once, never twice otherwise).
    if (held?.claimedAt && held.claimedAt.getTime() < this.now().getTime() - 60_000)
      await this.store.deliveryClaims.remove(id, { claimedAt: held.claimedAt });
    return false;
  }

  start(intervalMs = 1_000): void {
    this.periodic.start(intervalMs);
  }

  stop(): Promise<void> {
    return this.periodic.stop();
  }
}
