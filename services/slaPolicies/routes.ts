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
        const current = await policies.get(params.key);
        if (!current) throw new HttpError(404, `no SLA policy ${params.key}`);
        const earlier = await versionsOf(params.key, current.version);
        return {
          ...slaPolicyOf(current),
          versions: earlier
            .sort((a, b) => a.version - b.version)
            .map((v) => ({ version: v.version, changedBy: v.changedBy ?? null, at: (v as any).createdAt ?? null })),
        };
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
        const current = await policies.get(params.key);
        const version = (current?.version ?? 0) + 1;
        const doc = { key: params.key, version, ...body };
        // The unique version id decides between two admins publishing at once (no transactions needed).
        if (!(await versions.claim({ _id: `${params.key}@${version}`, ...doc, changedBy: caller.id })))
          throw new HttpError(
            409,
            `SLA policy ${params.key} was changed at the same time (version ${version} exists); read it again and retry`,
          );
        // Only the holder of the new version writes the current document.
        await policies.replace(params.key, doc);
        return slaPolicyOf(doc);
      },
    }),
  ];
}
