/** The service request's records: read model, improvement actions, archive (R-RECORD-1..2, R-FOLLOW-2). */
import type { HistoryEntry, Notification } from '../../shared/common/records';
import type { RequestEvent } from '../../shared/serviceRequest/events';
import { createEventQueue } from '../notifications/events';
import { createOutbox, type OutboxConfig } from '../notifications/outbox';
import type { ServiceRequestView } from '../../shared/serviceRequest/types';
import type { Repositories } from '../../shared/storage/repositories';
import type { RequestSummary } from '../../shared/serviceRequest/readModel';

export interface RecordsConfig extends OutboxConfig {
  now?: () => Date;
}

/** Steps up to this version register the request with its unit (any of them suffices; all are idempotent). */
const EARLY_STEPS = 8;

/**
 * Effects of each workflow step: read model, outbox, improvement actions, archive.
 * Every write is keyed (workflow + step), so a retried activity changes nothing twice.
 */
export function createRecordActivities(repos: Repositories, cfg: RecordsConfig) {
  const now = cfg.now ?? (() => new Date());
  const requests = repos.serviceRequest;
  const { unitLog, customerLog, engineerLog } = requests;
  const queueNotifications = createOutbox(repos, cfg);
  const queueEvents = createEventQueue(repos);

  return {
    async publishStep({
      summary,
      notifications,
      events = [],
    }: {
      summary: RequestSummary;
      notifications: Notification[];
      events?: RequestEvent[];
    }): Promise<void> {
      // Messages and list entries first (side by side: they are independent): a reader who sees a step in
      // the read model finds its messages queued too.
      await Promise.all([
        queueNotifications(summary.requestNo, notifications),
        queueEvents(summary, events),
        // R-INTAKE-7: an early step enters the request in its unit's history (once), off the offer's path;
        // and in the customer's list (decision 0006).
        summary.version <= EARLY_STEPS && unitLog.append(summary.serialNumber, summary.requestNo),
        summary.version <= EARLY_STEPS && customerLog.append(summary.customerId, summary.requestNo),
        // The engineer's own list: each engineer the request was offered or assigned to, once.
        summary.engineerId && engineerLog.append(summary.engineerId, summary.requestNo),
      ]);
      // Only a newer version overwrites the row; then open work and the change log (decision 0006).
      await requests.publish(summary);
    },

    /** R-RECORD-1: history entries the workflow moves out of its state, kept for GET and the archive. */
    async storeEarlierHistory({ requestNo, entries }: { requestNo: string; entries: HistoryEntry[] }): Promise<void> {
      await requests.storeHistoryChunk(requestNo, entries);
    },

    /** R-FOLLOW-3: an earlier request that has ended learns its fix did not hold (idempotent: a `$set`). */
    async recordFixDidNotHold({ requestNo, later }: { requestNo: string; later: string }): Promise<void> {
      await requests.fixDidNotHold(requestNo, later);
    },

    /** R-RECORD-2: archived under "customer name + serial number + service date", kept >= 3 years. */
    async archiveRequest({
      view,
      retentionDays,
    }: {
      view: ServiceRequestView;
      retentionDays: number;
    }): Promise<string> {
      const serviceDate = (view.signOff?.at ?? view.checkedInAt ?? view.receivedAt).slice(0, 10);
      const archiveKey = `${view.customerName ?? view.intake.customerId}+${view.intake.serialNumber}+${serviceDate}`;
      const closedAt = now();
      const days = Math.max(retentionDays, 3 * 365); // never below the 3 years of R-RECORD-2
      await requests.archive(view, archiveKey, closedAt, new Date(closedAt.getTime() + days * 86_400_000));
      return archiveKey;
    },
  };
}
