/**
 * Intake (R-INTAKE-1..7): a service request is received from any channel and its workflow started under
 * a fresh request number. With an Idempotency-Key, a retried call answers the request it made.
 */
import { issueCustomerLink } from '../../shared/runtime/auth';
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
import type { RequestDeps } from './requestState';

export function intakeRoutes(deps: RequestDeps & { config: Config }): Route<any>[] {
  const { client, models, config } = deps;
  const numbers = new RequestNumbers(models);
  const keys = new IntakeKeys(models);
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

        // With an Idempotency-Key, the key is claimed first (unique insert); the number is filled in once started.
        if (idemKey) {
          const claim = await keys.claim(caller.id, idemKey);
          if (!claim.claimed && !claim.requestNo) {
            throw new HttpError(409, 'a request with this Idempotency-Key is still being created; retry in a moment');
          }
          if (!claim.claimed) {
            res.locals.status = 200;
            return replay(claim.requestNo!);
          }
        }
        let requestNo: string;
        try {
          requestNo = await numbers.claim((no) =>
            client.workflow
              .start<typeof serviceRequest>('serviceRequest', {
                taskQueue: config.taskQueue,
                workflowId: serviceRequestWorkflowId(no),
                workflowIdConflictPolicy: 'FAIL',
                workflowIdReusePolicy: 'REJECT_DUPLICATE',
                args: [{ requestNo: no, intake: body, receivedBy: actorOf(caller) }],
                typedSearchAttributes: [
                  { key: SA.status, value: 'received' },
                  { key: SA.urgency, value: body.urgency },
                  { key: SA.region, value: body.region },
                  { key: SA.customer, value: body.customerId },
                  { key: SA.kind, value: body.kind },
                ],
              })
              .then(() => undefined),
          );
        } catch (err) {
          if (idemKey) await keys.release(caller.id, idemKey); // nothing was created: the caller may retry
          throw err;
        }
        if (idemKey) await keys.fill(caller.id, idemKey, requestNo); // only the key's holder writes it
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
