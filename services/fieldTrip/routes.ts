/**
 * Field trips over HTTP (R-PARTS, R-VISIT-2, R-VISIT-4): plan a trip with its requisition, approve,
 * depart, attach requests, report consumption, see nearby work, end and reconcile, write off.
 */
import { tripViewSchema } from '../../shared/fieldTrip/responses';
import type { Config } from '../../shared/runtime/config';
import { tripWorkflowId } from '../../shared/fieldTrip/ids';
import * as t from '../../shared/fieldTrip/messages';
import * as s from '../../shared/fieldTrip/schemas';
import { reasonSchema } from '../../shared/common/schemaParts';
import { route, type Route } from '../http/routes';
import { stepRoute, workflowCalls } from '../http/workflowCalls';
import { planTripRoute, refuse, SUPERVISORS } from './planTrip';
import { tripReportRoute } from './tripReport';
import { tripReader } from './tripView';
import type { RequestDeps } from '../serviceRequest/requestState';

export function tripRoutes(deps: RequestDeps & { config: Config }): Route<any>[] {
  const { client, repos } = deps;
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
    planTripRoute(deps),
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
