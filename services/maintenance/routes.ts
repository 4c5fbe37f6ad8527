/**
 * Maintenance plans over HTTP (R-MAINT-1/2): create a plan for a unit or a contract (its Temporal
 * Schedule with it), list plans and upcoming due dates, pause and resume with a reason, change the
 * interval or checklist (future occurrences only), trigger the next occurrence now, end it.
 */
import { ScheduleNotFoundError } from '@temporalio/client';
import { createHash, randomUUID } from 'node:crypto';
import type { Role } from '../../shared/common/actor';
import { dueDatesBetween, addDays } from '../../shared/maintenance/dueDates';
import { maintenanceScheduleId, maintenanceTickId } from '../../shared/maintenance/ids';
import * as s from '../../shared/maintenance/schemas';
import type { Config } from '../../shared/runtime/config';
import { z } from '../../shared/common/schemaParts';
import type { maintenanceTick } from '../../workflows';
import { HttpError } from '../http/errors';
import { actorOf, route, type Route } from '../http/routes';
import type { RequestDeps } from '../serviceRequest/requestState';
import { calendarOf, createPlanSchedule, specOf } from './schedule';

const PLANNERS: Role[] = ['dispatcher', 'admin'];
const STAFF: Role[] = ['agent', 'dispatcher', 'admin', 'service'];
const today = () => new Date().toISOString().slice(0, 10);
const answer = z.looseObject({ planId: z.string(), status: z.string() }).openapi('MaintenancePlanAnswer');
const list = z.object({ items: z.array(z.looseObject({})) }).openapi('MaintenanceList');

