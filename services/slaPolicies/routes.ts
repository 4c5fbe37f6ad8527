/**
 * SLA policies as data (R-SLA-1/2): list, read with every version, and publish a new version.
 * A running request keeps the version it started with; only new requests see a change.
 */
import { slaPolicyOf } from '../../shared/sla/policy';
import type { Repositories } from '../../shared/storage/repositories';
import { z } from '../../shared/common/schemaParts';
import * as s from '../../shared/sla/schemas';
import { HttpError } from '../http/errors';
import { route, type Route } from '../http/routes';
import { publishVersion, withVersions } from './versions';

const policySchema = z
  .looseObject({ key: z.string(), version: z.number().int(), name: z.string() })
  .openapi('SlaPolicyVersion');
const policyListSchema = z.object({ items: z.array(policySchema) }).openapi('SlaPolicyList');
const policyWithVersionsSchema = policySchema
  .extend({ versions: z.array(z.looseObject({ version: z.number().int() })) })
  .openapi('SlaPolicyWithVersions');

const READERS = ['agent', 'dispatcher', 'admin', 'service'] as const;

export function slaPolicyRoutes(deps: { repos: Repositories }): Route<any>[] {
  const { policies, versions, versionsOf, all } = deps.repos.slaPolicies;
  const store = { current: policies, versions, versionsOf };
  return [
    route({
      method: 'get',
      path: '/sla-policies',
      response: policyListSchema,
      summary: 'List the current SLA policies',
      roles: [...READERS],
      handler: async () => ({ items: (await all()).map(slaPolicyOf) }),
    }),
    route({
      method: 'get',
      path: '/sla-policies/:key',
      response: policyWithVersionsSchema,
      summary: 'Get an SLA policy with its earlier versions',
      roles: [...READERS],
      params: s.slaPolicyParamSchema,
      handler: async ({ params }) => {
        const { current, versions } = await withVersions(store, 'SLA policy', params.key);
        return { ...slaPolicyOf(current), versions };
      },
    }),
    route<s.SlaPolicyInput>({
      method: 'put',
      path: '/sla-policies/:key',
      response: policySchema,
      summary: 'Publish a new version of an SLA policy (new requests only)',
      roles: ['admin'],
      params: s.slaPolicyParamSchema,
      body: s.slaPolicySchema,
      handler: async ({ caller, params, body }) => {
        const calendar = body.businessHours?.calendar;
        if (calendar && !(await deps.repos.calendars.calendars.get(calendar)))
          throw new HttpError(
            400,
            `businessHours.calendar: no business calendar ${calendar} (GET /calendars lists them)`,
          );
        const doc = await publishVersion(store, 'SLA policy', params.key, body, caller.id);
        return slaPolicyOf(doc);
      },
    }),
  ];
}
