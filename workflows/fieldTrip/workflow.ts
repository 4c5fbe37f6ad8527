/**
 * fieldTrip: one workflow per engineer trip of one or more days in a region (R-VISIT-4, R-PARTS).
 * requisition → supervisor approval → reservation (waits for stock with an escalation, or partial)
 * → departure (issue to the van) → requests attached, consumption per request, nearby work before
 * leaving → trip end: every unit carried reconciled (consumed, returned, faulty) → missing units
 * keep it open until written off → closed. Cancelling before departure releases the reservation.
 */
import { condition, setCurrentDetails, workflowInfo } from '@temporalio/workflow';
import { TRIP_EVENT_TYPES, type TripStatus } from '../../shared/fieldTrip/types';
import { eventsOf } from '../../shared/serviceRequest/events';
import { publishInOrder } from '../common/publisher';
import { acts, local, move } from './activityCalls';
import { FINISHED, processReturns, reserve, watchReturnDeadline } from './custody';
import { registerTripHandlers } from './handlers';
import { tripDetailsOf, tripRun } from './run';
import { TripState, type StartFieldTrip } from './state';
import { released } from './tripRequests';
import { reconcile } from './reconciliation';

export type { StartFieldTrip };

export async function fieldTrip(input: StartFieldTrip): Promise<{ tripId: string; status: TripStatus }> {
  const { workflowId } = workflowInfo();
  const trip = new TripState(input, workflowId, () => new Date());
  const run = tripRun(trip, input, workflowId);
  const { loc, ref, exclusive } = run;
  const publisher = publishInOrder(
    () => trip.view.seq,
    (since) => {
      setCurrentDetails(tripDetailsOf(trip.view));
      return acts(`publish trip step ${trip.view.seq}: ${trip.status}`).publishTripStep({
        trip: trip.view,
        notifications: trip.takeNotifications(),
        events: eventsOf(
          trip.view.history.filter((e) => e.seq > since),
          TRIP_EVENT_TYPES,
        ),
      });
    },
  );
  registerTripHandlers(run);

  trip.setContext(
    await local(`load engineer ${input.engineerId} and region ${input.region}`).loadTripContext({
      engineerId: input.engineerId,
      region: input.region,
    }),
  );
  await acts('link the requests on the trip').linkTripRequests({
    tripId: input.tripId,
    requestNos: trip.view.requests,
    linked: true,
  });
  const deadline = watchReturnDeadline(trip);

  await condition(() => trip.view.requisition.status !== 'awaiting_approval' || trip.status === 'cancelled');
  if (trip.view.requisition.status === 'approved' && trip.status !== 'cancelled') {
    await exclusive(() => reserve(trip, loc, workflowId, ref));
  }

  await condition(() => ['on_trip', 'cancelled', 'rejected'].includes(trip.status));
  if (trip.status === 'cancelled') {
    // Compensation: the reservation goes back to the warehouse.
    await exclusive(async () => {
      for (const p of trip.view.parts.filter((x) => x.reserved > 0)) {
        const release = { from: loc.reserved, to: loc.warehouse, partNo: p.partNo, quantity: p.reserved };
        await move({ key: `${workflowId}/release/${p.partNo}`, ...release, kind: 'release', ref });
        released(trip, p.partNo, p.reserved, 'trip cancelled');
      }
    });
  }
  if (trip.status === 'on_trip' || trip.status === 'reconciling') {
    await condition(() => trip.status === 'reconciling');
    await exclusive(() => processReturns(trip, loc, workflowId, input.tripId));
    reconcile(trip);
  }

  await condition(() => FINISHED.includes(trip.status));
  await acts('unlink the requests of the finished trip').linkTripRequests({
    tripId: input.tripId,
    requestNos: trip.view.requests,
    linked: false,
  });
  await deadline;
  await publisher.drain();
  return { tripId: input.tripId, status: trip.status };
}
