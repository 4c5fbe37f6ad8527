/**
 * Field trips over HTTP (R-PARTS, R-VISIT-2, R-VISIT-4): plan a trip with its requisition, approve,
 * depart, attach requests, report consumption, see nearby work, end and reconcile, write off.
 */
import { tripCreatedSchema, tripViewSchema } from '../../shared/fieldTrip/responses';
import type { Config } from '../../shared/runtime/config';
import { tripWorkflowId } from '../../shared/fieldTrip/ids';
import * as t from '../../shared/fieldTrip/messages';
import * as s from '../../shared/fieldTrip/schemas';
import { reasonSchema } from '../../shared/common/schemaParts';
import type { PartsProblem } from '../../shared/storage/partsCatalog';
import type { fieldTrip } from '../../workflows';
import { HttpError } from '../http/errors';
import { actorOf, route, type Route } from '../http/routes';
import { stepRoute, workflowCalls } from '../http/workflowCalls';
import { tripReportRoute } from './tripReport';
import { tripReader } from './tripView';
import type { RequestDeps } from '../serviceRequest/requestState';

export const SUPERVISORS = ['dispatcher', 'admin'] as const;

/** A parts or region rule said no: 400 when the input names nothing that exists, 409 when the rule refuses. */
function refuse(problem: PartsProblem | undefined, field = ''): void {
  if (problem)
    throw new HttpError(
      problem.kind === 'unknown' ? 400 : 409,
      `${problem.kind === 'unknown' ? field : ''}${problem.message}`,
    );
}

