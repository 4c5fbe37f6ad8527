/**
 * What is left of a service contract's allowance (R-ENTITLE-1): for the agent on the phone and the
 * dispatcher (by contract), and for the customer on their request's signed link (by request).
 */
import { z } from '../../shared/common/schemaParts';
import * as s from '../../shared/serviceRequest/schemas';
import { HttpError } from '../http/errors';
import { route, type Route } from '../http/routes';
import { requestCalls, type RequestDeps } from '../serviceRequest/requestState';

const allowanceSchema = z
  .looseObject({ contractNo: z.string(), period: z.looseObject({ start: z.string(), end: z.string() }) })
  .openapi('ContractAllowance');
const contractParamSchema = z.strictObject({
  contractNo: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'a contract number'),
});
const onQuerySchema = z.strictObject({
  on: z.iso.date().optional().openapi({ description: 'the day (default today, UTC)' }),
});

export function contractRoutes(deps: RequestDeps): Route<any>[] {
  const { visibleState } = requestCalls(deps);
  async function allowanceOn(contractNo: string, day: string) {
    const found = await deps.repos.contract.allowanceOn(contractNo, day);
    if (!found) throw new HttpError(404, `no contract ${contractNo}`);
    const c = found.contract;
    if (!c.allowance?.period) throw new HttpError(404, `contract ${contractNo} states no allowance of visits or hours`);
    if (!found.use) throw new HttpError(409, `contract ${contractNo} runs from ${c.start} to ${c.end}, not on ${day}`);
    return { contractNo, ...found.use };
  }
  const today = () => new Date().toISOString().slice(0, 10);
  return [
    route({
      method: 'get',
      path: '/contracts/:contractNo/allowance',
      response: allowanceSchema,
      summary: 'What a service contract’s period has used and has left (visits, on-site hours)',
      roles: ['agent', 'dispatcher', 'manager', 'admin', 'service'],
      params: contractParamSchema,
      query: onQuerySchema,
      handler: async ({ params, query }) => allowanceOn(params.contractNo, (query as { on?: string }).on ?? today()),
    }),
    route({
      method: 'get',
      path: '/requests/:requestNo/contract-allowance',
      response: allowanceSchema,
      summary: 'What is left of the contract allowance the request counts against',
      roles: ['agent', 'dispatcher', 'manager', 'admin', 'service', 'customer'],
      params: s.requestNoParamSchema,
      handler: async ({ caller, params }) => {
        const v = await visibleState(caller, params.requestNo);
        if (!v.contractAllowance)
          throw new HttpError(404, `request ${v.requestNo} does not count against a contract's allowance`);
        return allowanceOn(v.contractAllowance.contractNo, today());
      },
    }),
  ];
}
