/**
 * The outbox and the webhooks: queues kept small (sent messages and done deliveries move out), so their
 * filters may scan; the delivered log of a subscription is the one named scan of a large collection.
 */
import { keyed } from '../keyed';
import type { Models } from '../models';
import { listOutbox, resendUndeliverable, type OutboxState } from '../outboxAdmin';
import { RETRY_LANE } from '../../notifications/lanes';

export function notificationsRepository(m: Models) {
  const deliveries = keyed(m.WebhookDelivery);
  const done = keyed(m.WebhookDeliveryDone);
  return {
    outbox: keyed(m.Outbox),
    /** Messages delivered (moved here, so the pending queue stays small) and the claims of those being sent. */
    outboxSent: keyed(m.OutboxSent),
    outboxClaims: keyed(m.OutboxClaim),
    /**
     * The messages of one lane, in the order the database returns them (about the order they were queued): an
     * equality on an indexed field, which FerretDB's PostgreSQL backend answers without reading other lanes.
     */
    inLane: (lane: string, limit: number) => m.Outbox.find({ lane }).limit(limit).lean(),
    /** Messages whose last attempt failed, each with the time of its next attempt (a small lane). */
    waitingRetry: (limit: number) => m.Outbox.find({ lane: RETRY_LANE }, { body: 0 }).limit(limit).lean(),
    /** Pending messages queued before lanes existed (once, when a dispatcher starts). */
    withoutLane: (limit: number) =>
      m.Outbox.find({ status: 'pending', lane: { $exists: false } }, { template: 1, channel: 1 })
        .comment('scan: once at start, for messages queued before delivery lanes')
        .limit(limit)
        .lean(),
    list: (state: OutboxState, limit: number) => listOutbox(m, state, limit),
    resend: (key: string) => resendUndeliverable(m, key),
    /** How many messages wait, are late, or were given up on (the metrics). */
    async counts() {
      const [pending, late, undeliverable] = await Promise.all([
        m.Outbox.countDocuments({ status: 'pending' }),
        m.Outbox.countDocuments({ status: 'pending', lateSince: { $exists: true } }),
        m.Outbox.countDocuments({ status: 'undeliverable' }),
      ]);
      return { pending, late, undeliverable };
    },

    subscriptions: keyed(m.WebhookSubscription),
    events: keyed(m.WebhookEvent),
    deliveries,
    deliveriesDone: done,
    deliveryClaims: keyed(m.WebhookClaim),
    /** Deliveries due now, in order per request. */
    dueDeliveries: (now: Date, limit: number) =>
      m.WebhookDelivery.find({ status: 'pending', nextAttemptAt: { $not: { $gt: now } } })
        .sort({ requestNo: 1, seq: 1 })
        .limit(limit)
        .lean(),
    /** Whether an earlier event of the request still waits for this subscription (deliveries keep order). */
    earlierWaiting: async (d: { subscriptionId: string; requestNo?: string | null; seq?: number | null }) =>
      !!(await m.WebhookDelivery.exists({
        subscriptionId: d.subscriptionId,
        requestNo: d.requestNo,
        seq: { $lt: d.seq ?? 0 },
      })),
    activeSubscriptions: () => m.WebhookSubscription.find({ active: true }, { eventTypes: 1 }).lean(),
    /** Every subscription without its secret, oldest first (or newest first). */
    allSubscriptions: (limit: number, order: 1 | -1 = 1) =>
      m.WebhookSubscription.find({}, { secret: 0 }).sort({ createdAt: order, _id: order }).limit(limit).lean(),
    /** A subscription's waiting deliveries, oldest first, and its latest delivered ones. */
    async deliveryLog(subscriptionId: string, delivered: number) {
      const [waiting, latest] = await Promise.all([
        m.WebhookDelivery.find({ subscriptionId }).sort({ createdAt: 1, _id: 1 }).lean(),
        m.WebhookDeliveryDone.find({ subscriptionId })
          .comment('scan: the latest deliveries of a subscription, on its admin page')
          .sort({ deliveredAt: -1 })
          .limit(delivered)
          .lean(),
      ]);
      return { waiting, delivered: latest };
    },
    /**
     * Queues a parked or delivered delivery again (same webhook-id). 'pending': it is still being retried;
     * 'not_found': the subscription has no such delivery.
     */
    async redeliver(subscriptionId: string, id: string, now = new Date()): Promise<'queued' | 'pending' | 'not_found'> {
      const again = { status: 'pending', attempts: 0, nextAttemptAt: now };
      const waiting = await deliveries.get(id);
      if (waiting && waiting.subscriptionId === subscriptionId) {
        if (waiting.status === 'pending') return 'pending';
        await deliveries.update(id, { $set: again });
        return 'queued';
      }
      const earlier = await done.get(id);
      if (!earlier || earlier.subscriptionId !== subscriptionId) return 'not_found';
      const { deliveredAt: _d, ...copy } = earlier;
      await deliveries.add({ ...copy, ...again });
      await done.remove(id);
      return 'queued';
    },
  };
}
