/**
 * Improvement actions over HTTP (R-FOLLOW-2): open one by hand (an inspection finding, a supervisor),
 * list and filter them (owner, status, source, overdue), read one, and move it through its steps.
 * The workflow decides who may do what (owner; quality or admin verify, never their own).
 */
import { WorkflowNotFoundError } from '@temporalio/client';
import { createHash, randomUUID } from 'node:crypto';
import type { Role } from '../../shared/common/actor';
import { improvementWorkflowId } from '../../shared/improvement/ids';
import { improvementOpener } from './open';
import * as m from '../../shared/improvement/messages';
import * as r from '../../shared/improvement/responses';
import * as s from '../../shared/improvement/schemas';
import type { Config } from '../../shared/runtime/config';
import { HttpError } from '../http/errors';
import { actorOf, route, type Route } from '../http/routes';
import { stepRoute, workflowCalls } from '../http/workflowCalls';
import type { RequestDeps } from '../serviceRequest/requestState';

const STAFF: Role[] = ['agent', 'dispatcher', 'engineer', 'support', 'quality', 'manager', 'admin'];
/** Roles that may own an action but see only the ones they own (least privilege). */
const OWNERS_ONLY: Role[] = ['engineer', 'support'];

export function improvementRoutes(deps: RequestDeps & { config: Config }): Route<any>[] {
  const { client, repos } = deps;
  const opener = improvementOpener(deps);
  const calls = workflowCalls(client, {
    workflowId: improvementWorkflowId,
    noun: 'improvement action',
    known: opener.known,
  });
  const step = stepRoute(s.actionIdParamSchema, 'actionId', r.improvementAnswerSchema);

  async function actionOf(actionId: string): Promise<{ owner?: { id: string } }> {
    try {
      return await calls.handleOf(actionId).query(m.getImprovementQuery);
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
      // Past Temporal's retention the read model still has the action with its history.
      const row = await repos.improvement.actions.get(actionId, { _id: 0 });
      if (row?.history) return { ...row, owner: { id: row.ownerId ?? '' } };
      throw new HttpError(404, `improvement action ${actionId} not found`);
    }
  }

  return [
    route({
      method: 'post',
      path: '/improvement-actions',
      summary: 'Open an improvement action by hand (an inspection finding, a supervisor)',
      roles: ['dispatcher', 'quality', 'manager', 'admin'],
      body: s.openImprovementSchema,
      response: r.improvementOpenedSchema,
      success: 201,
      handler: async ({ caller, body, req, res }) => {
        if (body.source === 'inspection') {
          if (!body.sourceRef)
            throw new HttpError(400, 'body.sourceRef: the inspection id is required for source inspection');
          if (!(await repos.fieldTrip.inspections.has(body.sourceRef)))
            throw new HttpError(400, `body.sourceRef: no quality inspection ${body.sourceRef}`);
        }
        // With an Idempotency-Key the id follows from it, so a retry finds the action it opened.
        const idem = req.get('idempotency-key');
        const actionId = idem
          ? `IA-M-${createHash('sha256').update(`${caller.role}:${caller.id}:${idem}`).digest('hex').slice(0, 12).toUpperCase()}`
          : `IA-M-${randomUUID().slice(0, 12).toUpperCase()}`;
        const { existed, ...opened } = await opener.open({ ...body, actionId, openedBy: actorOf(caller) });
        if (existed) res.locals.status = 200; // a retry: the action this key opened
        return opened;
      },
    }),
    route({
      method: 'get',
      path: '/improvement-actions',
      summary: 'List improvement actions (owner, status, source, the request or complaint, overdue)',
      roles: STAFF,
      query: s.listImprovementsQuerySchema,
      response: r.improvementListSchema,
      handler: async ({ caller, query }) => {
        const q = query as ReturnType<typeof s.listImprovementsQuerySchema.parse>;
        let ownerId = q.owner;
        if (OWNERS_ONLY.includes(caller.role)) {
          if (q.owner && q.owner !== caller.id)
            throw new HttpError(403, `a ${caller.role} lists only the actions they own`);
          ownerId = caller.id;
        }
        const now = new Date().toISOString();
        const { items: rows, total } = await repos.improvement.browse({
          ...(ownerId ? { ownerId } : {}),
          ...(q.status ? { status: q.status } : {}),
          ...(q.source ? { source: q.source } : {}),
          ...(q.sourceRef ? { sourceRef: q.sourceRef } : {}),
          openedFrom: q.openedFrom,
          openedTo: q.openedTo,
          ...(q.overdue ? { overdue: q.overdue === 'true' } : {}),
          now,
          offset: q.offset,
          limit: q.limit,
        });
        const items = rows.map((a) => ({
          ...a,
          overdue: !!a.dueAt && a.dueAt < now && ['open', 'in_progress'].includes(a.status ?? ''),
        }));
        return { items, total, limit: q.limit, offset: q.offset };
      },
    }),
    route({
      method: 'get',
      path: '/improvement-actions/:actionId',
      summary: 'Get an improvement action with its history',
      roles: STAFF,
      params: s.actionIdParamSchema,
      response: r.improvementViewSchema,
      handler: async ({ caller, params }) => {
        const action = await actionOf(params.actionId);
        if (OWNERS_ONLY.includes(caller.role) && action.owner?.id !== caller.id)
          throw new HttpError(403, `improvement action ${params.actionId} is owned by someone else`);
        return action;
      },
    }),
    step(
      '/improvement-actions/:actionId/start',
      'Start work on an improvement action',
      STAFF,
      s.optionalNoteSchema,
      (id, a, b) => calls.update(id, m.startWorkUpdate, a, b),
    ),
    step('/improvement-actions/:actionId/notes', 'Add a progress note', STAFF, s.noteSchema, (id, a, b) =>
      calls.update(id, m.addNoteUpdate, a, b),
    ),
    step('/improvement-actions/:actionId/done', 'Mark it done with its outcome', STAFF, s.doneSchema, (id, a, b) =>
      calls.update(id, m.markDoneUpdate, a, b),
    ),
    step(
      '/improvement-actions/:actionId/verify',
      'Verify it (adopted)',
      ['quality', 'admin'],
      s.optionalNoteSchema,
      (id, a, b) => calls.update(id, m.verifyUpdate, a, b),
    ),
    step(
      '/improvement-actions/:actionId/reject',
      'Reject it with a reason',
      ['quality', 'admin'],
      s.reasonSchema,
      (id, a, b) => calls.update(id, m.rejectUpdate, a, b),
    ),
    step(
      '/improvement-actions/:actionId/reassign',
      'Give it to another owner, with a reason',
      ['quality', 'dispatcher', 'admin'],
      s.reassignSchema,
      (id, a, b) => calls.update(id, m.reassignUpdate, a, b),
    ),
  ];
}
