import type { Notification, ServiceRequestView } from '../shared/domain';
import { isDuplicateKey, type Models } from '../shared/models';
import type { RequestSummary } from '../workflows/serviceRequest';
import { SERVICE_POLICY_KEY } from './intake';

export interface RecordsConfig { notifyChannel: 'smtp' | 'webhook' | 'log'; webhookUrl?: string; now?: () => Date }

/**
 * Effects of each workflow step: read model, outbox, improvement actions, archive.
 * Every write is keyed (workflow + step), so a retried activity changes nothing twice.
 */
export function createRecordActivities(models: Models, cfg: RecordsConfig) {
  const now = cfg.now ?? (() => new Date());

  async function addressOf(n: Notification, summary: RequestSummary): Promise<string | undefined> {
    if (cfg.notifyChannel === 'webhook') return cfg.webhookUrl;
    switch (n.to) {
      case 'customer': return (await models.Customer.findOne({ customerId: summary.customerId }).lean())?.email ?? undefined;
      case 'engineer': return (await models.Engineer.findOne({ engineerId: n.engineerId }).lean())?.email ?? undefined;
      case 'supervisor': return (await models.Region.findOne({ region: summary.region }).lean())?.supervisorEmail ?? undefined;
      case 'agent': return (await models.Region.findOne({ region: summary.region }).lean())?.agentQueueEmail ?? undefined;
    }
  }

  return {
    async publishStep({ summary, notifications }: { summary: RequestSummary; notifications: Notification[] }): Promise<void> {
      try {
        // Only a newer version may overwrite: a late retry of an older step is a no-op.
        await models.ServiceRequest.updateOne(
          { requestNo: summary.requestNo, version: { $lt: summary.version } },
          { $set: summary },
          { upsert: true },
        );
      } catch (err) {
        if (!isDuplicateKey(err)) throw err; // a newer version is already there
      }
      for (const n of notifications) {
        const address = await addressOf(n, summary);
        try {
          await models.Outbox.create({
            key: n.key, requestNo: summary.requestNo, channel: cfg.notifyChannel, to: n.to, address,
            template: n.template, subject: n.subject, body: n.body,
            status: address || cfg.notifyChannel === 'log' ? 'pending' : 'undeliverable',
            ...(address || cfg.notifyChannel === 'log' ? {} : { lastError: `no ${n.to} address on file` }),
          });
        } catch (err) {
          if (!isDuplicateKey(err)) throw err; // already queued by an earlier attempt
        }
      }
    },

    /** R-FOLLOW-2: a score below 8 opens an improvement action owned by the region's supervisor. */
    async openImprovementAction(a: { key: string; requestNo: string; score: number; reason: string; region: string }): Promise<void> {
      const owner = (await models.Region.findOne({ region: a.region }).lean())?.supervisorEmail ?? 'quality';
      await models.ImprovementAction.updateOne(
        { key: a.key },
        { $setOnInsert: { key: a.key, requestNo: a.requestNo, score: a.score, reason: a.reason, owner, status: 'open' } },
        { upsert: true },
      );
    },

    /** R-RECORD-2: archived under "customer name + serial number + service date", kept >= 3 years. */
    async archiveRequest(view: ServiceRequestView): Promise<string> {
      const serviceDate = (view.signOff?.at ?? view.checkedInAt ?? view.receivedAt).slice(0, 10);
      const archiveKey = `${view.customerName ?? view.intake.customerId}+${view.intake.serialNumber}+${serviceDate}`;
      const policy = await models.Policy.findOne({ key: SERVICE_POLICY_KEY }).lean();
      const closedAt = now();
      const days = Math.max(policy?.archiveRetentionDays ?? 3 * 366, 3 * 365);
      await models.Archive.updateOne(
        { requestNo: view.requestNo },
        { $setOnInsert: { requestNo: view.requestNo, archiveKey, closedAt, retainUntil: new Date(closedAt.getTime() + days * 86_400_000), record: view } },
        { upsert: true },
      );
      return archiveKey;
    },
  };
}
