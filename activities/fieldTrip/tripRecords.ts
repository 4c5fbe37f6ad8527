/** The trip read model and its notifications (R-PARTS), written only by the fieldTrip workflow's publisher. */
import type { Notification } from '../../shared/common/records';
import type { TripView } from '../../shared/fieldTrip/types';
import { isDuplicateKey, type Models } from '../../shared/storage/models';
import type { RequestEvent } from '../../shared/serviceRequest/events';
import { createEventQueue } from '../notifications/events';
import { createOutbox, type OutboxConfig } from '../notifications/outbox';

export function createTripRecordActivities(models: Models, cfg: OutboxConfig) {
  const queueNotifications = createOutbox(models, cfg);
  const queueEvents = createEventQueue(models);
  return {
    /** The trip read model and its notifications (R-PARTS): same guarantees as publishStep. */
    async publishTripStep({
      trip,
      notifications,
      events = [],
    }: {
      trip: TripView;
      notifications: Notification[];
      events?: RequestEvent[];
    }): Promise<void> {
      const { history: _h, ...rest } = trip;
      await queueNotifications(trip.tripId, notifications);
      const ref = {
        requestNo: trip.tripId,
        workflowId: trip.workflowId,
        status: trip.status,
        field: 'tripId' as const,
      };
      await queueEvents(ref, events);
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
