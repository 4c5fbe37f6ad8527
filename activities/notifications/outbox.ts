/**
 * The outbox (R-INTEGRATE-4): each message a workflow step causes is queued once under its key
 * (workflow + step + recipient), so a retried activity queues nothing twice. The dispatcher delivers.
 */
import { Context } from '@temporalio/activity';
import type { Notification } from '../../shared/common/records';
import type { Repositories } from '../../shared/storage/repositories';
import { laneOf } from '../../shared/notifications/lanes';

export interface OutboxConfig {
  notifyChannel: 'smtp' | 'webhook' | 'log';
  webhookUrl?: string;
}

export function createOutbox(repos: Repositories, cfg: OutboxConfig) {
  /** The workflow resolves addresses from its context; only an engineer it has no contact for (assigned by a dispatcher) is looked up. */
  async function addressOf(n: Notification): Promise<string | undefined> {
    if (cfg.notifyChannel === 'webhook') return cfg.webhookUrl;
    if (n.address || n.to !== 'engineer' || !n.engineerId) return n.address;
    return (await repos.masterData.engineers.get(n.engineerId))?.email ?? undefined;
  }

  /**
   * Queues each message once: the key is workflow + step + recipient, a retry inserts nothing new. A message
   * already sent has left the outbox for outbox_sent, so a retry that comes after its delivery (the step's
   * activity completed but its completion was lost with its worker) must not queue it again. A first attempt
   * skips that lookup: a step's messages are queued by one activity only, so none of them can have gone yet.
   */
  return async function queueNotifications(ref: string, notifications: Notification[]): Promise<void> {
    if (notifications.length === 0) return;
    const keys = notifications.map((n) => n.key);
    const sent = new Set(
      isFirstAttempt() ? [] : (await repos.notifications.outboxSent.getMany(keys, { _id: 1 })).map((r) => r._id),
    );
    const messages = await Promise.all(
      notifications
        .filter((n) => !sent.has(n.key))
        .map(async (n) => {
          const address = await addressOf(n);
          const deliverable = !!address || cfg.notifyChannel === 'log';
          return {
            _id: n.key,
            requestNo: ref,
            channel: cfg.notifyChannel,
            to: n.to,
            address,
            template: n.template,
            subject: n.subject,
            body: n.body,
            status: deliverable ? 'pending' : 'undeliverable',
            ...(deliverable ? { lane: laneOf(n.template, cfg.notifyChannel) } : {}),
            ...(deliverable ? {} : { lastError: `no ${n.to} address on file` }),
          };
        }),
    );
    await repos.notifications.outbox.addEach(messages); // some may be queued already by an earlier attempt; the rest go in
  };
}

/** The first attempt of the running activity; outside one (a script, a test) it cannot be known, so no. */
function isFirstAttempt(): boolean {
  try {
    return Context.current().info.attempt === 1;
  } catch {
    return false;
  }
}

export type QueueNotifications = ReturnType<typeof createOutbox>;
