/**
 * Maintenance by usage over HTTP (R-ASSET-2): monitoring reports a unit's counters (running hours,
 * starts); each reading goes to the unit's usage meter by update-with-start, which opens the maintenance
 * a usage plan asks for when its threshold is reached. Staff read a unit's counters and what falls due next.
 */
import { text, z } from '../../shared/common/schemaParts';
import { usageReadingSchema } from '../../shared/maintenance/schemas';
import type { UsageRule } from '../../shared/maintenance/types';
import { nextThreshold } from '../../shared/maintenance/usage';
import type { Config } from '../../shared/runtime/config';
import { HttpError } from '../http/errors';
import { route, type Route } from '../http/routes';
import type { RequestDeps } from '../serviceRequest/requestState';
import { meterCalls } from './meterCalls';

const resetSchema = z
  .strictObject({
    value: z.number().min(0).default(0).openapi({ description: 'what the new or zeroed meter shows now' }),
    reason: text(500).openapi({ example: 'hour meter replaced with the controller board' }),
  })
  .openapi('MeterReset');
const READERS = ['agent', 'dispatcher', 'manager', 'admin', 'service', 'support', 'quality', 'engineer'] as const;
const answerSchema = z
  .looseObject({
    serialNumber: z.string(),
    counter: z.string(),
    value: z.number(),
    highest: z.number(),
    opened: z.array(z.looseObject({ planId: z.string(), threshold: z.number(), occurrenceId: z.string() })),
  })
  .openapi('UsageReadingAnswer');

export function usageRoutes(deps: RequestDeps & { config: Config }): Route<any>[] {
  const { client, repos, config } = deps;
  const meters = meterCalls(client, config);
  return [
    route({
      method: 'post',
      path: '/iot/usage-readings',
      summary: 'Report a unit counter (running hours, starts): opens the maintenance a usage plan asks for',
      roles: ['service'],
      body: usageReadingSchema,
      response: answerSchema,
      success: 201,
      handler: async ({ body, res }) => {
        if (!(await repos.masterData.units.get(body.serialNumber)))
          throw new HttpError(400, `body.serialNumber: no unit with serial number ${body.serialNumber}`);
        const answer = await meters.report(body);
        if (answer.late) res.locals.status = 200;
        return { serialNumber: body.serialNumber, counter: body.counter, ...answer };
      },
    }),
    route({
      method: 'get',
      path: '/units/:serialNumber/usage',
      summary: "A unit's counters as last reported and, for each usage plan, the counter value next due",
      roles: [...READERS],
      params: z.strictObject({ serialNumber: text(64) }),
      response: z.looseObject({ serialNumber: z.string(), counters: z.array(z.looseObject({})) }).openapi('UnitUsage'),
      handler: async ({ params }) => {
        const unit = await repos.masterData.units.get(params.serialNumber);
        if (!unit) throw new HttpError(404, `no unit ${params.serialNumber}`);
        const [meters, plans] = await Promise.all([
          repos.maintenance.metersOf(unit.serialNumber),
          repos.maintenance.usagePlansOf(unit.serialNumber, unit.contractNo ?? undefined),
        ]);
        return {
          serialNumber: unit.serialNumber,
          counters: meters.map((m) => ({ counter: m.counter, value: m.value, observedAt: m.observedAt })),
          plans: plans.map((p) => {
            const rule = p.usage as UsageRule;
            const value = meters.find((m) => m.counter === rule.counter)?.value ?? rule.from;
            const next = nextThreshold(rule, value);
            return { planId: p.planId, ...rule, value, nextThreshold: next, left: Math.max(0, next - value) };
          }),
        };
      },
    }),
    route({
      method: 'post',
      path: '/units/:serialNumber/usage/:counter/reset',
      summary: 'A meter was replaced or zeroed: its readings start again from value; the plans count on',
      roles: ['admin', 'support', 'service'],
      params: z.strictObject({ serialNumber: text(64), counter: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/) }),
      body: resetSchema,
      response: z.looseObject({ counter: z.string(), offset: z.number().optional() }).openapi('MeterAfterReset'),
      handler: async ({ caller, params, body }) =>
        meters.reset(params.serialNumber, params.counter, {
          value: body.value,
          reason: body.reason,
          by: caller.id,
          at: new Date().toISOString(),
        }),
    }),
  ];
}
