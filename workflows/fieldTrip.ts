/**
 * fieldTrip: one workflow per engineer trip of one or more days in a region (R-VISIT-4, R-PARTS).
 * requisition → supervisor approval → reservation (waits for stock with an escalation, or partial)
 * → departure (issue to the van) → requests attached, consumption per request, nearby work before
 * leaving → trip end: every unit carried reconciled (consumed, returned, faulty) → missing units
 * keep it open until written off → closed. Cancelling before departure releases the reservation.
 */
import { ActivityFailure, type ApplicationFailure } from '@temporalio/common';
import { condition, proxyActivities, proxyLocalActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { TripStatus } from '../shared/domain';
import * as t from '../shared/tripMessages';
import { FieldTripState, locations, type StartFieldTrip } from './fieldTripState';
import { publishInOrder } from './publisher';

export type { StartFieldTrip };

const local = proxyLocalActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: ['NotFound'] },
});
// Stock moves and records must eventually succeed; each retry is a no-op once written (keyed by workflow + step).
const acts = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: ['InsufficientStock', 'BadMovement'] },
});

const FINISHED: TripStatus[] = ['closed', 'cancelled', 'rejected'];
const insufficient = (err: unknown) => err instanceof ActivityFailure && (err.cause as ApplicationFailure | undefined)?.type === 'InsufficientStock';

