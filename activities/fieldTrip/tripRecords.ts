/** The trip read model and its notifications (R-PARTS), written only by the fieldTrip workflow's publisher. */
import type { Notification } from '../../shared/common/records';
import type { TripView } from '../../shared/fieldTrip/types';
import type { Repositories } from '../../shared/storage/repositories';
import type { RequestEvent } from '../../shared/serviceRequest/events';
import { createEventQueue } from '../notifications/events';
import { createOutbox, type OutboxConfig } from '../notifications/outbox';

export function createTripRecordActivities(repos: Repositories, cfg: OutboxConfig) {
  const queueNotifications = createOutbox(repos, cfg);
  const queueEvents = createEventQueue(repos);
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
      await repos.fieldTrip.trips.putNewer(trip.tripId, trip.seq, {
        ...rest,
        version: trip.seq,
        lastAction: trip.history.at(-1)?.action ?? null,
      });
    },
  };
}
