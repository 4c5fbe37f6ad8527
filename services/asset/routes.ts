/**
 * The installed base (R-ASSET-1): a unit's components as a tree with their serials, one component's
 * history (the serials it had and the requests about it), and the engineer's replacement of a component
 * during a visit — the old serial leaves, the new one is installed, with the day and the request.
 */
import { text, z } from '../../shared/common/schemaParts';
import * as s from '../../shared/serviceRequest/schemas';
import type { AssetNode } from '../../shared/storage/repositories/asset';
import { ReplacementConflict, replaceComponent } from '../../shared/storage/componentReplacement';
import { HttpError } from '../http/errors';
import { route, type Route } from '../http/routes';
import { requestCalls, type RequestDeps } from '../serviceRequest/requestState';

const READERS = ['agent', 'dispatcher', 'manager', 'admin', 'service', 'support', 'quality', 'engineer'] as const;
const assetSchema = z.looseObject({ assetId: z.string(), name: z.string() }).openapi('Asset');
const replacementSchema = z
  .strictObject({
    assetId: text(64),
    newSerial: text(64).openapi({ description: 'the serial of the part installed in its place' }),
    partNo: text(64).optional(),
  })
  .openapi('ComponentReplacement');
/** Statuses in which the engineer is at the unit and may change a component (check-in to sign-off). */
const AT_THE_UNIT = ['on_site', 'unit_received', 'diagnosed', 'awaiting_approval', 'repairing', 'work_done'];
const today = () => new Date().toISOString().slice(0, 10);
const pathText = (path: AssetNode[]) => path.map((a) => a.name).join(' › ');

export function assetRoutes(deps: RequestDeps): Route<any>[] {
  const { asset, masterData } = deps.repos;
  const { visibleState } = requestCalls(deps);
  return [
    route({
      method: 'get',
      path: '/units/:serialNumber/assets',
      summary: 'The components of a unit as a tree, each with its path and the serial installed now',
      roles: [...READERS],
      params: z.strictObject({ serialNumber: text(64) }),
      response: z.object({ unitSerial: z.string(), items: z.array(assetSchema) }).openapi('UnitAssets'),
      handler: async ({ params }) => {
        if (!(await masterData.units.get(params.serialNumber)))
          throw new HttpError(404, `no unit ${params.serialNumber}`);
        return { unitSerial: params.serialNumber, items: await asset.treeOf(params.serialNumber) };
      },
    }),
    route({
      method: 'get',
      path: '/assets/:assetId',
      summary: 'One component: its path, the serial installed now, the serials before it, the requests about it',
      roles: [...READERS],
      params: z.strictObject({ assetId: text(64) }),
      response: assetSchema,
      handler: async ({ params }) => {
        const found = await asset.pathOf(params.assetId);
        if (!found) throw new HttpError(404, `no component ${params.assetId}`);
        const a = found.path.at(-1)! as AssetNode & Record<string, unknown>;
        return {
          ...a,
          path: `${found.unitSerial} › ${pathText(found.path)}`,
          requests: await asset.requestsAbout(params.assetId),
        };
      },
    }),
    route<z.infer<typeof replacementSchema>>({
      method: 'post',
      path: '/requests/:requestNo/component-replacements',
      summary: 'Replace a component during the visit: the new serial is installed, the old one leaves',
      roles: ['engineer'],
      params: s.requestNoParamSchema,
      body: replacementSchema,
      success: 201,
      response: assetSchema,
      handler: async ({ caller, params, body, res }) => {
        const v = await visibleState(caller, params.requestNo); // an engineer sees only their own work (403)
        if (v.engineerId !== caller.id) throw new HttpError(403, `request ${v.requestNo} is not assigned to you`);
        if (!AT_THE_UNIT.includes(v.status))
          throw new HttpError(409, `request ${v.requestNo} is ${v.status}: a component is replaced during the visit`);
        const a = await asset.assets.get(body.assetId);
        if (!a || a.unitSerial !== v.intake.serialNumber || a.active === false)
          throw new HttpError(400, `body.assetId: ${body.assetId} is not a component of unit ${v.intake.serialNumber}`);
        if (body.partNo && !(await masterData.parts.get(body.partNo)))
          throw new HttpError(400, `body.partNo: no part ${body.partNo} in the catalogue`);
        try {
          const { repeated } = await replaceComponent(asset, {
            ...body,
            requestNo: v.requestNo,
            by: caller.id,
            day: today(),
          });
          if (repeated) res.locals.status = 200; // the same replacement again: a retry
        } catch (err) {
          if (err instanceof ReplacementConflict) throw new HttpError(409, err.message);
          throw err;
        }
        return asset.assets.get(body.assetId);
      },
    }),
  ];
}
