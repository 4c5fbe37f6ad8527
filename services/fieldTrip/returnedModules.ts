/**
 * A faulty module sent back by a branch office (001 §5.6.3: 或由各办事处发回), without a trip: support or an
 * admin books it into quality's stock and opens its inspection, linked to the request it came from; it
 * waits on the quality desk like a trip's returns. An Idempotency-Key makes a retry answer the same one.
 */
import { createHash, randomUUID } from 'node:crypto';
import { inspectionSchema } from '../../shared/fieldTrip/responses';
import * as s from '../../shared/fieldTrip/schemas';
import type { Repositories } from '../../shared/storage/repositories';
import { HttpError } from '../http/errors';
import { route, type Route } from '../http/routes';

export function returnedModuleRoutes(deps: { repos: Repositories }): Route<any>[] {
  const { fieldTrip, masterData, serviceRequest } = deps.repos;
  return [
    route({
      method: 'post',
      path: '/quality-inspections',
      summary: 'Open the inspection of a faulty module a branch office sent back (no trip), linked to its request',
      roles: ['support', 'admin'],
      body: s.returnedModuleSchema,
      success: 201,
      response: inspectionSchema,
      handler: async ({ caller, body, req, res }) => {
        const [request, part] = await Promise.all([
          serviceRequest.requests.get(body.requestNo),
          masterData.parts.get(body.partNo),
        ]);
        if (!request) throw new HttpError(400, `body.requestNo: no request ${body.requestNo}`);
        if (!part) throw new HttpError(400, `body.partNo: no part ${body.partNo} in the catalogue`);
        const idem = req.get('idempotency-key');
        const seed = idem ? `${caller.id}:${idem}` : randomUUID();
        const id = `RET-${createHash('sha256').update(seed).digest('hex').slice(0, 10).toUpperCase()}`;
        if (idem && (await fieldTrip.inspections.has(id))) {
          res.locals.status = 200;
          return fieldTrip.inspections.get(id);
        }
        // Into quality's stock from the customer's side, once per inspection (the movement key).
        await fieldTrip.ledger.move({
          key: `returned/${id}`,
          from: 'CUSTOMER',
          to: 'QUALITY',
          partNo: body.partNo,
          quantity: 1,
          kind: 'returned_by_branch',
          ref: { requestNo: body.requestNo, inspectionId: id, sentBy: body.sentBy },
        });
        await fieldTrip.recordInspection(id, {
          requestNo: body.requestNo,
          partNo: body.partNo,
          symptom: body.symptom,
          origin: 'sent_back_by_branch',
          sentBy: body.sentBy,
          status: 'open',
        });
        return fieldTrip.inspections.get(id);
      },
    }),
  ];
}
