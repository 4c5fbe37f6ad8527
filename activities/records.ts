import type { Notification, ServiceRequestView, TripView } from '../shared/domain';
import { isDuplicateKey, type Models } from '../shared/models';
import { UnitRequestLog } from './unitHistory';
import type { RequestSummary } from '../workflows/serviceRequest';

const onlyDuplicates = (err: unknown): boolean => {
  const writeErrors = (err as { writeErrors?: unknown[] }).writeErrors;
  return Array.isArray(writeErrors) && writeErrors.length > 0 ? writeErrors.every(isDuplicateKey) : isDuplicateKey(err);
};

export interface RecordsConfig { notifyChannel: 'smtp' | 'webhook' | 'log'; webhookUrl?: string; now?: () => Date }

/**
 * Effects of each workflow step: read model, outbox, improvement actions, archive.
 * Every write is keyed (workflow + step), so a retried activity changes nothing twice.
 */
/** Steps up to this version register the request with its unit (any of them suffices; all are idempotent). */
const EARLY_STEPS = 8;

export function createRecordActivities(models: Models, cfg: RecordsConfig) {
  const now = cfg.now ?? (() => new Date());
  const unitLog = new UnitRequestLog(models);

  /** The workflow resolves addresses from its context; only an engineer it has no contact for (assigned by a dispatcher) is looked up. */
  async function addressOf(n: Notification): Promise<string | undefined> {
    if (cfg.notifyChannel === 'webhook') return cfg.webhookUrl;
    if (n.address || n.to !== 'engineer') return n.address;
    return (await models.Engineer.findById(n.engineerId).lean())?.email ?? undefined;
  }

  /** Queues each message once: the key is workflow + step + recipient, a retry inserts nothing new. */
  async function queueNotifications(ref: string, notifications: Notification[]): Promise<void> {
    if (notifications.length === 0) return;
    const messages = await Promise.all(notifications.map(async (n) => {
      const address = await addressOf(n);
      const deliverable = !!address || cfg.notifyChannel === 'log';
      return {
        _id: n.key, requestNo: ref, channel: cfg.notifyChannel, to: n.to, address,
        template: n.template, subject: n.subject, body: n.body, status: deliverable ? 'pending' : 'undeliverable',
        ...(deliverable ? {} : { lastError: `no ${n.to} address on file` }),
      };
    }));
    try {
      await models.Outbox.insertMany(messages, { ordered: false });
    } catch (err) {
      if (!onlyDuplicates(err)) throw err; // some were already queued by an earlier attempt; the rest went in
    }
  }

  return {
    /** The trip read model and its notifications (R-PARTS): same guarantees as publishStep. */
    async publishTripStep({ trip, notifications }: { trip: TripView; notifications: Notification[] }): Promise<void> {
      const { history: _h, ...rest } = trip;
      await queueNotifications(trip.tripId, notifications);
      try {
        await models.Trip.updateOne({ _id: trip.tripId, version: { $lt: trip.seq } },
          { $set: { ...rest, version: trip.seq, lastAction: trip.history.at(-1)?.action ?? null } }, { upsert: true });
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
    },

    async publishStep({ summary, notifications }: { summary: RequestSummary; notifications: Notification[] }): Promise<void> {
      // Messages first: a reader who sees a step in the read model finds its messages queued too.
      await queueNotifications(summary.requestNo, notifications);
      // R-INTAKE-7: an early step enters the request in its unit's history (once), off the offer's path.
      if (summary.version <= EARLY_STEPS) await unitLog.append(summary.serialNumber, summary.requestNo);
      try {
        // Only a newer version may overwrite: a late retry of an older step is a no-op.
        await models.ServiceRequest.updateOne(
          { _id: summary.requestNo, version: { $lt: summary.version } },
          { $set: summary },
          { upsert: true },
        );
      } catch (err) {
        if (!isDuplicateKey(err)) throw err; // a newer version is already there
      }
    },

    /** R-FOLLOW-2: a score below 8 opens an improvement action with an owner. */
    async openImprovementAction(a: { key: string; requestNo: string; score: number; reason: string; owner: string }): Promise<void> {
      await models.ImprovementAction.updateOne(
        { _id: a.key },
        { $setOnInsert: { requestNo: a.requestNo, score: a.score, reason: a.reason, owner: a.owner, status: 'open' } },
        { upsert: true },
      );
    },

    /** R-RECORD-2: archived under "customer name + serial number + service date", kept >= 3 years. */
    async archiveRequest({ view, retentionDays }: { view: ServiceRequestView; retentionDays: number }): Promise<string> {
      const serviceDate = (view.signOff?.at ?? view.checkedInAt ?? view.receivedAt).slice(0, 10);
      const archiveKey = `${view.customerName ?? view.intake.customerId}+${view.intake.serialNumber}+${serviceDate}`;
      const closedAt = now();
      const days = Math.max(retentionDays, 3 * 365); // never below the 3 years of R-RECORD-2
      await models.Archive.updateOne(
        { _id: view.requestNo },
        { $setOnInsert: { requestNo: view.requestNo, archiveKey, closedAt, retainUntil: new Date(closedAt.getTime() + days * 86_400_000), record: view } },
        { upsert: true },
      );
      return archiveKey;
    },
  };
}
