/**
 * Every query, update and signal of the fieldTrip workflow. Steps that move stock run one at a time
 * (`exclusive`) and check their rule again once it is their turn.
 */
import { setHandler } from '@temporalio/workflow';
import type { Actor } from '../../shared/common/actor';
import { notAllowed } from '../../shared/common/failures';
import * as t from '../../shared/fieldTrip/messages';
import { acts, local, move } from './activityCalls';
import { detachRequest } from './custody';
import type { TripRun } from './run';
import { applyApprove, applyDepart, checkApprove, checkDepart } from './requisition';
import {
  applyAttach,
  applyConsumption,
  applyNearby,
  checkAttach,
  checkConsumption,
  checkDetach,
  checkLeaving,
} from './tripRequests';
import {
  applyCancel,
  applyEnd,
  applyWriteOff,
  checkCancel,
  checkEnd,
  checkWriteOff,
  reconcile,
} from './reconciliation';

const CANCELLED_REQUEST: Actor = { role: 'service', id: 'service-request' };
const WAREHOUSE: Actor = { role: 'service', id: 'warehouse' };

export function registerTripHandlers(run: TripRun): void {
  const { trip, loc, ref, workflowId, input, exclusive } = run;
  setHandler(t.getTripQuery, () => trip.view);
  setHandler(t.approveRequisitionUpdate, (a, d) => (applyApprove(trip, a, d), trip.view), {
    validator: (a, d) => checkApprove(trip, a, d),
  });
  setHandler(
    t.departUpdate,
    (a) =>
      exclusive(async () => {
        checkDepart(trip, a); // again, after waiting for our turn
        for (const p of trip.view.parts.filter((x) => x.reserved > 0)) {
          const key = `${workflowId}/issue/${p.partNo}`;
          const issue = { from: loc.reserved, to: loc.van, partNo: p.partNo, quantity: p.reserved, kind: 'issue', ref };
          await move({ key, ...issue });
        }
        applyDepart(trip, a);
        return trip.view;
      }),
    { validator: (a) => checkDepart(trip, a) },
  );
  setHandler(
    t.attachRequestUpdate,
    async (a, { requestNo }) => {
      applyAttach(trip, a, requestNo);
      await acts(`link request ${requestNo}`).linkTripRequests({
        tripId: input.tripId,
        requestNos: [requestNo],
        linked: true,
      });
      return trip.view;
    },
    { validator: (a, { requestNo }) => checkAttach(trip, a, requestNo) },
  );
  setHandler(
    t.detachRequestUpdate,
    (a, { requestNo, reason }) => exclusive(() => detachRequest(run, a, requestNo, reason)),
    {
      validator: (a, { requestNo }) => checkDetach(trip, a, requestNo),
    },
  );
  // Compensation for a cancelled request, sent by its workflow; a request no longer on the trip is done.
  setHandler(t.requestCancelledSignal, ({ requestNo, reason }) =>
    exclusive(async () => {
      if (trip.view.requests.includes(requestNo)) await detachRequest(run, CANCELLED_REQUEST, requestNo, reason);
    }),
  );
  setHandler(
    t.recordConsumptionUpdate,
    (a, c) =>
      exclusive(async () => {
        checkConsumption(trip, a, c);
        const refusal = await local(`check ${c.partNo} fits the unit of ${c.requestNo}`).partRefusal({
          partNo: c.partNo,
          requestNo: c.requestNo,
        });
        if (refusal) throw notAllowed(refusal);
        applyConsumption(trip, a, c);
        const key = `${workflowId}/consume/${trip.view.consumptions.length}`;
        const consume = { from: loc.van, to: loc.consumed, partNo: c.partNo, quantity: c.quantity, kind: 'consume' };
        await move({ key, ...consume, ref: { ...ref, requestNo: c.requestNo } });
        return trip.view;
      }),
    { validator: (a, c) => checkConsumption(trip, a, c) },
  );
  setHandler(
    t.leavingRegionUpdate,
    async (a) => {
      const skills = trip.context?.engineer.skills ?? [];
      const nearby = await acts(`find open work near ${input.region}`).findNearbyWork({
        region: input.region,
        skills,
        exclude: trip.view.requests,
      });
      applyNearby(trip, a, nearby);
      return trip.view;
    },
    { validator: (a) => checkLeaving(trip, a) },
  );
  setHandler(
    t.endTripUpdate,
    (a, e) =>
      exclusive(async () => {
        checkEnd(trip, a, e);
        applyEnd(trip, a, e);
        return trip.view;
      }),
    { validator: (a, e) => checkEnd(trip, a, e) },
  );
  setHandler(
    t.writeOffUpdate,
    (a, w) =>
      exclusive(async () => {
        checkWriteOff(trip, a, w);
        applyWriteOff(trip, a, w);
        const key = `${workflowId}/write-off/${trip.view.writeOffs.length}`;
        const writeOff = {
          from: loc.van,
          to: loc.writtenOff,
          partNo: w.partNo,
          quantity: w.quantity,
          kind: 'write_off',
        };
        await move({ key, ...writeOff, ref: { ...ref, reason: w.reason } });
        reconcile(trip);
        return trip.view;
      }),
    { validator: (a, w) => checkWriteOff(trip, a, w) },
  );
  setHandler(t.partsArrivedSignal, ({ warehouseId, partNos, messageId }) => {
    if (trip.status !== 'waiting_for_stock' || warehouseId !== trip.view.warehouseId) return;
    const wanted = (trip.view.requisition.shortfall ?? []).map((s) => s.partNo);
    if (!partNos.some((p) => wanted.includes(p))) return;
    trip.arrivals++;
    trip.record(WAREHOUSE, 'parts_arrived', { warehouseId, partNos, messageId });
  });
  setHandler(t.cancelTripUpdate, (a, { reason }) => (applyCancel(trip, a, reason), trip.view), {
    validator: (a, _r) => checkCancel(trip, a),
  });
}