export async function fieldTrip(input: StartFieldTrip): Promise<{ tripId: string; status: TripStatus }> {
  const { workflowId } = workflowInfo();
  const trip = new FieldTripState(input, workflowId, () => new Date());
  const loc = locations(input);
  const ref = { tripId: input.tripId };
  const publisher = publishInOrder(() => trip.view.seq,
    () => acts.publishTripStep({ trip: trip.view, notifications: trip.takeNotifications() }));

  // ---- handlers ---------------------------------------------------------------------------
  let busy = false; // a handler is moving stock: another stock-moving step waits its turn
  const exclusive = async <T>(fn: () => Promise<T>): Promise<T> => {
    await condition(() => !busy);
    busy = true;
    try { return await fn(); } finally { busy = false; }
  };
  setHandler(t.getTripQuery, () => trip.view);
  setHandler(t.approveRequisitionUpdate, (a, d) => (trip.applyApprove(a, d), trip.view), { validator: (a, d) => trip.checkApprove(a, d) });
  setHandler(t.departUpdate, (a) => exclusive(async () => {
    trip.checkDepart(a); // again, after waiting for our turn
    for (const p of trip.view.parts.filter((x) => x.reserved > 0)) {
      await acts.transferStock({ key: `${workflowId}/issue/${p.partNo}`, from: loc.reserved, to: loc.van, partNo: p.partNo, quantity: p.reserved, kind: 'issue', ref });
    }
    trip.applyDepart(a);
    return trip.view;
  }), { validator: (a) => trip.checkDepart(a) });
  setHandler(t.attachRequestUpdate, async (a, { requestNo }) => {
    trip.applyAttach(a, requestNo);
    await acts.linkTripRequests({ tripId: input.tripId, requestNos: [requestNo], linked: true });
    return trip.view;
  }, { validator: (a, { requestNo }) => trip.checkAttach(a, requestNo) });
  setHandler(t.detachRequestUpdate, (a, { requestNo, reason }) => exclusive(async () => {
    for (const line of trip.applyDetach(a, requestNo, reason)) {
      const qty = Math.min(line.quantity, trip.part(line.partNo)!.reserved);
      if (qty > 0) {
        await acts.transferStock({ key: `${workflowId}/release/${requestNo}/${line.partNo}`, from: loc.reserved, to: loc.warehouse, partNo: line.partNo, quantity: qty, kind: 'release', ref: { ...ref, requestNo } });
      }
      trip.released(line.partNo, qty, `request ${requestNo} detached: ${reason}`);
    }
    await acts.linkTripRequests({ tripId: input.tripId, requestNos: [requestNo], linked: false });
    return trip.view;
  }), { validator: (a, { requestNo }) => trip.checkDetach(a, requestNo) });
  setHandler(t.recordConsumptionUpdate, (a, c) => exclusive(async () => {
    trip.checkConsumption(a, c);
    trip.applyConsumption(a, c);
    await acts.transferStock({ key: `${workflowId}/consume/${trip.view.consumptions.length}`, from: loc.van, to: loc.consumed, partNo: c.partNo, quantity: c.quantity, kind: 'consume', ref: { ...ref, requestNo: c.requestNo } });
    return trip.view;
  }), { validator: (a, c) => trip.checkConsumption(a, c) });
  setHandler(t.leavingRegionUpdate, async (a) => {
    const nearby = await acts.findNearbyWork({ region: input.region, skills: trip.context?.engineer.skills ?? [], exclude: trip.view.requests });
    trip.applyNearby(a, nearby);
    return trip.view;
  }, { validator: (a) => trip.checkLeaving(a) });
  setHandler(t.endTripUpdate, (a, e) => exclusive(async () => {
    trip.checkEnd(a, e);
    trip.applyEnd(a, e);
    return trip.view;
  }), { validator: (a, e) => trip.checkEnd(a, e) });
  setHandler(t.writeOffUpdate, (a, w) => exclusive(async () => {
    trip.checkWriteOff(a, w);
    trip.applyWriteOff(a, w);
    await acts.transferStock({ key: `${workflowId}/write-off/${trip.view.writeOffs.length}`, from: loc.van, to: loc.writtenOff, partNo: w.partNo, quantity: w.quantity, kind: 'write_off', ref: { ...ref, reason: w.reason } });
    trip.reconcile();
    return trip.view;
  }), { validator: (a, w) => trip.checkWriteOff(a, w) });
  setHandler(t.cancelTripUpdate, (a, { reason }) => (trip.applyCancel(a, reason), trip.view), { validator: (a, _r) => trip.checkCancel(a) });

  // ---- the trip ---------------------------------------------------------------------------
  trip.setContext(await local.loadTripContext({ engineerId: input.engineerId, region: input.region }));
  await acts.linkTripRequests({ tripId: input.tripId, requestNos: trip.view.requests, linked: true });
  const deadline = watchReturnDeadline(trip);

  await condition(() => trip.view.requisition.status !== 'awaiting_approval' || trip.status === 'cancelled');
  if (trip.view.requisition.status === 'approved' && trip.status !== 'cancelled') await exclusive(() => reserve(trip, loc, workflowId, ref));

  await condition(() => ['on_trip', 'cancelled', 'rejected'].includes(trip.status));
  if (trip.status === 'cancelled') {
    await exclusive(async () => { // compensation: the reservation goes back to the warehouse
      for (const p of trip.view.parts.filter((x) => x.reserved > 0)) {
        await acts.transferStock({ key: `${workflowId}/release/${p.partNo}`, from: loc.reserved, to: loc.warehouse, partNo: p.partNo, quantity: p.reserved, kind: 'release', ref });
        trip.released(p.partNo, p.reserved, 'trip cancelled');
      }
    });
  }
  if (trip.status === 'on_trip' || trip.status === 'reconciling') {
    await condition(() => trip.status === 'reconciling');
    await exclusive(() => processReturns(trip, loc, workflowId, input.tripId));
    trip.reconcile();
  }

  await condition(() => FINISHED.includes(trip.status));
  await acts.linkTripRequests({ tripId: input.tripId, requestNos: trip.view.requests, linked: false });
  await deadline;
  await publisher.drain();
  return { tripId: input.tripId, status: trip.status };
}

