/**
 * Carry-in repair over HTTP (R-TRIAGE-2, 002 §2.1.3 送修): the service points intake can send a customer to,
 * the counter's receipt of the unit, which names the bench engineer, and a change of bench engineer. The rest of the job — diagnosis,
 * quotation, work, and the sign-off at collection — goes through the same steps as a visit.
 */
import { z } from '../../shared/common/schemaParts';
import { benchEngineerSchema, unitReceiptSchema } from '../../shared/serviceRequest/carryInSchemas';
import * as m from '../../shared/serviceRequest/messages';
import { stepAnswerSchema } from '../../shared/serviceRequest/responses';
import * as s from '../../shared/serviceRequest/schemas';
import { HttpError } from '../http/errors';
import { route, type Route } from '../http/routes';
import { stepRoute } from '../http/workflowCalls';
import { certificationCheck } from './certificationCheck';
import { STAFF } from './queries';
import { requestCalls, type RequestDeps } from './requestState';

const servicePointsSchema = z
  .array(z.looseObject({ servicePointId: z.string(), name: z.string(), address: z.string() }))
  .openapi('ServicePoints');

export function carryInRoutes(deps: RequestDeps): Route<any>[] {
  const { masterData } = deps.repos;
  const { update, stateOf } = requestCalls(deps);
  const uncertifiedFor = certificationCheck(masterData, stateOf);
  const step = stepRoute(s.requestNoParamSchema, 'requestNo', stepAnswerSchema);
  const activeEngineer = async (id: string) => {
    const engineer = await masterData.engineers.get(id);
    if (!engineer || engineer.active === false) throw new HttpError(400, `body.engineerId: no active engineer ${id}`);
    return engineer;
  };
  return [
    route({
      method: 'get',
      path: '/service-points',
      summary: 'The service points a customer can bring a unit to for carry-in repair',
      roles: [...STAFF, 'engineer'],
      response: servicePointsSchema,
      handler: async () =>
        (await masterData.activeServicePoints()).map(({ _id, ...p }) => ({ ...p, servicePointId: _id })),
    }),
    step(
      '/requests/:requestNo/unit-received',
      'The service point received the unit of a carry-in repair: its condition, what came with it, the bench engineer',
      ['agent', 'dispatcher', 'admin'],
      unitReceiptSchema,
      async (no, a, b) => {
        const engineer = await activeEngineer(b.engineerId);
        // R-CERT-1: the bench engineer needs the certification the product line requires, as on site.
        const uncertified = await uncertifiedFor(no, engineer);
        if (uncertified) throw new HttpError(409, `engineer ${b.engineerId} may not repair this unit: ${uncertified}`);
        return update(no, m.receiveUnitUpdate, a, b);
      },
    ),
    step(
      '/requests/:requestNo/bench-engineer',
      'Another bench engineer takes over a carry-in unit before its work is recorded, with the reason',
      ['agent', 'dispatcher', 'admin'],
      benchEngineerSchema,
      async (no, a, b) => {
        const engineer = await activeEngineer(b.engineerId);
        const uncertified = await uncertifiedFor(no, engineer);
        if (uncertified) throw new HttpError(409, `engineer ${b.engineerId} may not repair this unit: ${uncertified}`);
        return update(no, m.changeBenchEngineerUpdate, a, b);
      },
    ),
  ];
}
