/**
 * Planning a field trip over HTTP (R-PARTS-1, R-VISIT-2): the engineer's (or a dispatcher's) trip with its
 * parts requisition and trip sheet, checked against master data before its workflow starts. Under an
 * Idempotency-Key a retried call answers the trip the first one planned (200), whichever instance took it,
 * so a dropped connection never plans (and reserves parts for) a second trip.
 */
import { tripCreatedSchema } from '../../shared/fieldTrip/responses';
import type { Config } from '../../shared/runtime/config';
import { tripWorkflowId } from '../../shared/fieldTrip/ids';
import * as s from '../../shared/fieldTrip/schemas';
import type { PartsProblem } from '../../shared/storage/partsCatalog';
import type { fieldTrip } from '../../workflows';
import { HttpError } from '../http/errors';
import { keyedStart } from '../http/keyedStart';
import { actorOf, route, type Route } from '../http/routes';
import type { RequestDeps } from '../serviceRequest/requestState';

export const SUPERVISORS = ['dispatcher', 'admin'] as const;

/** A parts or region rule said no: 400 when the input names nothing that exists, 409 when the rule refuses. */
export function refuse(problem: PartsProblem | undefined, field = ''): void {
  if (problem)
    throw new HttpError(
      problem.kind === 'unknown' ? 400 : 409,
      `${problem.kind === 'unknown' ? field : ''}${problem.message}`,
    );
}

const newTripId = (day: string) =>
  `TRIP-${day.slice(0, 10).replace(/-/g, '')}-${Math.random().toString(36).slice(2, 8).toUpperCase().padEnd(6, '0')}`;

export function planTripRoute(deps: RequestDeps & { config: Config }): Route<s.TripInput> {
  const { client, repos, config } = deps;
  const { masterData } = repos;
  const keys = repos.serviceRequest.intakeKeys(config.intakeKeyLeaseMs);
  return route<s.TripInput>({
    method: 'post',
    path: '/trips',
    response: tripCreatedSchema,
    summary: 'Plan a field trip with its parts requisition and trip sheet (Idempotency-Key: a retry answers it)',
    roles: ['engineer', ...SUPERVISORS],
    body: s.tripSchema,
    success: 201,
    handler: async ({ caller, body, req, res }) => {
      const engineerId = caller.role === 'engineer' ? caller.id : body.engineerId;
      if (!engineerId) throw new HttpError(400, 'body.engineerId: required when a dispatcher plans the trip');
      if (caller.role === 'engineer' && body.engineerId && body.engineerId !== caller.id)
        throw new HttpError(403, 'engineers plan only their own trips');
      if (Date.parse(body.plannedEnd) <= Date.parse(body.plannedStart))
        throw new HttpError(400, 'body.plannedEnd: must be after plannedStart');
      const idem = req.get('idempotency-key');
      const keyed = await keyedStart(client, keys, tripWorkflowId, caller.id, idem && `trip:${idem}`);
      const answer = (tripId: string) => ({ tripId, workflowId: tripWorkflowId(tripId), status: 'awaiting_approval' });
      if ('replay' in keyed) {
        res.locals.status = 200;
        return answer(keyed.replay);
      }
      const [engineer, warehouse] = await Promise.all([
        masterData.engineers.get(engineerId),
        masterData.warehouses.get(body.warehouseId),
      ]);
      const checked = async () => {
        if (!engineer?.active) throw new HttpError(400, `body.engineerId: no active engineer ${engineerId}`);
        if (!warehouse) throw new HttpError(400, `body.warehouseId: no warehouse ${body.warehouseId}`);
        if (!(engineer.regions ?? []).includes(body.region))
          throw new HttpError(409, `engineer ${engineerId} does not serve region ${body.region}`);
        const withParts = body.lines.flatMap((l) => (l.requestNo ? [l.requestNo] : []));
        refuse(await masterData.checkParts(body.lines), 'body.lines: ');
        refuse(await masterData.checkRequestsInRegion([...new Set([...body.requestNos, ...withParts])], body.region));
      };
      const tripId = await keyed.start(async (noteKey) => {
        await checked(); // a refusal releases the key: the caller may correct the body and call again
        const id = newTripId(body.plannedStart);
        const memo: Record<string, string> = {};
        await noteKey(id, memo);
        await client.workflow.start<typeof fieldTrip>('fieldTrip', {
          taskQueue: config.taskQueue,
          workflowId: tripWorkflowId(id),
          workflowIdConflictPolicy: 'FAIL',
          ...(idem ? { memo } : {}),
          staticSummary: `${id} · ${engineerId} · ${body.region} · ${body.plannedStart.slice(0, 10)} – ${body.plannedEnd.slice(0, 10)}`,
          staticDetails: [
            `**parts** ${body.lines.map((l) => `${l.quantity} × ${l.partNo}${l.requestNo ? ` (${l.requestNo})` : ''}`).join(', ')}`,
            `**from** ${body.warehouseId} · **tools** ${body.tools.join(', ') || 'standard kit'}`,
          ].join('\n\n'),
          args: [
            {
              tripId: id,
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
        return id;
      });
      return answer(tripId);
    },
  });
}
