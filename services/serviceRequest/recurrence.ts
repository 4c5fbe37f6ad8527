/**
 * Recurrence (R-FOLLOW-3): the fault of a finished request came back. A linked request opens with the
 * earlier one's customer, site, unit, contact and fault, taking only what is new; within the warranty on
 * the earlier work it is free, and parts replaced then are not charged again while their warranty runs.
 */
import type { Response } from 'express';
import type { Caller } from '../../shared/runtime/auth';
import type { Config } from '../../shared/runtime/config';
import { followUpAnswerSchema, recurrenceAnswerSchema } from '../../shared/serviceRequest/responses';
import * as m from '../../shared/serviceRequest/messages';
import * as s from '../../shared/serviceRequest/schemas';
import type { RecurrenceOf, ServiceRequestView } from '../../shared/serviceRequest/types';
import { statementOf } from '../../shared/serviceRequest/views';
import { HttpError } from '../http/errors';
import { actorOf, route, type Route } from '../http/routes';
import { requestCalls, type RequestDeps } from './requestState';
import { withStepKey } from '../http/workflowCalls';
import { requestStarter } from './startRequest';

export function recurrenceRoutes(deps: RequestDeps & { config: Config }): Route<any>[] {
  const { stateOf, update } = requestCalls(deps);
  const startRequest = requestStarter(deps);

  /** Opens the linked request; `key` makes a retried call answer the request it opened. */
  async function openRecurrence(
    caller: Caller,
    view: ServiceRequestView,
    r: s.RecurrenceInput,
    key: string | undefined,
    res: Response,
  ) {
    const recurrenceOf = linkTo(view);
    const body: s.IntakeInput = {
      ...view.intake,
      kind: 'fault_repair',
      channel: r.channel ?? (caller.role === 'customer' ? 'web' : 'hotline'),
      urgency: r.urgency ?? view.intake.urgency,
      fault: {
        ...view.intake.fault,
        symptoms: r.symptoms,
        startedAt: r.startedAt,
      },
      visitNeeded: true,
      remoteGuidanceFirst: false,
      expectedResolutionBy: undefined,
    };
    const answer = await startRequest({ caller, body, idemKey: key, recurrenceOf, res });
    return { ...answer, recurrenceOf: view.requestNo };
  }

  return [
    route({
      method: 'post',
      path: '/requests/:requestNo/recurrence',
      summary: 'The fault came back: open a linked request from a finished one',
      roles: ['agent', 'admin', 'customer'],
      params: s.requestNoParamSchema,
      body: s.recurrenceSchema,
      response: recurrenceAnswerSchema,
      success: 201,
      handler: async ({ caller, params, body, req, res }) => {
        const view = await stateOf(params.requestNo);
        const idem = req.get('idempotency-key');
        return openRecurrence(caller, view, body, idem && `recurrence:${view.requestNo}:${idem}`, res);
      },
    }),
    route({
      method: 'post',
      path: '/requests/:requestNo/follow-up',
      summary: 'Record the follow-up call, or the customer answers the survey on their page',
      roles: ['agent', 'admin', 'customer'],
      params: s.requestNoParamSchema,
      body: s.followUpSchema,
      response: followUpAnswerSchema,
      handler: async ({ caller, params, body, req, res }) => {
        const answer = await withStepKey(caller, '/requests/:requestNo/follow-up', req, body, () =>
          update(params.requestNo, m.recordFollowUpUpdate, actorOf(caller), body),
        );
        if (!body.faultBack) return answer;
        // One linked request per follow-up, however often this call is retried.
        const view = await stateOf(params.requestNo);
        const recurrence = await openRecurrence(caller, view, body.faultBack, `follow-up:${view.requestNo}`, res);
        res.locals.status = 200;
        return { ...answer, recurrence };
      },
    }),
  ];
}

/** What the linked request keeps of the earlier one; refused while that one is not finished with its work. */
function linkTo(view: ServiceRequestView): RecurrenceOf {
  if (view.status === 'cancelled')
    throw new HttpError(409, `request ${view.requestNo} was cancelled before any work: take in a new request`);
  if (!view.signOff)
    throw new HttpError(
      409,
      `request ${view.requestNo} is still open (${view.status}): add what is new to it rather than opening a recurrence`,
    );
  const { warranty } = statementOf(view);
  return {
    requestNo: view.requestNo,
    signedOffAt: view.signOff.at,
    workWarrantyUntil: warranty.work?.until ?? null,
    partsUnderWarranty: warranty.parts.flatMap((p) => (p.until ? [{ code: p.code, until: p.until }] : [])),
    originalSymptoms: view.intake.fault.symptoms,
  };
}
