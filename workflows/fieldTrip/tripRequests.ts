/**
 * The requests a trip serves (R-VISIT-2, R-VISIT-4, R-PARTS-3): attaching and detaching them, parts
 * consumed on each, and the nearby open work shown before the engineer leaves the region.
 */
import type { Actor } from '../../shared/common/actor';
import { notAllowed } from '../../shared/common/failures';
import type { Consumption } from '../../shared/fieldTrip/schemas';
import type { NearbyWork, TripLine } from '../../shared/fieldTrip/types';
import { SYSTEM } from '../common/processState';
import { BEFORE_DEPARTURE, type TripState } from './state';

export function checkAttach(trip: TripState, actor: Actor, requestNo: string): void {
  if (actor.role !== 'engineer') trip.requireRole(actor, 'attach a request to a trip', 'dispatcher', 'admin');
  else trip.requireEngineer(actor);
  trip.requireStatus('take on requests', ...BEFORE_DEPARTURE, 'on_trip');
  if (trip.view.requests.includes(requestNo))
    throw notAllowed(`request ${requestNo} is already on trip ${trip.view.tripId}`);
}

export function applyAttach(trip: TripState, actor: Actor, requestNo: string): void {
  trip.view.requests.push(requestNo);
  if (trip.view.nearby) trip.view.nearby = trip.view.nearby.filter((n) => n.requestNo !== requestNo);
  trip.record(actor, 'request_attached', { requestNo });
  if (actor.role !== 'engineer')
    trip.notifyEngineer(
      'request_attached',
      `Request ${requestNo} added to your trip`,
      `Request ${requestNo} was added to trip ${trip.view.tripId} in ${trip.view.region}.`,
    );
}

export function checkDetach(trip: TripState, actor: Actor, requestNo: string): void {
  trip.requireRole(actor, 'detach a request from a trip', 'dispatcher', 'admin', 'service', 'agent');
  if (!trip.view.requests.includes(requestNo))
    throw notAllowed(`request ${requestNo} is not on trip ${trip.view.tripId}`);
}

export function applyDetach(trip: TripState, actor: Actor, requestNo: string, reason: string): TripLine[] {
  trip.view.requests = trip.view.requests.filter((r) => r !== requestNo);
  trip.record(actor, 'request_detached', { requestNo, reason });
  // Before departure, the parts reserved for it go back to the warehouse (compensation).
  return BEFORE_DEPARTURE.includes(trip.status) ? trip.view.lines.filter((l) => l.requestNo === requestNo) : [];
}

export function released(trip: TripState, partNo: string, quantity: number, why: string): void {
  const p = trip.part(partNo)!;
  p.reserved -= quantity;
  p.requested -= Math.min(p.requested, quantity);
  trip.record(SYSTEM, 'reservation_released', { partNo, quantity, why });
}

export function checkConsumption(trip: TripState, actor: Actor, c: Consumption): void {
  trip.requireEngineer(actor);
  trip.requireStatus('record consumption', 'on_trip');
  if (!trip.view.requests.includes(c.requestNo))
    throw notAllowed(`request ${c.requestNo} is not on trip ${trip.view.tripId}; attach it first`);
  const p = trip.part(c.partNo);
  const left = p ? trip.outstanding(p) : 0;
  if (c.quantity > left) throw notAllowed(`only ${left} × ${c.partNo} left on the trip, ${c.quantity} reported`);
}

export function applyConsumption(trip: TripState, actor: Actor, c: Consumption): void {
  trip.part(c.partNo)!.consumed += c.quantity;
  trip.view.consumptions.push({ ...c, at: trip.now().toISOString() });
  if (c.oldPart === 'kept_by_customer') trip.view.customerKept.push({ requestNo: c.requestNo, partNo: c.partNo });
  trip.record(actor, 'consumed', { ...c });
}

export function checkLeaving(trip: TripState, actor: Actor): void {
  trip.requireEngineer(actor);
  trip.requireStatus('leave the region', 'on_trip');
}

export function applyNearby(trip: TripState, actor: Actor, nearby: NearbyWork[]): void {
  trip.view.nearby = nearby;
  trip.record(actor, 'leaving_region', { nearby: nearby.map((n) => n.requestNo) });
  trip.notify(
    'supervisor',
    'nearby_work',
    `${trip.context?.engineer.name ?? trip.view.engineerId} is about to leave ${trip.view.region}`,
    nearby.length
      ? `Open requests nearby that match the engineer's skills: ${nearby.map((n) => `${n.requestNo} (${n.productLine}, ${n.urgency})`).join(', ')}. Attach any to trip ${trip.view.tripId} now.`
      : `No other open requests nearby match the engineer's skills.`,
  );
}