export function tripRoutes(deps: RequestDeps & { config: Config }): Route<any>[] {
  const { client, repos, config } = deps;
  const { masterData } = repos;
  const { trips } = repos.fieldTrip;
  const { handleOf, update } = workflowCalls(client, {
    workflowId: tripWorkflowId,
    noun: 'trip',
    known: (tripId) => trips.has(tripId),
  });
  const step = stepRoute(s.tripIdParamSchema, 'tripId', tripViewSchema);

  const tripOf = tripReader(client, repos);

  return [
    tripReportRoute(deps, tripOf, ['engineer', ...SUPERVISORS, 'quality']),
    route<s.TripInput>({
      method: 'post',
      path: '/trips',
      response: tripCreatedSchema,
      summary: 'Plan a field trip with its parts requisition and trip sheet',
      roles: ['engineer', ...SUPERVISORS],
      body: s.tripSchema,
      success: 201,
      handler: async ({ caller, body }) => {
        const engineerId = caller.role === 'engineer' ? caller.id : body.engineerId;
        if (!engineerId) throw new HttpError(400, 'body.engineerId: required when a dispatcher plans the trip');
        if (caller.role === 'engineer' && body.engineerId && body.engineerId !== caller.id)
          throw new HttpError(403, 'engineers plan only their own trips');
        if (Date.parse(body.plannedEnd) <= Date.parse(body.plannedStart))
          throw new HttpError(400, 'body.plannedEnd: must be after plannedStart');
        const [engineer, warehouse] = await Promise.all([
          masterData.engineers.get(engineerId),
          masterData.warehouses.get(body.warehouseId),
        ]);
        if (!engineer?.active) throw new HttpError(400, `body.engineerId: no active engineer ${engineerId}`);
        if (!warehouse) throw new HttpError(400, `body.warehouseId: no warehouse ${body.warehouseId}`);
        if (!(engineer.regions ?? []).includes(body.region))
          throw new HttpError(409, `engineer ${engineerId} does not serve region ${body.region}`);
        const withParts = body.lines.flatMap((l) => (l.requestNo ? [l.requestNo] : []));
        refuse(await masterData.checkParts(body.lines), 'body.lines: ');
        refuse(await masterData.checkRequestsInRegion([...new Set([...body.requestNos, ...withParts])], body.region));
        const tripId = `TRIP-${body.plannedStart.slice(0, 10).replace(/-/g, '')}-${Math.random().toString(36).slice(2, 8).toUpperCase().padEnd(6, '0')}`;
        await client.workflow.start<typeof fieldTrip>('fieldTrip', {
          taskQueue: config.taskQueue,
          workflowId: tripWorkflowId(tripId),
          workflowIdConflictPolicy: 'FAIL',
          staticSummary: `${tripId} · ${engineerId} · ${body.region} · ${body.plannedStart.slice(0, 10)} – ${body.plannedEnd.slice(0, 10)}`,
          staticDetails: [
            `**parts** ${body.lines.map((l) => `${l.quantity} × ${l.partNo}${l.requestNo ? ` (${l.requestNo})` : ''}`).join(', ')}`,
            `**from** ${body.warehouseId} · **tools** ${body.tools.join(', ') || 'standard kit'}`,
          ].join('\n\n'),
          args: [
            {
              tripId,
              engineerId,
              region: body.region,
              warehouseId: body.warehouseId,
              plannedStart: body.plannedStart,
              plannedEnd: body.plannedEnd,
              tools: body.tools,
              lines: body.lines,
              requestNos: body.requestNos,
              requestedBy: actorOf(caller),
            },
          ],
        });
        return { tripId, workflowId: tripWorkflowId(tripId), status: 'awaiting_approval' };
      },
    }),
    route({
      method: 'get',
      path: '/trips/:tripId',
      response: tripViewSchema,
      summary: 'Get a trip: trip sheet (parts, tools, requests), custody of every part, history',
      roles: ['engineer', 'agent', 'service', ...SUPERVISORS],
      params: s.tripIdParamSchema,
      handler: ({ caller, params }) => tripOf(caller, params.tripId),
    }),
    step(
      '/trips/:tripId/approve',
      'Approve or reject the parts requisition (wait for stock or issue in part)',
      [...SUPERVISORS],
      s.tripApprovalSchema,
      (id, a, b) => update(id, t.approveRequisitionUpdate, a, b),
    ),
    step(
      '/trips/:tripId/depart',
      'Depart: the reserved parts are issued to the van',
      ['engineer', 'admin'],
      undefined,
      (id, a) => update(id, t.departUpdate, a),
    ),
    step(
      '/trips/:tripId/requests',
      'Attach a request to the trip',
      ['engineer', ...SUPERVISORS],
      s.tripAttachSchema,
      async (id, a, b) => {
        const trip = await handleOf(id)
          .query(t.getTripQuery)
          .catch(() => null);
        if (trip) refuse(await masterData.checkRequestsInRegion([b.requestNo], trip.region));
        return update(id, t.attachRequestUpdate, a, b);
      },
    ),
    step(
      '/trips/:tripId/consumption',
      'Report parts consumed on a request',
      ['engineer'],
      s.consumptionSchema,
      // R-PARTS-3 is decided by the trip workflow when the part is consumed.
      (id, a, b) => update(id, t.recordConsumptionUpdate, a, b),
    ),
    step(
      '/trips/:tripId/leaving-region',
      'About to leave the region: show the supervisor other open work nearby',
      ['engineer'],
      undefined,
      (id, a) => update(id, t.leavingRegionUpdate, a),
    ),
    step(
      '/trips/:tripId/end',
      'End the trip: report returned, faulty and removed old parts',
      ['engineer'],
      s.tripEndSchema,
      (id, a, b) => update(id, t.endTripUpdate, a, b),
    ),
    step(
      '/trips/:tripId/write-off',
      'Write off missing parts with a reason',
      [...SUPERVISORS],
      s.writeOffSchema,
      (id, a, b) => update(id, t.writeOffUpdate, a, b),
    ),
    step(
      '/trips/:tripId/cancel',
      'Cancel a trip before departure (its reservation is released)',
      [...SUPERVISORS],
      reasonSchema,
      (id, a, b) => update(id, t.cancelTripUpdate, a, b),
    ),
  ];
}
