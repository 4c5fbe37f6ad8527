/** Read models of the quality loop (improvement actions, complaints), written only by their workflows' publishers. */
import type { Notification } from '../../shared/common/records';
import type { ImprovementView } from '../../shared/improvement/types';
import { isDuplicateKey, type Models } from '../../shared/storage/models';
import { createOutbox, type OutboxConfig } from '../notifications/outbox';

export function createQualityRecordActivities(models: Models, cfg: OutboxConfig) {
  const queueNotifications = createOutbox(models, cfg);
  return {
    /** The action's row (a newer step is never overwritten by an older one) and its notifications, each once. */
    async publishImprovementStep({
      view,
      notifications,
    }: {
      view: ImprovementView;
      notifications: Notification[];
    }): Promise<void> {
      await queueNotifications(view.actionId, notifications);
      const { history, ...rest } = view;
      try {
        await models.ImprovementAction.updateOne(
          { _id: view.actionId, version: { $lt: view.seq } },
          {
            $set: {
              ...rest,
              ownerId: view.owner.id,
              version: view.seq,
              lastAction: history.at(-1)?.action ?? null,
              lastActionAt: history.at(-1)?.at ?? null,
            },
          },
          { upsert: true },
        );
      } catch (err) {
        if (!isDuplicateKey(err)) throw err; // a newer step is already there
      }
    },
  };
}
