/**
 * Field trips and parts custody over HTTP (R-PARTS, R-VISIT-2, R-VISIT-4): plan a trip with its
 * requisition, approve, depart, attach requests, report consumption, see nearby work, end and
 * reconcile, write off; stock balances and quality inspections.
 */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { Caller } from '../shared/auth';
import type { Config } from '../shared/config';
import type { Actor, TripView } from '../shared/domain';
import { isDuplicateKey, type Models } from '../shared/models';
import * as s from '../shared/schemas';
import * as t from '../shared/tripMessages';
import type { fieldTrip } from '../workflows';
import { StockLedger } from '../activities/stock';
import { HttpError, route, updateRejection, type Route } from './http';

export const tripWorkflowId = (tripId: string) => `field-trip:${tripId}`;
const SUPERVISORS = ['dispatcher', 'admin'] as const;

export function tripRoutes(deps: { client: Client; models: Models; config: Config }): Route<any>[] {
  const { client, models, config } = deps;
  const ledger = new StockLedger(models);
  const handleOf = (tripId: string) => client.workflow.getHandle(tripWorkflowId(tripId));
  const actor = (c: Caller): Actor => ({ role: c.role, id: c.id });

  async function update<A extends [Actor, ...unknown[]]>(tripId: string, def: UpdateDefinition<TripView, A>, ...args: A): Promise<TripView> {
    try {
      return await handleOf(tripId).executeUpdate(def, { args });
    } catch (err) {
      const refused = updateRejection(err);
      if (refused) throw refused;
      if (err instanceof WorkflowNotFoundError) {
        throw (await models.Trip.exists({ _id: tripId })) ? new HttpError(409, `trip ${tripId} is already finished`) : new HttpError(404, `trip ${tripId} not found`);
      }
      throw err;
    }
  }

  async function tripOf(caller: Caller, tripId: string): Promise<TripView> {
    let view: TripView;
    try {
      view = await handleOf(tripId).query(t.getTripQuery);
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
      const doc = await models.Trip.findById(tripId).lean();
      if (!doc) throw new HttpError(404, `trip ${tripId} not found`);
      view = doc as unknown as TripView;
    }
    if (caller.role === 'engineer' && view.engineerId !== caller.id) throw new HttpError(403, `trip ${tripId} belongs to another engineer`);
    return view;
  }

  /** R-PARTS-3: only genuine parts, and a part for a request must fit its unit's model. */
  async function checkParts(lines: { partNo: string; requestNo?: string }[]): Promise<void> {
    const partNos = [...new Set(lines.map((l) => l.partNo))];
    const parts = new Map((await models.Part.find({ _id: { $in: partNos } }).lean()).map((p) => [p.partNo, p]));
    for (const l of lines) {
      const part = parts.get(l.partNo);
      if (!part) throw new HttpError(400, `body.lines: no part ${l.partNo}`);
      if (part.genuine === false) throw new HttpError(409, `part ${l.partNo} is not a genuine or certified part`);
      if (!l.requestNo) continue;
      const req = await models.ServiceRequest.findById(l.requestNo, { serialNumber: 1 }).lean();
      if (!req) throw new HttpError(400, `body.lines: no request ${l.requestNo}`);
      const unit = await models.Unit.findById(req.serialNumber, { model: 1 }).lean();
      if (unit && !(part.fitsModels ?? []).includes(unit.model)) {
        throw new HttpError(409, `part ${l.partNo} does not fit ${unit.model} (unit ${req.serialNumber} of ${l.requestNo}); it fits ${(part.fitsModels ?? []).join(', ') || 'no model'}`);
      }
    }
  }

  async function checkRequests(requestNos: string[], region: string): Promise<void> {
    for (const no of requestNos) {
      const r = await models.ServiceRequest.findById(no, { region: 1 }).lean();
      if (!r) throw new HttpError(400, `no request ${no}`);
      if (r.region !== region) throw new HttpError(409, `request ${no} is in region ${r.region}, the trip goes to ${region}`);
    }
  }

  const step = <B>(path: string, summary: string, roles: Route['roles'], body: Route<B>['body'], run: (tripId: string, a: Actor, b: B) => Promise<TripView>): Route<B> =>
    route<B>({ method: 'post', path, summary, roles, body, params: s.tripIdParamSchema, handler: ({ caller, params, body: b }) => run(params.tripId, actor(caller), b) });

  return [
    route<s.TripInput>({
      method: 'post', path: '/trips', summary: 'Plan a field trip with its parts requisition and trip sheet', roles: ['engineer', ...SUPERVISORS], body: s.tripSchema, success: 201,
      handler: async ({ caller, body }) => {
        const engineerId = caller.role === 'engineer' ? caller.id : body.engineerId;
        if (!engineerId) throw new HttpError(400, 'body.engineerId: required when a dispatcher plans the trip');
        if (caller.role === 'engineer' && body.engineerId && body.engineerId !== caller.id) throw new HttpError(403, 'engineers plan only their own trips');
        if (Date.parse(body.plannedEnd) <= Date.parse(body.plannedStart)) throw new HttpError(400, 'body.plannedEnd: must be after plannedStart');
        const [engineer, warehouse] = await Promise.all([models.Engineer.findById(engineerId).lean(), models.Warehouse.findById(body.warehouseId).lean()]);
        if (!engineer?.active) throw new HttpError(400, `body.engineerId: no active engineer ${engineerId}`);
        if (!warehouse) throw new HttpError(400, `body.warehouseId: no warehouse ${body.warehouseId}`);
        if (!(engineer.regions ?? []).includes(body.region)) throw new HttpError(409, `engineer ${engineerId} does not serve region ${body.region}`);
        await checkParts(body.lines);
        await checkRequests([...new Set([...body.requestNos, ...body.lines.flatMap((l) => (l.requestNo ? [l.requestNo] : []))])], body.region);
        const tripId = `TRIP-${body.plannedStart.slice(0, 10).replace(/-/g, '')}-${Math.random().toString(36).slice(2, 8).toUpperCase().padEnd(6, '0')}`;
        await client.workflow.start<typeof fieldTrip>('fieldTrip', {
          taskQueue: config.taskQueue, workflowId: tripWorkflowId(tripId), workflowIdConflictPolicy: 'FAIL',
          args: [{ tripId, engineerId, region: body.region, warehouseId: body.warehouseId, plannedStart: body.plannedStart, plannedEnd: body.plannedEnd,
            tools: body.tools, lines: body.lines, requestNos: body.requestNos, requestedBy: actor(caller) }],
        });
        return { tripId, workflowId: tripWorkflowId(tripId), status: 'awaiting_approval' };
      },
    }),
    route({
      method: 'get', path: '/trips/:tripId', summary: 'Get a trip: trip sheet (parts, tools, requests), custody of every part, history', roles: ['engineer', 'agent', 'service', ...SUPERVISORS],
      params: s.tripIdParamSchema, handler: ({ caller, params }) => tripOf(caller, params.tripId),
    }),
    step('/trips/:tripId/approve', 'Approve or reject the parts requisition (wait for stock or issue in part)', [...SUPERVISORS], s.tripApprovalSchema,
      (id, a, b) => update(id, t.approveRequisitionUpdate, a, b)),
    step('/trips/:tripId/depart', 'Depart: the reserved parts are issued to the van', ['engineer', 'admin'], undefined,
      (id, a) => update(id, t.departUpdate, a)),
    step('/trips/:tripId/requests', 'Attach a request to the trip', ['engineer', ...SUPERVISORS], s.tripAttachSchema,
      async (id, a, b) => {
        const trip = await handleOf(id).query(t.getTripQuery).catch(() => null);
        if (trip) await checkRequests([b.requestNo], trip.region);
        return update(id, t.attachRequestUpdate, a, b);
      }),
    step('/trips/:tripId/consumption', 'Report parts consumed on a request', ['engineer'], s.consumptionSchema,
      async (id, a, b) => {
        await checkParts([{ partNo: b.partNo, requestNo: b.requestNo }]);
        return update(id, t.recordConsumptionUpdate, a, b);
      }),
    step('/trips/:tripId/leaving-region', 'About to leave the region: show the supervisor other open work nearby', ['engineer'], undefined,
      (id, a) => update(id, t.leavingRegionUpdate, a)),
    step('/trips/:tripId/end', 'End the trip: report returned, faulty and removed old parts', ['engineer'], s.tripEndSchema,
      (id, a, b) => update(id, t.endTripUpdate, a, b)),
    step('/trips/:tripId/write-off', 'Write off missing parts with a reason', [...SUPERVISORS], s.writeOffSchema,
      (id, a, b) => update(id, t.writeOffUpdate, a, b)),
    step('/trips/:tripId/cancel', 'Cancel a trip before departure (its reservation is released)', [...SUPERVISORS], s.reasonSchema,
      (id, a, b) => update(id, t.cancelTripUpdate, a, b)),
    route({
      method: 'get', path: '/stock', summary: 'Stock balances per location and part (from the ledger)', roles: ['agent', 'service', 'engineer', ...SUPERVISORS],
      query: s.stockQuerySchema,
      handler: async ({ query }) => {
        const q = query as ReturnType<typeof s.stockQuerySchema.parse>;
        const filter: Record<string, unknown> = {};
        if (q.location) filter.location = q.location;
        if (q.partNo) filter.partNo = q.partNo;
        const hints = await models.Stock.find(filter, { _id: 0, location: 1, partNo: 1 }).lean();
        const items = await Promise.all(hints.filter((h) => h.location).map(async (h) => ({ location: h.location!, partNo: h.partNo, onHand: await ledger.balance(h.location!, h.partNo) })));
        return { items: items.sort((a, b) => `${a.location}${a.partNo}`.localeCompare(`${b.location}${b.partNo}`)) };
      },
    }),
    route({
      method: 'post', path: '/quality-inspections/:id/finding', summary: 'Record the finding of a quality inspection (linked to its request)', roles: ['support', 'admin'],
      params: s.inspectionParamSchema, body: s.inspectionFindingSchema,
      handler: async ({ caller, params, body }) => {
        if (!(await models.QualityInspection.exists({ _id: params.id }))) throw new HttpError(404, `no inspection ${params.id}`);
        try {
          await models.InspectionFinding.create({ _id: params.id, finding: body.finding, inspector: caller.id, at: new Date() });
        } catch (err) {
          if (isDuplicateKey(err)) throw new HttpError(409, `inspection ${params.id} already has a finding`);
          throw err;
        }
        // Only the holder of the finding writes the inspection (FerretDB v1: no atomic conditional update).
        await models.QualityInspection.updateOne({ _id: params.id }, { $set: { status: 'closed', finding: body.finding, inspector: caller.id, findingAt: new Date() } });
        return models.QualityInspection.findById(params.id).lean();
      },
    }),
  ];
}
