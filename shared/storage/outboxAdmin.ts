/**
 * What ops do with the outbox (R-INTEGRATE-4): see what is late or undeliverable, and re-send a message
 * that was given up on. Node-only. A message that is no longer pending has no claim holder, so the admin
 * is its only writer while it is undeliverable.
 */
import type { Models } from './models';
import { laneOf } from '../notifications/lanes';

export type OutboxState = 'pending' | 'late' | 'undeliverable';

export async function listOutbox(models: Models, state: OutboxState, limit: number) {
  const filter = state === 'late' ? { status: 'pending', lateSince: { $exists: true } } : { status: state };
  const items = await models.Outbox.find(filter, { body: 0 }).sort({ createdAt: 1, _id: 1 }).limit(limit).lean();
  return items.map(({ _id, ...m }) => ({ key: _id, ...m }));
}

/** Puts an undeliverable message back in the queue; its retry clock starts again now. */
export async function resendUndeliverable(
  models: Models,
  key: string,
  now = new Date(),
): Promise<'resent' | 'not_found' | 'not_undeliverable'> {
  const msg = await models.Outbox.findById(key, { status: 1, template: 1, channel: 1 }).lean();
  if (!msg) return 'not_found';
  if (msg.status !== 'undeliverable') return 'not_undeliverable';
  await models.Outbox.updateOne(
    { _id: key },
    {
      $set: {
        status: 'pending',
        lane: laneOf(msg.template, msg.channel),
        attempts: 0,
        nextAttemptAt: now,
        pendingSince: now,
      },
      $unset: { lateSince: 1 },
    },
  );
  return 'resent';
}
