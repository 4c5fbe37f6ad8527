/**
 * Master data an enterprise runs (issue: master data): customers, units, contracts, product lines,
 * engineers, regions, warehouses, parts and prices under /admin/<kind>. Create, read (with every
 * version), list, update, deactivate and reactivate: never a hard delete of what a request refers to.
 */
import { z } from '../../shared/common/schemaParts';
import { MASTER_DATA, MASTER_DATA_KINDS, reasonBody, type MasterDataKind } from '../../shared/masterData/schemas';
import { MasterDataError, RULES } from '../../shared/storage/masterDataRules';
import type { Repositories } from '../../shared/storage/repositories';
import type { Client } from '@temporalio/client';
import { serviceRequestWorkflowId } from '../../shared/serviceRequest/ids';
import { getStateQuery } from '../../shared/serviceRequest/messages';
import { followContractEnd } from '../maintenance/contractRenewal';
import { HttpError } from '../http/errors';
import { route, type Route } from '../http/routes';

const READERS = ['admin', 'dispatcher', 'agent'] as const;
const record = z.looseObject({ version: z.number().int().optional(), active: z.boolean().optional() });
const listQuery = z.strictObject({
  active: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** Storage refusals become HTTP: 400 names the field, 404 the record, 409 why not now. */
const http = async <T>(fn: () => Promise<T>): Promise<T> => {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof MasterDataError) throw new HttpError(err.status, err.message);
    throw err;
  }
};

export function masterDataRoutes(deps: { repos: Repositories; client: Client }): Route<any>[] {
  const data = deps.repos.masterData.admin;
  /** Asks the request's workflow: one cancelled a moment ago may still be in the open-work projection. */
  const stillOpen = (requestNo: string) =>
    deps.client.workflow
      .getHandle(serviceRequestWorkflowId(requestNo))
      .query(getStateQuery)
      .then(
        (v) => !['closed', 'cancelled', 'aborted'].includes(v.status),
        () => true, // cannot tell: the listing stands
      );
  // A renewed contract carries its maintenance plans on to its new end (R-MAINT-2).
  const after = async (kind: MasterDataKind, doc: Record<string, any>, by: string) => {
    if (kind === 'contracts') await followContractEnd(deps, doc.contractNo, doc.end, by);
  };
  return MASTER_DATA_KINDS.flatMap((kind) => routesOf(kind, data, after, stillOpen));
}

function routesOf(
  kind: MasterDataKind,
  data: Repositories['masterData']['admin'],
  after: (kind: MasterDataKind, doc: Record<string, any>, by: string) => Promise<void>,
  stillOpen: (requestNo: string) => Promise<boolean>,
): Route<any>[] {
  const { noun, idField } = RULES[kind];
  const schema = MASTER_DATA[kind];
  const name = kind.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase());
  const params = z.strictObject({ id: z.string().max(64) });
  const base = `/admin/${kind}`;
  return [
    route({
      method: 'post',
      path: base,
      summary: `Create a ${noun}`,
      roles: ['admin'],
      body: (schema as z.ZodObject).openapi(`${name}Record`),
      response: record,
      success: 201,
      handler: ({ caller, body }) => http(() => data.create(kind, body as Record<string, unknown>, caller.id)),
    }),
    route({
      method: 'get',
      path: base,
      summary: `List ${kind.replace('-', ' ')} (active=true|false)`,
      roles: [...READERS],
      query: listQuery,
      response: z.object({
        items: z.array(record),
        total: z.number().int(),
        limit: z.number().int(),
        offset: z.number().int(),
      }),
      handler: ({ query }) => {
        const q = query as z.infer<typeof listQuery>;
        return data.list(kind, {
          ...(q.active ? { active: q.active === 'true' } : {}),
          limit: q.limit,
          offset: q.offset,
        });
      },
    }),
    route({
      method: 'get',
      path: `${base}/:id`,
      summary: `Get a ${noun} with every version (who, when, what)`,
      roles: [...READERS],
      params,
      response: record,
      handler: ({ params: p }) =>
        http(async () => ({ ...(await data.get(kind, p.id)), versions: await data.versions(kind, p.id) })),
    }),
    route({
      method: 'put',
      path: `${base}/:id`,
      summary: `Change a ${noun} (only the fields sent; a new version)`,
      roles: ['admin'],
      params,
      body: (schema as z.ZodObject).partial().extend({ reason: z.string().trim().max(500).optional() }),
      response: record,
      handler: ({ caller, params: p, body }) =>
        http(async () => {
          const { reason, ...patch } = body as Record<string, unknown> & { reason?: string };
          if (Object.keys(patch).length === 0)
            throw new MasterDataError(400, `body: nothing to change; send fields of the ${noun}`);
          if (patch[idField] !== undefined && patch[idField] !== p.id)
            throw new MasterDataError(400, `body.${idField}: the id cannot change (${p.id})`);
          const changed = await data.update(kind, p.id, patch, caller.id, reason);
          await after(kind, changed, caller.id);
          return changed;
        }),
    }),
    route({
      method: 'post',
      path: `${base}/:id/deactivate`,
      summary: `Deactivate a ${noun} (kept for the requests that refer to it)`,
      roles: ['admin'],
      params,
      body: reasonBody,
      response: record,
      handler: ({ caller, params: p, body }) =>
        http(() => data.setActive(kind, p.id, false, caller.id, body.reason, stillOpen)),
    }),
    route({
      method: 'post',
      path: `${base}/:id/reactivate`,
      summary: `Reactivate a ${noun}`,
      roles: ['admin'],
      params,
      body: reasonBody,
      response: record,
      handler: ({ caller, params: p, body }) => http(() => data.setActive(kind, p.id, true, caller.id, body.reason)),
    }),
  ];
}
