/**
 * Returns to the supplier (R-RMA-1): quality opens a supplier claim for a faulty module its inspection
 * blamed on the supplier — the module leaves quality's stock for the supplier in the ledger — and records
 * what came back: a credit, a replacement booked into a warehouse, or the rejection. One claim per
 * inspection and one outcome per claim, each decided by a unique insert; the same call again is a retry.
 */
import * as s from '../../shared/supplierClaim/schemas';
import { z } from '../../shared/common/schemaParts';
import { inspectionParamSchema } from '../../shared/fieldTrip/schemas';
import type { Repositories } from '../../shared/storage/repositories';
import { HttpError } from '../http/errors';
import { route, type Route } from '../http/routes';

const claimSchema = z.looseObject({ _id: z.string(), status: z.string() }).openapi('SupplierClaimRecord');
const QUALITY = ['quality', 'admin'] as const;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function supplierClaimRoutes(deps: { repos: Repositories }): Route<any>[] {
  const { supplierClaim, fieldTrip, masterData } = deps.repos;
  const { claims, outcomes } = supplierClaim;
  return [
    route<s.SupplierClaimInput>({
      method: 'post',
      path: '/quality-inspections/:id/supplier-claim',
      summary: 'Send a faulty module the inspection blamed on the supplier back with a supplier claim',
      roles: [...QUALITY],
      params: inspectionParamSchema,
      body: s.supplierClaimSchema,
      success: 201,
      response: claimSchema,
      handler: async ({ caller, params, body, res }) => {
        const inspection = await fieldTrip.inspections.get(params.id);
        if (!inspection) throw new HttpError(404, `no inspection ${params.id}`);
        if (inspection.status !== 'closed' || inspection.responsibleParty !== 'supplier')
          throw new HttpError(
            409,
            `inspection ${params.id} ${inspection.status !== 'closed' ? 'has no finding yet' : `blames ${inspection.responsibleParty ?? 'nobody'}, not the supplier`}: only a supplier fault goes back on a claim`,
          );
        const _id = `RMA-${params.id}`;
        const claim = {
          _id,
          inspectionId: params.id,
          requestNo: inspection.requestNo ?? undefined,
          partNo: inspection.partNo ?? undefined,
          ...body,
          status: 'sent',
          sentBy: caller.id,
        };
        if (!(await claims.claim(claim))) {
          const earlier = await claims.get(_id);
          if (!earlier || earlier.claimNo !== body.claimNo || earlier.supplier !== body.supplier)
            throw new HttpError(409, `inspection ${params.id} already went back on claim ${_id} (${earlier?.claimNo})`);
          res.locals.status = 200; // the same claim again: a retry
        }
        // Out of quality's stock to the supplier, once per claim (the movement key).
        await fieldTrip.ledger.move({
          key: `rma/${_id}`,
          from: 'QUALITY',
          to: 'SUPPLIER',
          partNo: inspection.partNo!,
          quantity: 1,
          kind: 'returned_to_supplier',
          ref: { claimId: _id, inspectionId: params.id, requestNo: inspection.requestNo, claimNo: body.claimNo },
        });
        return claims.get(_id);
      },
    }),
    route<s.ClaimOutcome>({
      method: 'post',
      path: '/supplier-claims/:id/outcome',
      summary: 'Record what came back on a supplier claim: a credit, a replacement, or the rejection',
      roles: [...QUALITY],
      params: s.claimParamSchema,
      body: s.claimOutcomeSchema,
      response: claimSchema,
      handler: async ({ caller, params, body }) => {
        const claim = await claims.get(params.id);
        if (!claim) throw new HttpError(404, `no supplier claim ${params.id}`);
        if (body.outcome === 'replaced' && !(await masterData.warehouses.get(body.warehouseId)))
          throw new HttpError(400, `body.warehouseId: no warehouse ${body.warehouseId}`);
        if (!(await outcomes.claim({ _id: params.id, outcome: body, by: caller.id }))) {
          const earlier = await outcomes.get(params.id);
          if (!same(earlier?.outcome, body))
            throw new HttpError(409, `supplier claim ${params.id} is already decided: ${earlier?.outcome?.outcome}`);
        }
        // Only the holder of the outcome writes the claim (FerretDB v1: no atomic conditional update).
        if (body.outcome === 'replaced')
          await fieldTrip.ledger.move({
            key: `rma/${params.id}/replacement`,
            from: 'SUPPLIER',
            to: body.warehouseId,
            partNo: claim.partNo!,
            quantity: 1,
            kind: 'supplier_replacement',
            ref: { claimId: params.id, claimNo: claim.claimNo, serial: body.replacementSerial },
          });
        await claims.update(params.id, {
          $set: { status: body.outcome, outcome: body, decidedAt: new Date().toISOString() },
        });
        return claims.get(params.id);
      },
    }),
    route({
      method: 'get',
      path: '/supplier-claims',
      summary: 'Supplier claims, newest first, by status',
      roles: [...QUALITY, 'manager'],
      query: s.claimListQuerySchema,
      response: z.object({ items: z.array(claimSchema) }).openapi('SupplierClaimList'),
      handler: async ({ query }) => {
        const q = query as z.infer<typeof s.claimListQuerySchema>;
        return { items: await supplierClaim.list(q.status, q.limit) };
      },
    }),
    route({
      method: 'get',
      path: '/supplier-claims/:id',
      summary: 'One supplier claim with its outcome',
      roles: [...QUALITY, 'manager'],
      params: s.claimParamSchema,
      response: claimSchema,
      handler: async ({ params }) => {
        const claim = await claims.get(params.id);
        if (!claim) throw new HttpError(404, `no supplier claim ${params.id}`);
        return claim;
      },
    }),
  ];
}
