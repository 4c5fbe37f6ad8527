/**
 * Intake (R-INTAKE-1..7): a service request is received from any channel and its workflow started under
 * a fresh request number. With an Idempotency-Key, a retried call answers the request it made.
 */
import { intakeAnswerSchema } from '../../shared/serviceRequest/responses';
import { WorkflowNotFoundError } from '@temporalio/client';
import { issueCustomerLink } from '../../shared/runtime/auth';
import { requestsReceived } from '../../shared/runtime/metrics';
import type { Config } from '../../shared/runtime/config';
import { serviceRequestWorkflowId } from '../../shared/serviceRequest/ids';
import * as s from '../../shared/serviceRequest/schemas';
import { SA } from '../../shared/serviceRequest/searchAttributes';
import { IntakeKeys } from '../../shared/storage/intakeKeys';
import { UnitRequestLog } from '../../shared/storage/unitRequestLog';
import type { serviceRequest } from '../../workflows';
import { HttpError } from '../http/errors';
import { actorOf, route, type Route } from '../http/routes';
import { RequestNumbers } from './requestNumbers';
import { staticDetailsOf } from './staticDetails';
import type { RequestDeps } from './requestState';

export function intakeRoutes(deps: RequestDeps & { config: Config }): Route<any>[] {
  const { client, models, config } = deps;
  const numbers = new RequestNumbers(models);
  const keys = new IntakeKeys(models, config.intakeKeyLeaseMs);
  /** Which Idempotency-Key the workflow of a request number was started under (its memo), if any. */
  const startedForKey = async (requestNo: string): Promise<string | undefined> => {
    try {
      const { memo } = await client.workflow.getHandle(serviceRequestWorkflowId(requestNo)).describe();
      return typeof memo?.intakeKey === 'string' ? memo.intakeKey : undefined;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return undefined;
      throw err;
    }
  };
  const unitLog = new UnitRequestLog(models);
  const replay = (requestNo: string) => ({
    requestNo,
    workflowId: serviceRequestWorkflowId(requestNo),
    replayed: true,
  });

  return [
    route({
      method: 'post',
      path: '/requests',
      response: intakeAnswerSchema,
      summary: 'Receive a service request',
      roles: ['agent', 'service', 'admin'],
      body: s.intakeSchema,
      success: 201,
      handler: async ({ caller, body, req, res }) => {
        const idemKey = req.get('idempotency-key');
        const earlier = idemKey ? await keys.requestOf(caller.id, idemKey) : undefined;
        if (earlier) {
          res.locals.status = 200;
          return replay(earlier);
        }
        const [customer, unit] = await Promise.all([
          models.Customer.findById(body.customerId).lean(),
          models.Unit.findById(body.serialNumber).lean(),
        ]);
        if (!customer) throw new HttpError(400, `body.customerId: no customer ${body.customerId}`);
        if (!unit) throw new HttpError(400, `body.serialNumber: no unit with serial number ${body.serialNumber}`);
        if (unit.customerId !== customer.customerId)
          throw new HttpError(
            400,
            `body.serialNumber: unit ${body.serialNumber} does not belong to customer ${body.customerId}`,
          );

        // With an Idempotency-Key, the key is claimed first (unique insert); see shared/storage/intakeKeys.ts.
        if (idemKey) {
          const claim = await keys.claim(caller.id, idemKey);
          if (!claim.claimed && claim.requestNo) {
            res.locals.status = 200;
            return replay(claim.requestNo);
          }
          if (!claim.claimed) {
            const recovered = await keys.recover(caller.id, idemKey, claim.row, startedForKey);
            if ('requestNo' in recovered) {
              res.locals.status = 200;
              return replay(recovered.requestNo);
            }
            if ('busy' in recovered) {
              const busy = 'a request with this Idempotency-Key is still being created; retry in a moment';
              throw new HttpError(409, busy, undefined, 1);
            }
          }
        }
        let requestNo: string;
        try {
          requestNo = await numbers.claim(async (no) => {
            if (idemKey) await keys.attempt(caller.id, idemKey, no);
            await client.workflow.start<typeof serviceRequest>('serviceRequest', {
              taskQueue: config.taskQueue,
              workflowId: serviceRequestWorkflowId(no),
              workflowIdConflictPolicy: 'FAIL',
              workflowIdReusePolicy: 'REJECT_DUPLICATE',
              args: [{ requestNo: no, intake: body, receivedBy: actorOf(caller) }],
              ...(idemKey ? { memo: { intakeKey: keys.id(caller.id, idemKey) } } : {}),
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
          });
        } catch (err) {
          if (idemKey) await keys.release(caller.id, idemKey); // nothing was created: the caller may retry
          throw err;
        }
        if (idemKey) await keys.fill(caller.id, idemKey, requestNo); // only the key's holder writes it
        requestsReceived.inc({ kind: body.kind, channel: body.channel });
        res.locals.requestNo = requestNo;
        const workflowId = serviceRequestWorkflowId(requestNo);
        const token = await issueCustomerLink(
          config.authSecret,
          customer.customerId,
          requestNo,
          config.customerLinkTtl,
        );
        return {
          requestNo,
          workflowId,
          status: 'received',
          customerLink: `${config.publicUrl}/api/v1/requests/${requestNo}?token=${token}`,
          earlierRequests: await unitLog.recent(body.serialNumber, requestNo), // R-INTAKE-7: shown to the agent at once
        };
      },
    }),
  ];
}
