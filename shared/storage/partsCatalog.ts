/**
 * Looks up the facts the parts rules need (R-PARTS-3, R-VISIT-4) and applies them. Node-only. Used by
 * the trips service before a trip is planned and by the fieldTrip workflow (through an activity) when a
 * part is consumed, so both decide by the same rule.
 */
import { partRefusal, regionRefusal } from '../fieldTrip/partRules';
import { keyed } from './keyed';
import type { Models } from './models';

/** unknown: the input names something that does not exist (400); refused: the rule says no (409). */
export interface PartsProblem {
  kind: 'unknown' | 'refused';
  message: string;
}

export async function checkParts(
  models: Models,
  lines: { partNo: string; requestNo?: string }[],
): Promise<PartsProblem | undefined> {
  const partNos = [...new Set(lines.map((l) => l.partNo))];
  const parts = new Map((await keyed(models.Part).getMany(partNos)).map((p) => [p.partNo, p])); // `$in` scans
  for (const l of lines) {
    const part = parts.get(l.partNo);
    if (!part) return { kind: 'unknown', message: `no part ${l.partNo}` };
    let unit: { serialNumber: string; model: string; requestNo: string } | undefined;
    let agreed: string[] = [];
    if (l.requestNo) {
      const req = await models.ServiceRequest.findById(l.requestNo, { serialNumber: 1, customerId: 1 }).lean();
      if (!req) return { kind: 'unknown', message: `no request ${l.requestNo}` };
      const [u, customer] = await Promise.all([
        models.Unit.findById(req.serialNumber, { model: 1 }).lean(),
        req.customerId ? models.Customer.findById(req.customerId, { agreedBrands: 1 }).lean() : null,
      ]);
      if (u) unit = { serialNumber: req.serialNumber!, model: u.model, requestNo: l.requestNo };
      agreed = customer?.agreedBrands ?? [];
    }
    const refusal = partRefusal(part, unit, agreed);
    if (refusal) return { kind: 'refused', message: refusal };
  }
  return undefined;
}

export async function checkRequestsInRegion(
  models: Models,
  requestNos: string[],
  region: string,
): Promise<PartsProblem | undefined> {
  for (const requestNo of requestNos) {
    const r = await models.ServiceRequest.findById(requestNo, { region: 1 }).lean();
    if (!r) return { kind: 'unknown', message: `no request ${requestNo}` };
    const refusal = regionRefusal({ requestNo, region: r.region }, region);
    if (refusal) return { kind: 'refused', message: refusal };
  }
  return undefined;
}
