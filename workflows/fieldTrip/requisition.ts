/**
 * The parts requisition of a trip (R-PARTS-1, R-PARTS-4): approval by a supervisor, reservation from the
 * warehouse (or waiting for stock), and departure with the reserved parts in the van. Validators are
 * `check*`, handlers `apply*`; the stock moves themselves are the workflow's activities, reported here.
 */
import type { Actor } from '../../shared/common/actor';
import { notAllowed } from '../../shared/common/failures';
import type { TripApproval } from '../../shared/fieldTrip/schemas';
import { SYSTEM } from '../common/processState';
import type { TripState } from './state';

export function checkApprove(trip: TripState, actor: Actor, _a: TripApproval): void {
  trip.requireRole(actor, 'approve a parts requisition', 'dispatcher', 'admin');
  if (trip.view.requisition.status !== 'awaiting_approval')
    throw notAllowed(`the requisition is already ${trip.view.requisition.status}`);
}

export function applyApprove(trip: TripState, actor: Actor, a: TripApproval): void {
  trip.view.requisition = {
    status: a.approve ? 'approved' : 'rejected',
    mode: a.mode,
    decidedBy: actor.id,
    ...(a.reason ? { reason: a.reason } : {}),
  };
  if (!a.approve) trip.view.status = 'rejected';
  trip.record(actor, a.approve ? 'requisition_approved' : 'requisition_rejected', {
    mode: a.mode,
    ...(a.reason ? { reason: a.reason } : {}),
  });
  if (!a.approve)
    trip.notifyEngineer(
      'requisition_rejected',
      `Requisition for trip ${trip.view.tripId} rejected`,
      a.reason ?? 'No reason given.',
    );
}

export function reserved(trip: TripState, partNo: string, quantity: number): void {
  const p = trip.part(partNo)!;
  p.reserved += quantity;
  trip.record(SYSTEM, 'reserved', { partNo, quantity, from: trip.view.warehouseId });
}

export function waitingForStock(trip: TripState, shortfall: { partNo: string; missing: number }[]): void {
  trip.view.status = 'waiting_for_stock';
  trip.view.requisition.shortfall = shortfall;
  trip.record(SYSTEM, 'waiting_for_stock', { shortfall });
}

export function stockEscalated(trip: TripState): void {
  trip.record(SYSTEM, 'stock_wait_escalated', { shortfall: trip.view.requisition.shortfall });
  trip.notify(
    'supervisor',
    'stock_wait',
    `Trip ${trip.view.tripId} still waits for parts`,
    `Not in stock at ${trip.view.warehouseId}: ${(trip.view.requisition.shortfall ?? []).map((s) => `${s.missing} × ${s.partNo}`).join(', ')}. Order them, or approve a partial issue by cancelling and re-requesting.`,
  );
}

export function allReserved(trip: TripState, partial: boolean): void {
  const shortfall = trip.view.parts
    .filter((p) => p.reserved < p.requested)
    .map((p) => ({ partNo: p.partNo, missing: p.requested - p.reserved }));
  trip.view.requisition.shortfall = shortfall;
  trip.view.status = 'reserved';
  trip.record(SYSTEM, 'parts_reserved', { partial, shortfall });
  trip.notifyEngineer(
    'parts_ready',
    `Parts for trip ${trip.view.tripId} are ready`,
    `Collect at ${trip.view.warehouseId}: ${trip.view.parts
      .filter((p) => p.reserved > 0)
      .map((p) => `${p.reserved} × ${p.partNo}`)
      .join(
        ', ',
      )}${shortfall.length ? `. Not available: ${shortfall.map((s) => `${s.missing} × ${s.partNo}`).join(', ')}` : ''}.`,
  );
}

export function checkDepart(trip: TripState, actor: Actor): void {
  trip.requireEngineer(actor);
  trip.requireStatus('depart', 'reserved');
}

export function applyDepart(trip: TripState, actor: Actor): void {
  for (const p of trip.view.parts) p.carried = p.reserved;
  trip.view.status = 'on_trip';
  trip.record(actor, 'departed', {
    carried: trip.view.parts.map((p) => ({ partNo: p.partNo, quantity: p.carried })),
    tools: trip.view.tools,
  });
}
