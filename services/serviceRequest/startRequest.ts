/**
 * Starting a service request's workflow under a fresh request number (R-INTAKE-1), for intake and for
 * a recurrence (R-FOLLOW-3). With an Idempotency-Key, a retried call answers the request it made.
 */
import type { Response } from 'express';
import type { Caller } from '../../shared/runtime/auth';
import { issueCustomerLink } from '../../shared/runtime/auth';
import type { Config } from '../../shared/runtime/config';
import { requestsReceived } from '../../shared/runtime/metrics';
import { serviceRequestWorkflowId } from '../../shared/serviceRequest/ids';
import type * as s from '../../shared/serviceRequest/schemas';
import { SA } from '../../shared/serviceRequest/searchAttributes';
import type { RecurrenceOf, ServicePointRef } from '../../shared/serviceRequest/types';
import type { Repositories } from '../../shared/storage/repositories';
import type { serviceRequest } from '../../workflows';
import { HttpError } from '../http/errors';
import { keyedStart } from '../http/keyedStart';
import { actorOf } from '../http/routes';
import { RequestNumbers } from './requestNumbers';
import type { RequestDeps } from './requestState';
import { staticDetailsOf } from '../../shared/serviceRequest/staticDetails';

export interface StartCall {
  caller: Caller;
  body: s.IntakeInput;
  /** The caller's Idempotency-Key (scoped to the caller), if any. */
  idemKey?: string;
  recurrenceOf?: RecurrenceOf;
  res: Response;
}

export function requestStarter(deps: RequestDeps & { config: Config }) {
  const { client, repos, config } = deps;
  const { masterData } = repos;
  const numbers = new RequestNumbers(repos.serviceRequest.highestKnownSeq);
  const keys = repos.serviceRequest.intakeKeys(config.intakeKeyLeaseMs);
  const { unitLog } = repos.serviceRequest;
  const replay = (requestNo: string) => ({
    requestNo,
    workflowId: serviceRequestWorkflowId(requestNo),
    replayed: true as const,
  });

  return async function startRequest({ caller, body, idemKey, recurrenceOf, res }: StartCall) {
    const earlier = idemKey ? await keys.requestOf(caller.id, idemKey) : undefined;
    if (earlier) {
      res.locals.status = 200;
      return replay(earlier);
    }
    const [customer, unit] = await Promise.all([
      masterData.customers.get(body.customerId),
      masterData.units.get(body.serialNumber),
    ]);
    if (!customer) throw new HttpError(400, `body.customerId: no customer ${body.customerId}`);
    if (!unit) throw new HttpError(400, `body.serialNumber: no unit with serial number ${body.serialNumber}`);
    if (customer.active === false)
      throw new HttpError(400, `body.customerId: customer ${body.customerId} is deactivated`);
    if (unit.active === false) throw new HttpError(400, `body.serialNumber: unit ${body.serialNumber} is deactivated`);
    if (unit.customerId !== customer.customerId)
      throw new HttpError(
        400,
        `body.serialNumber: unit ${body.serialNumber} does not belong to customer ${body.customerId}`,
      );
    const site = await masterData.siteOfUnit(unit, customer);
    await requireServingRegion(masterData, body.region, site.region, body.serialNumber);
    if (body.assetId) {
      const asset = await deps.repos.asset.assets.get(body.assetId);
      if (!asset || asset.unitSerial !== body.serialNumber || asset.active === false)
        throw new HttpError(400, `body.assetId: ${body.assetId} is not a component of unit ${body.serialNumber}`);
    }
    const servicePoint = body.servicePointId ? await servicePointOf(masterData, body.servicePointId) : undefined;

    // With an Idempotency-Key, the key is claimed first (unique insert); see shared/storage/intakeKeys.ts.
    const keyed = await keyedStart(client, keys, serviceRequestWorkflowId, caller.id, idemKey);
    if ('replay' in keyed) {
      res.locals.status = 200;
      return replay(keyed.replay);
    }
    const requestNo = await keyed.start((noteKey) =>
      numbers.claim(async (no) => {
        const memo: Record<string, string> = {};
        await noteKey(no, memo);
        await client.workflow.start<typeof serviceRequest>('serviceRequest', {
          taskQueue: config.taskQueue,
          workflowId: serviceRequestWorkflowId(no),
          workflowIdConflictPolicy: 'FAIL',
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          args: [
            {
              requestNo: no,
              intake: body,
              receivedBy: actorOf(caller),
              ...(recurrenceOf ? { recurrenceOf } : {}),
              ...(servicePoint ? { servicePoint } : {}),
            },
          ],
          ...(idemKey ? { memo } : {}),
          // What an operator sees in the Temporal UI's list and header (R-INTEGRATE-1).
          staticSummary: `${no} · ${body.kind} · ${body.urgency} · ${customer.name} · ${body.region}`,
          staticDetails: staticDetailsOf(body, unit),
          typedSearchAttributes: [
            { key: SA.status, value: 'received' },
            { key: SA.urgency, value: body.urgency },
            { key: SA.region, value: body.region },
            { key: SA.customer, value: body.customerId },
            { key: SA.kind, value: body.kind },
          ],
        });
      }),
    );
    requestsReceived.inc({ kind: body.kind, channel: body.channel });
    res.locals.requestNo = requestNo;
    const workflowId = serviceRequestWorkflowId(requestNo);
    const token = await issueCustomerLink(config.authSecret, customer.customerId, requestNo, config.customerLinkTtl);
    return {
      requestNo,
      workflowId,
      status: 'received',
      customerLink: `${config.publicUrl}/c/${requestNo}?token=${token}`,
      earlierRequests: await unitLog.recent(body.serialNumber, requestNo), // R-INTAKE-7: shown to the agent at once
    };
  };
}

/**
 * R-INTAKE-3: the request goes to a region that exists and serves the site: the unit's own region (where
 * it stands), else its customer's. A typo would otherwise wait for an engineer and a supervisor that never come.
 */
export async function requireServingRegion(
  masterData: Repositories['masterData'],
  region: string,
  serving: string | undefined,
  serial: string,
) {
  if (!(await masterData.isActiveRegion(region))) {
    const known = await masterData.activeRegionIds();
    throw new HttpError(400, `body.region: no service region ${region}; the regions are ${known.join(', ')}`);
  }
  if (serving && serving !== region)
    throw new HttpError(
      400,
      `body.region: region ${region} does not serve the site of unit ${serial}; it is served by ${serving}`,
    );
}

/** R-TRIAGE-2: the active service point a carry-in unit is brought to, as the request keeps it. */
async function servicePointOf(masterData: Repositories['masterData'], id: string): Promise<ServicePointRef> {
  const p = await masterData.servicePoints.get(id);
  if (!p || p.active === false) {
    const open = (await masterData.activeServicePoints()).map((x) => x._id);
    throw new HttpError(400, `body.servicePointId: no service point ${id}; the service points are ${open.join(', ')}`);
  }
  const { name, address, phone, openingHours, storage } = p;
  return {
    servicePointId: id,
    name: name ?? id,
    address: address ?? '',
    ...(phone ? { phone } : {}),
    ...(openingHours ? { openingHours } : {}),
    ...(storage?.freeDays && storage.currency
      ? {
          storage: {
            freeDays: storage.freeDays,
            feePerDayMinor: storage.feePerDayMinor ?? 0,
            currency: storage.currency,
          },
        }
      : {}),
  };
}
