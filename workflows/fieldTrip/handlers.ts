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

const CANCELLED_REQUEST: Actor = { role: 'service', id: 'service-request' };
const WAREHOUSE: Actor = { role: 'service', id: 'warehouse' };

export function registerTripHandlers(run: TripRun): void {
  const { trip, loc, ref, workflowId, input, exclusive } = run;
  setHandler(t.getTripQuery, () => trip.view);
  setHandler(t.approveRequisitionUpdate, (a, d) => (trip.applyApprove(a, d), trip.view), {
    validator: (a, d) => trip.checkApprove(a, d),
  });
  setHandler(
    t.departUpdate,
    (a) =>
      exclusive(async () => {
        trip.checkDepart(a); // again, after waiting for our turn
        for (const p of trip.view.parts.filter((x) => x.reserved > 0)) {
          const key = `${workflowId}/issue/${p.partNo}`;
          const issue = { from: loc.reserved, to: loc.van, partNo: p.partNo, quantity: p.reserved, kind: 'issue', ref };
          await move({ key, ...issue });
        }
        trip.applyDepart(a);
        return trip.view;
      }),
    { validator: (a) => trip.checkDepart(a) },
  );
  setHandler(
    t.attachRequestUpdate,
    async (a, { requestNo }) => {
      trip.applyAttach(a, requestNo);
      await acts(`link request ${requestNo}`).linkTripRequests({
        tripId: input.tripId,
        requestNos: [requestNo],
        linked: true,
      });
      return trip.view;
    },
    { validator: (a, { requestNo }) => trip.checkAttach(a, requestNo) },
  );
  setHandler(
    t.detachRequestUpdate,
    (a, { requestNo, reason }) => exclusive(() => detachRequest(run, a, requestNo, reason)),
    {
      validator: (a, { requestNo }) => trip.checkDetach(a, requestNo),
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
        trip.checkConsumption(a, c);
        const refusal = await local(`check ${c.partNo} fits the unit of ${c.requestNo}`).partRefusal({
          partNo: c.partNo,
          requestNo: c.requestNo,
        });
        if (refusal) throw notAllowed(refusal);
        trip.applyConsumption(a, c);
        const key = `${workflowId}/consume/${trip.view.consumptions.length}`;
        const consume = { from: loc.van, to: loc.consumed, partNo: c.partNo, quantity: c.quantity, kind: 'consume' };
        await move({ key, ...consume, ref: { ...ref, requestNo: c.requestNo } });
        return trip.view;
      }),
    { validator: (a, c) => trip.checkConsumption(a, c) },
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
      trip.applyNearby(a, nearby);
      return trip.view;
    },
    { validator: (a) => trip.checkLeaving(a) },
  );
  setHandler(
    t.endTripUpdate,
    (a, e) =>
      exclusive(async () => {
        trip.checkEnd(a, e);
        trip.applyEnd(a, e);
        return trip.view;
      }),
    { validator: (a, e) => trip.checkEnd(a, e) },
  );
  setHandler(
    t.writeOffUpdate,
    (a, w) =>
      exclusive(async () => {
        trip.checkWriteOff(a, w);
        trip.applyWriteOff(a, w);
        const key = `${workflowId}/write-off/${trip.view.writeOffs.length}`;
        const writeOff = {
          from: loc.van,
          to: loc.writtenOff,
          partNo: w.partNo,
          quantity: w.quantity,
          kind: 'write_off',
        };
        await move({ key, ...writeOff, ref: { ...ref, reason: w.reason } });
        trip.reconcile();
        return trip.view;
      }),
    { validator: (a, w) => trip.checkWriteOff(a, w) },
  );
  setHandler(t.partsArrivedSignal, ({ warehouseId, partNos, messageId }) => {
    if (trip.status !== 'waiting_for_stock' || warehouseId !== trip.view.warehouseId) return;
    const wanted = (trip.view.requisition.shortfall ?? []).map((s) => s.partNo);
    if (!partNos.some((p) => wanted.includes(p))) return;
    trip.arrivals++;
    trip.record(WAREHOUSE, 'parts_arrived', { warehouseId, partNos, messageId });
  });
  setHandler(t.cancelTripUpdate, (a, { reason }) => (trip.applyCancel(a, reason), trip.view), {
    validator: (a, _r) => trip.checkCancel(a),
  });
}
