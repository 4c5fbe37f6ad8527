/** The trip read model and its notifications (R-PARTS), written only by the fieldTrip workflow's publisher. */
import type { Notification } from '../../shared/common/records';
import type { TripView } from '../../shared/fieldTrip/types';
import { isDuplicateKey, type Models } from '../../shared/storage/models';
import { createOutbox, type OutboxConfig } from '../notifications/outbox';

export function createTripRecordActivities(models: Models, cfg: OutboxConfig) {
  const queueNotifications = createOutbox(models, cfg);
  return {
    /** The trip read model and its notifications (R-PARTS): same guarantees as publishStep. */
    async publishTripStep({ trip, notifications }: { trip: TripView; notifications: Notification[] }): Promise<void> {
      const { history: _h, ...rest } = trip;
      await queueNotifications(trip.tripId, notifications);
      try {
        await models.Trip.updateOne(
          { _id: trip.tripId, version: { $lt: trip.seq } },
          { $set: { ...rest, version: trip.seq, lastAction: trip.history.at(-1)?.action ?? null } },
          { upsert: true },
        );
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
    },
  };
}
