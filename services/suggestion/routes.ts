/**
 * Suggestions over HTTP (R-TRIAGE-3, 001 §5.1.1 建议): taken in from any channel by staff, a connected system or
 * the customer's own link, listed for quality, reviewed once (adopted, noted or declined; an adopted one may open
 * an improvement action), and readable by the customer whose suggestion it is.
 */
import { WorkflowNotFoundError } from '@temporalio/client';
import type { Role } from '../../shared/common/actor';
import type { Response } from 'express';
import type { Caller } from '../../shared/runtime/auth';
import type { Config } from '../../shared/runtime/config';
import { requestNoParamSchema } from '../../shared/serviceRequest/schemas';
import { SA } from '../../shared/serviceRequest/searchAttributes';
import { highestSeq } from '../../shared/storage/requestNumbers';
import { formatSuggestionNo, suggestionWorkflowId } from '../../shared/suggestion/ids';
import * as m from '../../shared/suggestion/messages';
import * as r from '../../shared/suggestion/responses';
import * as s from '../../shared/suggestion/schemas';
import type { SuggestionView } from '../../shared/suggestion/types';
import type { suggestion } from '../../workflows';
import { HttpError } from '../http/errors';
import { keyedStart } from '../http/keyedStart';
import { actorOf, route, type Route } from '../http/routes';
import { stepRoute, workflowCalls } from '../http/workflowCalls';
import { RequestNumbers } from '../serviceRequest/requestNumbers';
import { requestCalls, type RequestDeps } from '../serviceRequest/requestState';

const READERS: Role[] = ['agent', 'dispatcher', 'quality', 'manager', 'admin', 'service'];

export function suggestionRoutes(deps: RequestDeps & { config: Config }): Route<any>[] {
  const { client, repos, config } = deps;
  const { suggestions } = repos.suggestion;
  const calls = workflowCalls(client, {
    workflowId: suggestionWorkflowId,
    noun: 'suggestion',
    known: (no) => suggestions.has(no),
  });
  const requests = requestCalls(deps);
  const numbers = new RequestNumbers(repos.serviceRequest.highestKnownSeq, undefined, undefined, {
    format: formatSuggestionNo,
    highest: (day) => highestSeq((seq) => suggestions.has(formatSuggestionNo(day, seq))),
  });
  const keys = repos.serviceRequest.intakeKeys(config.intakeKeyLeaseMs);
  const step = stepRoute(s.suggestionNoParamSchema, 'suggestionNo', r.suggestionAnswerSchema);

  /** Takes a suggestion in; a retry under the same Idempotency-Key answers the one it made (200). */
  async function takeIn(caller: Caller, body: s.SuggestionIntakeInput, idem: string | undefined, res: Response) {
    const customer = await repos.masterData.customers.get(body.customerId);
    if (!customer) throw new HttpError(400, `body.customerId: no customer ${body.customerId}`);
    if (body.requestNo) {
      // Read your own writes: the request's workflow answers even before the read model shows it.
      const v = await requests.stateOf(body.requestNo).catch((err: unknown) => {
        if (err instanceof HttpError && err.status === 404)
          throw new HttpError(400, `body.requestNo: no request ${body.requestNo}`);
        throw err;
      });
      if (v.intake.customerId !== body.customerId)
        throw new HttpError(400, `body.requestNo: request ${body.requestNo} is not ${body.customerId}'s`);
    }
    const keyed = await keyedStart(client, keys, suggestionWorkflowId, caller.id, idem && `suggestion:${idem}`);
    const answer = (no: string) => ({
      suggestionNo: no,
      workflowId: suggestionWorkflowId(no),
      status: 'awaiting_review',
    });
    if ('replay' in keyed) {
      res.locals.status = 200;
      return answer(keyed.replay);
    }
    const no = await keyed.start((noteKey) =>
      numbers.claim(async (n) => {
        const memo: Record<string, string> = {};
        await noteKey(n, memo);
        await client.workflow.start<typeof suggestion>('suggestion', {
          taskQueue: config.taskQueue,
          workflowId: suggestionWorkflowId(n),
          workflowIdConflictPolicy: 'FAIL',
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          args: [{ suggestionNo: n, intake: body, receivedBy: actorOf(caller) }],
          ...(idem ? { memo } : {}),
          staticSummary: `${n} · suggestion · ${body.topic} · ${customer.name}`,
          staticDetails: body.text.slice(0, 500),
          typedSearchAttributes: [
            { key: SA.status, value: 'awaiting_review' },
            { key: SA.customer, value: body.customerId },
            { key: SA.kind, value: 'suggestion' },
          ],
        });
      }),
    );
    return answer(no);
  }

  async function viewOf(no: string): Promise<SuggestionView> {
    try {
      return await calls.handleOf(no).query(m.getSuggestionQuery);
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
      const row = await suggestions.get(no, { view: 1 });
      if (!row?.view) throw new HttpError(404, `suggestion ${no} not found`);
      return row.view as SuggestionView;
    }
  }

  return [
    route({
      method: 'post',
      path: '/suggestions',
      summary: 'Record a suggestion (建议) from any channel, for quality to review',
      roles: ['agent', 'service', 'admin'],
      body: s.suggestionIntakeSchema,
      response: r.suggestionCreatedSchema,
      success: 201,
      handler: async ({ caller, body, req, res }) => {
        return takeIn(caller, body, req.get('idempotency-key'), res);
      },
    }),
    route({
      method: 'post',
      path: '/requests/:requestNo/suggestions',
      summary: 'The customer makes a suggestion from their request page',
      roles: ['customer'],
      params: requestNoParamSchema,
      body: s.suggestionIntakeSchema.pick({ topic: true, text: true }),
      response: r.suggestionCreatedSchema,
      success: 201,
      handler: async ({ caller, params, body, req, res }) => {
        const { intake } = await requests.stateOf(params.requestNo);
        const own = { customerId: caller.id, channel: 'web' as const, requestNo: params.requestNo };
        const full = { ...body, ...own, contactName: intake.contactName };
        return takeIn(caller, full, req.get('idempotency-key'), res);
      },
    }),
    route({
      method: 'get',
      path: '/suggestions',
      summary: 'List suggestions (quality’s review queue: status awaiting_review)',
      roles: READERS,
      query: s.listSuggestionsQuerySchema,
      response: r.suggestionListSchema,
      handler: async ({ query }) => {
        const q = query as ReturnType<typeof s.listSuggestionsQuerySchema.parse>;
        const { items, total } = await repos.suggestion.browse({
          ...(q.status ? { status: q.status } : {}),
          ...(q.customerId ? { customerId: q.customerId } : {}),
          receivedFrom: q.receivedFrom,
          receivedTo: q.receivedTo,
          offset: q.offset,
          limit: q.limit,
        });
        const rows = items.map(({ _id, ...row }) => ({ suggestionNo: _id, ...row }));
        return { items: rows, total, limit: q.limit, offset: q.offset };
      },
    }),
    route({
      method: 'get',
      path: '/suggestions/:suggestionNo',
      summary: 'Get a suggestion with its review and history',
      roles: READERS,
      params: s.suggestionNoParamSchema,
      response: r.suggestionViewSchema,
      handler: ({ params }) => viewOf(params.suggestionNo),
    }),
    step(
      '/suggestions/:suggestionNo/review',
      'Quality reviews a suggestion once: adopted (optionally opening an improvement action), noted or declined',
      ['quality', 'admin'],
      s.suggestionReviewSchema,
      (no, a, b) => calls.update(no, m.reviewSuggestionUpdate, a, b),
    ),
  ];
}
