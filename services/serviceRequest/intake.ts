/**
 * Intake (R-INTAKE-1..7): a service request is received from any channel and its workflow started under
 * a fresh request number. With an Idempotency-Key, a retried call answers the request it made.
 */
import { intakeAnswerSchema } from '../../shared/serviceRequest/responses';
import type { Config } from '../../shared/runtime/config';
import * as s from '../../shared/serviceRequest/schemas';
import { HttpError } from '../http/errors';
import { route, type Route } from '../http/routes';
import type { RequestDeps } from './requestState';
import { requestStarter } from './startRequest';

export function intakeRoutes(deps: RequestDeps & { config: Config }): Route<any>[] {
  const startRequest = requestStarter(deps);
  return [
    route({
      method: 'post',
      path: '/requests',
      response: intakeAnswerSchema,
      summary: 'Receive a service request',
      roles: ['agent', 'service', 'admin'],
      body: s.intakeSchema,
      success: 201,
      handler: ({ caller, body, req, res }) => {
        if (body.kind === 'complaint')
          throw new HttpError(
            400,
            'body.kind: a complaint is not a field job; take it in at POST /api/v1/complaints (linked to the requests it is about)',
          );
        return startRequest({ caller, body, idemKey: req.get('idempotency-key'), res });
      },
    }),
  ];
}
