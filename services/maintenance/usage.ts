/**
 * Maintenance by usage over HTTP (R-ASSET-2): monitoring reports a unit's counters (running hours,
 * starts); each reading goes to the unit's usage meter by update-with-start, which opens the maintenance
 * a usage plan asks for when its threshold is reached. Staff read a unit's counters and what falls due next.
 */
import { WithStartWorkflowOperation, WorkflowUpdateFailedError } from '@temporalio/client';
import { text, z } from '../../shared/common/schemaParts';
import { usageMeterWorkflowId } from '../../shared/maintenance/ids';
import { reportUsageUpdate } from '../../shared/maintenance/messages';
import { usageReadingSchema } from '../../shared/maintenance/schemas';
import type { UsageRule } from '../../shared/maintenance/types';
import { nextThreshold } from '../../shared/maintenance/usage';
import type { Config } from '../../shared/runtime/config';
import type { usageMeter } from '../../workflows';
import { HttpError } from '../http/errors';
import { route, type Route } from '../http/routes';
import type { RequestDeps } from '../serviceRequest/requestState';

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
        const meterId = usageMeterWorkflowId(body.serialNumber, body.counter);
        const start = new WithStartWorkflowOperation<typeof usageMeter>('usageMeter', {
          workflowId: meterId,
          taskQueue: config.taskQueue,
          args: [{ serialNumber: body.serialNumber, counter: body.counter, readings: 0 }],
          workflowIdConflictPolicy: 'USE_EXISTING',
          staticSummary: `usage meter ${body.counter} of ${body.serialNumber} · opens maintenance by usage`,
        });
        try {
          const answer = await client.workflow.executeUpdateWithStart(reportUsageUpdate, {
            args: [{ value: body.value, observedAt: new Date(body.observedAt).toISOString() }],
            updateId: `usage:${body.messageId}`, // the same message again gets the first answer
            startWorkflowOperation: start,
          });
          if (answer.late) res.locals.status = 200;
          return { serialNumber: body.serialNumber, counter: body.counter, meterId, ...answer };
        } catch (err) {
          if (err instanceof WorkflowUpdateFailedError && /CounterWentBack/.test(String((err.cause as any)?.type)))
            throw new HttpError(409, err.cause!.message);
          throw err;
        }
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
  ];
}
