/**
 * What the engineer picks from when writing a quotation or the work (issue: the engineer in the field,
 * item 2): the catalogue's parts that fit the unit, each with its price, warranty days and how many are in
 * the engineer's van, and the labour, call-out and travel of the price list. Labour is counted in quarter
 * hours (the API refuses anything else).
 */
import { z } from '../../shared/common/schemaParts';
import { vanOf } from '../../shared/fieldTrip/ids';
import { kindOfCode } from '../../shared/quotation/pricing';
import * as s from '../../shared/serviceRequest/schemas';
import type { ServiceRequestView } from '../../shared/serviceRequest/types';
import type { Repositories } from '../../shared/storage/repositories';
import { route, type Route } from '../http/routes';
import { STAFF } from './queries';
import { requestCalls, type RequestDeps } from './requestState';

export interface Choice {
  code: string;
  name: string;
  kind: string;
  unitPriceMinor?: number;
  currency?: string;
  unit?: string;
  warrantyDays?: number;
  /** Parts only: how many the engineer's van holds now (the stock ledger). */
  inVan?: number;
}

export async function choicesFor(
  repos: Repositories,
  v: ServiceRequestView,
): Promise<{ parts: Choice[]; services: Choice[] }> {
  const { masterData, fieldTrip } = repos;
  // 002 §2.3.3: besides genuine parts, those of a brand the customer agreed to.
  const customer = await masterData.customers.get(v.intake.customerId, { agreedBrands: 1 });
  const fitting = v.unit?.model ? await masterData.partsFitting(v.unit.model, 200, customer?.agreedBrands ?? []) : [];
  const [prices, services] = await Promise.all([
    masterData.prices.getMany(fitting.map((p) => p.partNo)),
    masterData.servicePrices(),
  ]);
  const priceOf = new Map(prices.map((p) => [p.code, p]));
  const van = v.engineerId ? vanOf(v.engineerId) : undefined;
  const parts = await Promise.all(
    fitting.map(async (p) => {
      const price = priceOf.get(p.partNo);
      return {
        code: p.partNo,
        name: p.name,
        kind: 'part',
        ...(price ? { unitPriceMinor: price.unitPriceMinor, currency: price.currency } : {}),
        ...(price?.unit ? { unit: price.unit } : {}),
        ...(price?.warrantyDays ? { warrantyDays: price.warrantyDays } : {}),
        ...(van ? { inVan: await fieldTrip.ledger.balance(van, p.partNo) } : {}),
      };
    }),
  );
  return {
    parts,
    services: services.map((p) => ({
      code: p.code,
      name: p.description ?? p.code,
      kind: p.kind ?? kindOfCode(p.code),
      unitPriceMinor: p.unitPriceMinor,
      currency: p.currency,
      ...(p.unit ? { unit: p.unit } : {}),
    })),
  };
}

const choiceSchema = z.looseObject({ code: z.string(), name: z.string(), kind: z.string() });

export function partsForUnitRoutes(deps: RequestDeps): Route<any>[] {
  const { visibleState } = requestCalls(deps);
  return [
    route({
      method: 'get',
      path: '/requests/:requestNo/parts',
      summary: "The parts that fit the request's unit (price, warranty, in the van) and the labour to pick from",
      roles: [...STAFF, 'engineer'],
      params: s.requestNoParamSchema,
      response: z.object({ parts: z.array(choiceSchema), services: z.array(choiceSchema) }).openapi('PartChoices'),
      handler: async ({ caller, params }) => choicesFor(deps.repos, await visibleState(caller, params.requestNo)),
    }),
  ];
}
