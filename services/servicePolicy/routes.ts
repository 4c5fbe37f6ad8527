/**
 * The service policy as versioned data, like SLA policies: read it with every version, publish a new
 * one. A request copies the policy at intake and keeps it, so a change applies to new requests only.
 */
import { SERVICE_POLICY_KEY } from '../../activities/serviceRequest/intake';
import { z } from '../../shared/common/schemaParts';
import { servicePolicySchema, type ServicePolicyInput } from '../../shared/servicePolicy/schemas';
import type { Repositories } from '../../shared/storage/repositories';
import { HttpError } from '../http/errors';
import { route, type Route } from '../http/routes';

const FIELDS = Object.keys(servicePolicySchema.shape) as (keyof ServicePolicyInput)[];

const currentSchema = z
  .looseObject({ version: z.number().int(), changedBy: z.string().nullable(), at: z.string().nullable() })
  .openapi('ServicePolicyVersion');
const withVersionsSchema = currentSchema.extend({ versions: z.array(currentSchema) }).openapi('ServicePolicyHistory');

type Stored = Record<string, unknown> & { version: number; changedBy?: string; createdAt?: Date; updatedAt?: Date };
function shown(doc: Stored) {
  const out: Record<string, unknown> = { version: doc.version };
  for (const f of FIELDS) if (doc[f] !== undefined) out[f] = doc[f];
  const at = doc.createdAt ?? doc.updatedAt;
  return { ...out, changedBy: doc.changedBy ?? null, at: at ? new Date(at).toISOString() : null };
}

export function servicePolicyRoutes(deps: { repos: Repositories }): Route<any>[] {
  const { policies, versions, versionsOf } = deps.repos.servicePolicy;
  return [
    route({
      method: 'get',
      path: '/service-policy',
      response: withVersionsSchema,
      summary: 'Get the service policy (follow-up, reminders, retention, quotations, warranty) with every version',
      roles: ['dispatcher', 'quality', 'manager', 'admin', 'service'],
      handler: async () => {
        const current = (await policies.get(SERVICE_POLICY_KEY)) as Stored | null;
        if (!current) throw new HttpError(404, 'no service policy yet: seed master data (npm run seed)');
        const earlier = (await versionsOf(SERVICE_POLICY_KEY, current.version)) as unknown as Stored[];
        return { ...shown(current), versions: earlier.sort((a, b) => a.version - b.version).map(shown) };
      },
    }),
    route<ServicePolicyInput>({
      method: 'put',
      path: '/service-policy',
      response: currentSchema,
      summary: 'Publish a new version of the service policy (new requests only; running ones keep theirs)',
      roles: ['admin'],
      body: servicePolicySchema,
      handler: async ({ caller, body }) => {
        const current = (await policies.get(SERVICE_POLICY_KEY)) as Stored | null;
        // The seeded version (no history entry of its own) becomes the first entry of the history.
        if (current) await versions.addMissing({ ...current, _id: `${SERVICE_POLICY_KEY}@${current.version}` });
        const version = (current?.version ?? 0) + 1;
        const doc = { key: SERVICE_POLICY_KEY, version, kpiTargets: current?.kpiTargets, ...body };
        if (!(await versions.claim({ _id: `${SERVICE_POLICY_KEY}@${version}`, ...doc, changedBy: caller.id })))
          throw new HttpError(
            409,
            `the service policy was changed at the same time (version ${version} exists); read it again and retry`,
          );
        // Only the holder of the new version writes the current document.
        await policies.replace(SERVICE_POLICY_KEY, { ...doc, changedBy: caller.id });
        return shown({ ...doc, changedBy: caller.id, createdAt: new Date() });
      },
    }),
  ];
}
