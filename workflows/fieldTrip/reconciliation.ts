/**
 * The end of a trip (R-PARTS-2, R-PARTS-5): every unit carried is reconciled as consumed, returned or
 * faulty; what is missing keeps the trip open until a supervisor writes it off; a trip not yet departed
 * can be cancelled. Functions of the trip's state, no I/O.
 */
import type { Actor } from '../../shared/common/actor';
import { notAllowed } from '../../shared/common/failures';
import type { TripEnd, WriteOff } from '../../shared/fieldTrip/schemas';
import { SYSTEM } from '../common/processState';
import { BEFORE_DEPARTURE, type TripState } from './state';

export type { StartFieldTrip } from './state';

export function checkEnd(trip: TripState, actor: Actor, e: TripEnd): void {
  trip.requireEngineer(actor);
  trip.requireStatus('end', 'on_trip');
  const sum = (list: { partNo: string; quantity: number }[], partNo: string) =>
    list.filter((x) => x.partNo === partNo).reduce((s, x) => s + x.quantity, 0);
  for (const partNo of new Set([...e.returned, ...e.faulty].map((x) => x.partNo))) {
    const p = trip.part(partNo);
    const out = p ? trip.outstanding(p) : 0;
    const back = sum(e.returned, partNo) + sum(e.faulty, partNo);
    if (back > out) throw notAllowed(`${back} × ${partNo} reported back, but only ${out} were out on the trip`);
  }
  for (const f of e.faulty)
    if (!trip.view.requests.includes(f.requestNo))
      throw notAllowed(`faulty ${f.partNo}: request ${f.requestNo} is not on this trip`);
  const expected = trip.view.consumptions.filter((c) => c.oldPart === 'returned');
  const missingOld = expected.filter(
    (c) =>
      e.oldParts.filter((o) => o.requestNo === c.requestNo && o.partNo === c.partNo).length <
      expected.filter((x) => x.requestNo === c.requestNo && x.partNo === c.partNo).length,
  );
  if (missingOld.length) {
    throw notAllowed(
      `old parts to bring back for inspection are missing: ${[...new Set(missingOld.map((c) => `${c.partNo} of ${c.requestNo}`))].join(', ')}`,
    );
  }
}

export function applyEnd(trip: TripState, actor: Actor, e: TripEnd): void {
  trip.view.returns = { at: trip.now().toISOString(), returned: e.returned, faulty: e.faulty, oldParts: e.oldParts };
  trip.view.status = 'reconciling';
  trip.record(actor, 'trip_ended', { returned: e.returned, faulty: e.faulty, oldParts: e.oldParts });
  // 001 §5.6.2: the trip report goes to the supervisor when the trip ends.
  trip.notify(
    'supervisor',
    'trip_report',
    `Trip report ${trip.view.tripId} / 出差报告单`,
    `The trip ${trip.view.tripId} of ${trip.view.engineerId} in ${trip.view.region} has ended. The trip task and report sheet: /api/v1/trips/${trip.view.tripId}/documents/trip-report`,
  );
}

export function returnedToStock(trip: TripState, partNo: string, quantity: number): void {
  trip.part(partNo)!.returned += quantity;
}

export function returnedFaulty(trip: TripState, partNo: string, quantity: number): void {
  trip.part(partNo)!.faulty += quantity;
}

export function inspectionsOpened(trip: TripState, ids: string[]): void {
  trip.view.inspections.push(...ids);
  if (ids.length) trip.record(SYSTEM, 'quality_inspections_opened', { ids });
}

/** Every unit carried is consumed, back in stock, back faulty or written off; what is not keeps the trip open. */
export function reconcile(trip: TripState): void {
  trip.view.missing = trip.view.parts
    .filter((p) => trip.outstanding(p) > 0)
    .map((p) => ({ partNo: p.partNo, quantity: trip.outstanding(p) }));
  if (trip.view.missing.length === 0) {
    trip.view.status = 'closed';
    trip.record(SYSTEM, 'reconciled', { parts: trip.view.parts });
    return;
  }
  trip.record(SYSTEM, 'parts_missing', { missing: trip.view.missing });
  trip.notify(
    'supervisor',
    'parts_missing',
    `Parts missing after trip ${trip.view.tripId}`,
    `Not accounted for: ${trip.view.missing.map((m) => `${m.quantity} × ${m.partNo}`).join(', ')}. The trip stays open until they are returned or written off with a reason.`,
  );
}

export function returnOverdue(trip: TripState): void {
  trip.record(SYSTEM, 'return_overdue', { status: trip.view.status, missing: trip.view.missing });
  trip.notify(
    'supervisor',
    'return_overdue',
    `Parts of trip ${trip.view.tripId} are overdue`,
    `Trip ${trip.view.tripId} of ${trip.view.engineerId} was due back by ${trip.view.plannedEnd} plus the return grace; status ${trip.view.status}.`,
  );
  trip.notify(
    'manager',
    'return_overdue',
    `Parts of trip ${trip.view.tripId} are overdue`,
    `Escalated: the parts of trip ${trip.view.tripId} have not been reconciled.`,
  );
}

export function checkWriteOff(trip: TripState, actor: Actor, w: WriteOff): void {
  trip.requireRole(actor, 'write off parts', 'dispatcher', 'admin');
  trip.requireStatus('write off parts', 'reconciling');
  const m = trip.view.missing.find((x) => x.partNo === w.partNo);
  if (!m || w.quantity > m.quantity)
    throw notAllowed(`only ${m?.quantity ?? 0} × ${w.partNo} are missing on trip ${trip.view.tripId}`);
}

export function applyWriteOff(trip: TripState, actor: Actor, w: WriteOff): void {
  trip.part(w.partNo)!.writtenOff += w.quantity;
  trip.view.writeOffs.push({ ...w, by: actor.id, at: trip.now().toISOString() });
  trip.record(actor, 'written_off', { ...w });
}

export function checkCancel(trip: TripState, actor: Actor): void {
  trip.requireRole(actor, 'cancel a trip', 'dispatcher', 'admin');
  trip.requireStatus('be cancelled', ...BEFORE_DEPARTURE);
}

export function applyCancel(trip: TripState, actor: Actor, reason: string): void {
  trip.view.status = 'cancelled';
  trip.view.cancelReason = reason;
  trip.record(actor, 'cancelled', { reason });
  trip.notifyEngineer(
    'trip_cancelled',
    `Trip ${trip.view.tripId} cancelled`,
    `The trip was cancelled (${reason}); reserved parts go back to ${trip.view.warehouseId}.`,
  );
}
