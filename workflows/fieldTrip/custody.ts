/**
 * Parts custody on a trip (R-PARTS-1..5): reservation (waiting for stock or in part), release of what a
 * detached or cancelled request no longer needs, returns to stock and to quality inspection, and the
 * return deadline. Every stock move is keyed by workflow + step, so a retried activity moves nothing twice.
 */
import { ActivityFailure, type ApplicationFailure } from '@temporalio/common';
import { condition } from '@temporalio/workflow';
import type { Actor } from '../../shared/common/actor';
import type { TripLocations } from '../../shared/fieldTrip/ids';
import type { TripStatus, TripView } from '../../shared/fieldTrip/types';
import { acts, move } from './activityCalls';
import type { TripRun } from './run';
import type { TripState } from './state';
import { applyDetach, released } from './tripRequests';
import { allReserved, reserved, stockEscalated, waitingForStock } from './requisition';
import { inspectionsOpened, returnOverdue, returnedFaulty, returnedToStock } from './reconciliation';

export const FINISHED: TripStatus[] = ['closed', 'cancelled', 'rejected'];
const insufficient = (err: unknown) =>
  err instanceof ActivityFailure && (err.cause as ApplicationFailure | undefined)?.type === 'InsufficientStock';

/** A request leaves the trip; before departure, the parts reserved for it go back to the warehouse. */
export async function detachRequest(run: TripRun, a: Actor, requestNo: string, reason: string): Promise<TripView> {
  const { trip, loc, ref, workflowId, input } = run;
  for (const line of applyDetach(trip, a, requestNo, reason)) {
    const qty = Math.min(line.quantity, trip.part(line.partNo)!.reserved);
    if (qty > 0) {
      await move({
        key: `${workflowId}/release/${requestNo}/${line.partNo}`,
        from: loc.reserved,
        to: loc.warehouse,
        partNo: line.partNo,
        quantity: qty,
        kind: 'release',
        ref: { ...ref, requestNo },
      });
    }
    released(trip, line.partNo, qty, `request ${requestNo} detached: ${reason}`);
  }
  await acts(`unlink request ${requestNo}`).linkTripRequests({
    tripId: input.tripId,
    requestNos: [requestNo],
    linked: false,
  });
  return trip.view;
}

/** R-PARTS-4: reserve what was approved; what stock cannot meet waits (retried, escalated once) or is issued in part. */
export async function reserve(
  trip: TripState,
  loc: TripLocations,
  workflowId: string,
  ref: Record<string, unknown>,
): Promise<void> {
  const partial = trip.view.requisition.mode === 'partial';
  const since = Date.now();
  let escalated = false;
  for (;;) {
    const shortfall: { partNo: string; missing: number }[] = [];
    for (const p of trip.view.parts) {
      const need = p.requested - p.reserved;
      if (need <= 0) continue;
      try {
        const moved = await move({
          key: `${workflowId}/reserve/${p.partNo}/${p.reserved}`,
          from: loc.warehouse,
          to: loc.reserved,
          partNo: p.partNo,
          quantity: need,
          kind: 'reserve',
          partial,
          ref,
        });
        if (moved > 0) reserved(trip, p.partNo, moved);
        if (moved < need) shortfall.push({ partNo: p.partNo, missing: need - moved });
      } catch (err) {
        if (!insufficient(err)) throw err;
        shortfall.push({ partNo: p.partNo, missing: need });
      }
    }
    if (partial || shortfall.length === 0 || trip.status === 'cancelled') {
      if (trip.status !== 'cancelled') allReserved(trip, partial);
      return;
    }
    waitingForStock(trip, shortfall);
    const ctx = trip.context!;
    if (!escalated && Date.now() - since >= ctx.stockEscalationMs) {
      stockEscalated(trip);
      escalated = true;
    }
    const summary = `retry reserving ${shortfall.map((s) => `${s.missing} × ${s.partNo}`).join(', ')}`;
    // Tried again hourly, or at once when the warehouse reports that parts arrived.
    const arrivals = trip.arrivals;
    const cancelled = () => trip.status === 'cancelled';
    if (
      (await condition(() => cancelled() || trip.arrivals > arrivals, ctx.stockRetryMs, { summary })) &&
      cancelled()
    ) {
      return;
    }
  }
}

/** R-PARTS-2/5: returned units back to stock, faulty ones and removed old parts to quality inspection. */
export async function processReturns(
  trip: TripState,
  loc: TripLocations,
  workflowId: string,
  tripId: string,
): Promise<void> {
  const r = trip.view.returns!;
  const ref = { tripId };
  for (const x of r.returned) {
    await move({
      key: `${workflowId}/return/${x.partNo}`,
      from: loc.van,
      to: loc.warehouse,
      partNo: x.partNo,
      quantity: x.quantity,
      kind: 'return',
      ref,
    });
    returnedToStock(trip, x.partNo, x.quantity);
  }
  const inspections: {
    id: string;
    tripId: string;
    requestNo: string;
    partNo: string;
    symptom: string;
    origin: string;
  }[] = [];
  let n = 0;
  for (const f of r.faulty) {
    await move({
      key: `${workflowId}/faulty/${n + 1}`,
      from: loc.van,
      to: loc.quality,
      partNo: f.partNo,
      quantity: f.quantity,
      kind: 'faulty',
      ref: { ...ref, requestNo: f.requestNo, symptom: f.symptom },
    });
    returnedFaulty(trip, f.partNo, f.quantity);
    inspections.push({
      id: `${tripId}-I${++n}`,
      tripId,
      requestNo: f.requestNo,
      partNo: f.partNo,
      symptom: f.symptom,
      origin: 'unused_faulty',
    });
  }
  for (const o of r.oldParts) {
    await move({
      key: `${workflowId}/old-part/${n + 1}`,
      from: loc.customer,
      to: loc.quality,
      partNo: o.partNo,
      quantity: 1,
      kind: 'old_part',
      ref: { ...ref, requestNo: o.requestNo, symptom: o.symptom },
    });
    inspections.push({
      id: `${tripId}-I${++n}`,
      tripId,
      requestNo: o.requestNo,
      partNo: o.partNo,
      symptom: o.symptom,
      origin: 'removed_from_unit',
    });
  }
  if (inspections.length)
    await acts(`open ${inspections.length} quality inspections`).openQualityInspections(inspections);
  inspectionsOpened(
    trip,
    inspections.map((i) => i.id),
  );
}

/** R-PARTS-2: parts are due back a grace period after the planned end; a missed deadline escalates. */
export async function watchReturnDeadline(trip: TripState): Promise<void> {
  const due = Date.parse(trip.view.plannedEnd) + (trip.context?.returnGraceMs ?? 24 * 3_600_000);
  const settled = () => FINISHED.includes(trip.status);
  if (await condition(settled, Math.max(1, due - Date.now()), { summary: 'parts due back at the warehouse' })) return;
  if (trip.status === 'on_trip' || trip.status === 'reconciling') returnOverdue(trip);
  await condition(settled);
}