/** R-PARTS-4: reserve what was approved; what stock cannot meet waits (retried, escalated once) or is issued in part. */
async function reserve(trip: FieldTripState, loc: ReturnType<typeof locations>, workflowId: string, ref: Record<string, unknown>): Promise<void> {
  const partial = trip.view.requisition.mode === 'partial';
  const since = Date.now();
  let escalated = false;
  for (;;) {
    const shortfall: { partNo: string; missing: number }[] = [];
    for (const p of trip.view.parts) {
      const need = p.requested - p.reserved;
      if (need <= 0) continue;
      try {
        const moved = await acts.transferStock({ key: `${workflowId}/reserve/${p.partNo}/${p.reserved}`, from: loc.warehouse, to: loc.reserved, partNo: p.partNo, quantity: need, kind: 'reserve', partial, ref });
        if (moved > 0) trip.reserved(p.partNo, moved);
        if (moved < need) shortfall.push({ partNo: p.partNo, missing: need - moved });
      } catch (err) {
        if (!insufficient(err)) throw err;
        shortfall.push({ partNo: p.partNo, missing: need });
      }
    }
    if (partial || shortfall.length === 0 || trip.status === 'cancelled') {
      if (trip.status !== 'cancelled') trip.allReserved(partial);
      return;
    }
    trip.waitingForStock(shortfall);
    const ctx = trip.context!;
    if (!escalated && Date.now() - since >= ctx.stockEscalationMs) {
      trip.stockEscalated();
      escalated = true;
    }
    if (await condition(() => trip.status === 'cancelled', ctx.stockRetryMs)) return;
  }
}

/** R-PARTS-2/5: returned units back to stock, faulty ones and removed old parts to quality inspection. */
async function processReturns(trip: FieldTripState, loc: ReturnType<typeof locations>, workflowId: string, tripId: string): Promise<void> {
  const r = trip.view.returns!;
  const ref = { tripId };
  for (const x of r.returned) {
    await acts.transferStock({ key: `${workflowId}/return/${x.partNo}`, from: loc.van, to: loc.warehouse, partNo: x.partNo, quantity: x.quantity, kind: 'return', ref });
    trip.returnedToStock(x.partNo, x.quantity);
  }
  const inspections: { id: string; tripId: string; requestNo: string; partNo: string; symptom: string; origin: string }[] = [];
  let n = 0;
  for (const f of r.faulty) {
    await acts.transferStock({ key: `${workflowId}/faulty/${n + 1}`, from: loc.van, to: loc.quality, partNo: f.partNo, quantity: f.quantity, kind: 'faulty', ref: { ...ref, requestNo: f.requestNo, symptom: f.symptom } });
    trip.returnedFaulty(f.partNo, f.quantity);
    inspections.push({ id: `${tripId}-I${++n}`, tripId, requestNo: f.requestNo, partNo: f.partNo, symptom: f.symptom, origin: 'unused_faulty' });
  }
  for (const o of r.oldParts) {
    await acts.transferStock({ key: `${workflowId}/old-part/${n + 1}`, from: loc.customer, to: loc.quality, partNo: o.partNo, quantity: 1, kind: 'old_part', ref: { ...ref, requestNo: o.requestNo, symptom: o.symptom } });
    inspections.push({ id: `${tripId}-I${++n}`, tripId, requestNo: o.requestNo, partNo: o.partNo, symptom: o.symptom, origin: 'removed_from_unit' });
  }
  if (inspections.length) await acts.openQualityInspections(inspections);
  trip.inspectionsOpened(inspections.map((i) => i.id));
}

/** R-PARTS-2: parts are due back a grace period after the planned end; a missed deadline escalates. */
async function watchReturnDeadline(trip: FieldTripState): Promise<void> {
  const due = Date.parse(trip.view.plannedEnd) + (trip.context?.returnGraceMs ?? 24 * 3_600_000);
  const settled = () => FINISHED.includes(trip.status);
  if (await condition(settled, Math.max(1, due - Date.now()))) return;
  if (trip.status === 'on_trip' || trip.status === 'reconciling') trip.returnOverdue();
  await condition(settled);
}