export function maintenanceRoutes(deps: RequestDeps & { config: Config }): Route<any>[] {
  const { client, repos, config } = deps;
  const { masterData, maintenance } = repos;
  const schedule = (planId: string) => client.schedule.getHandle(maintenanceScheduleId(planId));
  const planOf = async (planId: string) => {
    const plan = await maintenance.plans.get(planId);
    if (!plan) throw new HttpError(404, `maintenance plan ${planId} not found`);
    return plan;
  };
  /** Opens the next occurrence now (or answers the one already open for that due date). */
  const tick = (planId: string, notBefore: string) =>
    client.workflow.execute<typeof maintenanceTick>('maintenanceTick', {
      taskQueue: config.taskQueue,
      workflowId: `${maintenanceTickId(planId)}-now-${randomUUID().slice(0, 8)}`,
      args: [{ planId, notBefore }],
      staticSummary: `maintenance plan ${planId}: opened by hand`,
    });
  const change = async (planId: string, by: string, what: Record<string, unknown>) => {
    const plan = await planOf(planId);
    const changes = [...((plan.changes as unknown[]) ?? []), { at: new Date().toISOString(), by, ...what }];
    await maintenance.change(planId, plan.version + 1, changes, what);
    return { ...(await planOf(planId)) };
  };
  const live = (status: string) => {
    if (status === 'ended') throw new HttpError(409, 'the plan has ended');
  };

  return [
    route({
      method: 'post',
      path: '/maintenance-plans',
      summary: 'Create a maintenance plan for a unit or a contract (a Temporal Schedule opens each occurrence)',
      roles: PLANNERS,
      body: s.planSchema,
      response: answer,
      success: 201,
      handler: async ({ caller, body, req, res }) => {
        const unit = body.serialNumber ? await masterData.units.get(body.serialNumber) : null;
        if (body.serialNumber && !unit) throw new HttpError(400, `body.serialNumber: no unit ${body.serialNumber}`);
        const contract = body.contractNo ? await masterData.contracts.get(body.contractNo) : null;
        if (body.contractNo && !contract) throw new HttpError(400, `body.contractNo: no contract ${body.contractNo}`);
        const customerId = unit?.customerId ?? contract!.customerId;
        const customer = await masterData.customers.get(customerId);
        const region = unit ? (await masterData.siteOfUnit(unit, customer)).region : customer?.region;
        const endsOn = contract?.end;
        if (endsOn && body.firstDue && body.firstDue > endsOn)
          throw new HttpError(400, `body.firstDue: ${body.firstDue} is after the contract ends (${endsOn})`);
        if (endsOn && endsOn < today()) throw new HttpError(409, `contract ${body.contractNo} ended on ${endsOn}`);
        const idem = req.get('idempotency-key');
        const planId = `MP-${(idem ? createHash('sha256').update(`${caller.id}:${idem}`).digest('hex') : randomUUID().replace(/-/g, '')).slice(0, 8).toUpperCase()}`;
        if (idem && (await maintenance.plans.has(planId))) {
          res.locals.status = 200;
          return planOf(planId);
        }
        const plan = {
          _id: planId,
          planId,
          ...body,
          customerId,
          ...(region ? { region } : {}),
          status: 'active',
          ...(endsOn ? { endsOn } : {}),
          version: 1,
          changes: [{ at: new Date().toISOString(), by: caller.id, created: true }],
        };
        await maintenance.plans.add(plan);
        const what = `${body.serialNumber ?? `contract ${body.contractNo}`} every ${body.everyMonths} months${body.usage ? ` or ${body.usage.every} ${body.usage.counter}` : ''}`;
        const calendar = calendarOf({ ...body, ...(endsOn ? { endsOn } : {}) });
        try {
          if (calendar) await createPlanSchedule(client, config.taskQueue, planId, calendar, what);
        } catch (err) {
          await maintenance.plans.remove(planId); // no plan without its schedule
          throw err;
        }
        // The first occurrence opens at once when its opening day has come already (usage plans: a reading opens it).
        const opened =
          calendar && addDays(calendar.firstDue, -body.leadDays) <= today() ? await tick(planId, today()) : undefined;
        return { ...plan, ...(opened ? { opened } : {}) };
      },
    }),
    route({
      method: 'get',
      path: '/maintenance-plans',
      summary: 'List maintenance plans (unit, contract, region, status)',
      roles: STAFF,
      query: s.planListQuerySchema,
      response: list,
      handler: async ({ query }) => ({
        items: await maintenance.list(query as Record<string, string>, 500),
      }),
    }),
    route({
      method: 'get',
      path: '/maintenance-plans/upcoming',
      summary: 'Upcoming maintenance due dates (plan, unit, region), soonest first',
      roles: STAFF,
      query: s.upcomingQuerySchema,
      response: list,
      handler: async ({ query }) => {
        const q = query as ReturnType<typeof s.upcomingQuerySchema.parse>;
        const from = q.from ?? today();
        const to = q.to ?? addDays(from, 90);
        const plans = await maintenance.active(q, 1000);
        const items = plans.flatMap((p) => {
          const calendar = calendarOf(p); // a usage plan falls due by its counter: no date to list
          return (calendar ? dueDatesBetween(calendar, from, to) : []).map((dueDate) => ({
            planId: p.planId,
            ...(p.serialNumber ? { serialNumber: p.serialNumber } : { contractNo: p.contractNo }),
            region: p.region ?? null,
            dueDate,
            opensOn: addDays(dueDate, -p.leadDays),
          }));
        });
        return { items: items.sort((a, b) => a.dueDate.localeCompare(b.dueDate)) };
      },
    }),
    route({
      method: 'get',
      path: '/maintenance-plans/:planId',
      summary: 'A plan with its schedule (paused, next openings), upcoming due dates and the requests it opened',
      roles: STAFF,
      params: s.planIdParamSchema,
      response: answer,
      handler: async ({ params }) => {
        const plan = await planOf(params.planId);
        const timing = calendarOf(plan);
        const occurrences = await maintenance.occurrencesOf(plan.planId);
        let scheduleState: Record<string, unknown> = { exists: false };
        try {
          const d = await schedule(plan.planId).describe();
          scheduleState = {
            exists: true,
            paused: d.state.paused,
            note: d.state.note ?? null,
            nextOpenings: d.info.nextActionTimes,
          };
        } catch (err) {
          if (!(err instanceof ScheduleNotFoundError)) throw err;
        }
        const ended = plan.status === 'ended' || (!!plan.endsOn && plan.endsOn < today());
        return {
          ...plan,
          status: ended ? 'ended' : plan.status,
          schedule: scheduleState,
          upcoming: timing ? dueDatesBetween(timing, today(), addDays(today(), 366), 12) : [],
          occurrences,
        };
      },
    }),
    route({
      method: 'post',
      path: '/maintenance-plans/:planId/pause',
      summary: 'Pause a plan, with a reason',
      roles: PLANNERS,
      params: s.planIdParamSchema,
      body: s.planReasonSchema,
      response: answer,
      handler: async ({ caller, params, body }) => {
        const plan = await planOf(params.planId);
        live(plan.status);
        if (plan.status === 'paused') throw new HttpError(409, 'the plan is already paused');
        if (calendarOf(plan)) await schedule(plan.planId).pause(`paused by ${caller.id}: ${body.reason}`);
        return change(plan.planId, caller.id, { status: 'paused', reason: body.reason });
      },
    }),
    route({
      method: 'post',
      path: '/maintenance-plans/:planId/resume',
      summary: 'Resume a paused plan',
      roles: PLANNERS,
      params: s.planIdParamSchema,
      body: s.planReasonSchema,
      response: answer,
      handler: async ({ caller, params, body }) => {
        const plan = await planOf(params.planId);
        if (plan.status !== 'paused') throw new HttpError(409, `the plan is ${plan.status}, not paused`);
        if (calendarOf(plan)) await schedule(plan.planId).unpause(`resumed by ${caller.id}: ${body.reason}`);
        return change(plan.planId, caller.id, { status: 'active', reason: body.reason });
      },
    }),
    route({
      method: 'post',
      path: '/maintenance-plans/:planId/change',
      summary: 'Change interval, lead time, checklist or window (future occurrences only), with a reason',
      roles: PLANNERS,
      params: s.planIdParamSchema,
      body: s.planChangeSchema,
      response: answer,
      handler: async ({ caller, params, body }) => {
        const plan = await planOf(params.planId);
        live(plan.status);
        const { reason, ...what } = body;
        if (what.usage && !plan.usage)
          throw new HttpError(409, 'the plan follows the calendar only: create a usage plan');
        if (what.everyMonths && !plan.everyMonths)
          throw new HttpError(409, 'the plan follows usage only: it has no calendar');
        const timing = calendarOf({ ...plan, ...what });
        if (timing) await schedule(plan.planId).update((prev) => ({ ...prev, spec: specOf(timing) }));
        return change(plan.planId, caller.id, { ...what, reason });
      },
    }),
    route({
      method: 'post',
      path: '/maintenance-plans/:planId/trigger',
      summary: 'Open the next occurrence now (never twice for one due date)',
      roles: PLANNERS,
      params: s.planIdParamSchema,
      response: z.looseObject({ opened: z.array(z.string()) }).openapi('MaintenanceTriggered'),
      handler: async ({ params }) => {
        const plan = await planOf(params.planId);
        if (plan.status !== 'active') throw new HttpError(409, `the plan is ${plan.status}: resume it first`);
        if (!calendarOf(plan)) throw new HttpError(409, 'the plan follows usage only: its counter readings open it');
        return tick(plan.planId, today());
      },
    }),
    route({
      method: 'post',
      path: '/maintenance-plans/:planId/end',
      summary: 'End a plan (its schedule is removed; requests already open go on)',
      roles: PLANNERS,
      params: s.planIdParamSchema,
      body: s.planReasonSchema,
      response: answer,
      handler: async ({ caller, params, body }) => {
        const plan = await planOf(params.planId);
        live(plan.status);
        await schedule(plan.planId)
          .delete()
          .catch((err: unknown) => {
            if (!(err instanceof ScheduleNotFoundError)) throw err;
          });
        return change(plan.planId, actorOf(caller).id, { status: 'ended', reason: body.reason });
      },
    }),
  ];
}
