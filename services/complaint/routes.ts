/**
 * Complaints over HTTP (R-FOLLOW-4, R-SLA-3): taken in from any channel and linked to the customer's
 * requests, handled by staff through their steps, decided by the customer through a signed link. A
 * revisit opens a linked service request prefilled from the one the complaint is about.
 */
import { WorkflowNotFoundError } from '@temporalio/client';
import type { Role } from '../../shared/common/actor';
import { complaintWorkflowId, formatComplaintNo } from '../../shared/complaint/ids';
import * as m from '../../shared/complaint/messages';
import * as r from '../../shared/complaint/responses';
import * as s from '../../shared/complaint/schemas';
import type { ComplaintView } from '../../shared/complaint/types';
import { issueCustomerLink } from '../../shared/runtime/auth';
import type { Config } from '../../shared/runtime/config';
import { requestNoParamSchema, type IntakeInput } from '../../shared/serviceRequest/schemas';
import type { Caller } from '../../shared/runtime/auth';
import type { Response } from 'express';
import { SA } from '../../shared/serviceRequest/searchAttributes';
import type { complaint } from '../../workflows';
import { HttpError } from '../http/errors';
import { keyedStart } from '../http/keyedStart';
import { actorOf, route, type Route } from '../http/routes';
import { stepRoute, workflowCalls } from '../http/workflowCalls';
import { RequestNumbers } from '../serviceRequest/requestNumbers';
import { highestSeq } from '../../shared/storage/requestNumbers';
import { requestCalls, type RequestDeps } from '../serviceRequest/requestState';
import { staticDetailsOf } from '../../shared/serviceRequest/staticDetails';

const HANDLERS: Role[] = ['agent', 'dispatcher', 'quality', 'manager', 'admin'];

export function complaintRoutes(deps: RequestDeps & { config: Config }): Route<any>[] {
  const { client, repos, config } = deps;
  const { complaints } = repos.complaint;
  const calls = workflowCalls(client, {
    workflowId: complaintWorkflowId,
    noun: 'complaint',
    known: (no) => complaints.has(no),
  });
  const requests = requestCalls(deps);
  const numbers = new RequestNumbers(repos.serviceRequest.highestKnownSeq, undefined, undefined, {
    format: formatComplaintNo,
    // By _id lookups, as for requests: no scan of every complaint ever received.
    highest: (day) => highestSeq((seq) => complaints.has(formatComplaintNo(day, seq))),
  });
  const keys = repos.serviceRequest.intakeKeys(config.intakeKeyLeaseMs);
  const step = stepRoute(s.complaintNoParamSchema, 'complaintNo', r.complaintAnswerSchema);
  const update = calls.update;

  /** The customer of a request the read model does not show yet, from its workflow; undefined when none. */
  const ownerOf = (no: string) =>
    requests.stateOf(no).then(
      (v) => ({ customerId: v.intake.customerId }),
      (err: unknown) => (err instanceof HttpError && err.status === 404 ? undefined : Promise.reject(err)),
    );

  /** Takes in a complaint, from staff or from the customer's own page (R-FOLLOW-4). */
  async function takeIn(caller: Caller, body: s.ComplaintIntakeInput, idem: string | undefined, res: Response) {
    const customer = await repos.masterData.customers.get(body.customerId);
    if (!customer) throw new HttpError(400, `body.customerId: no customer ${body.customerId}`);
    const related = [...new Set(body.relatedRequestNos)];
    const rows = await repos.serviceRequest.requests.getMany(related, { customerId: 1 });
    for (const no of related) {
      // Read your own writes: a request just taken in may not be in the read model yet; its workflow is.
      const row = rows.find((x) => x._id === no) ?? (await ownerOf(no));
      if (!row) throw new HttpError(400, `body.relatedRequestNos: no request ${no}`);
      if (row.customerId !== body.customerId)
        throw new HttpError(400, `body.relatedRequestNos: request ${no} is not ${body.customerId}'s`);
    }
    const { receivedAt, ...rest } = body;
    const intake = { ...rest, relatedRequestNos: related };
    // With an Idempotency-Key (scoped apart from intake's), a retried call answers the complaint it made.
    const keyed = await keyedStart(client, keys, complaintWorkflowId, caller.id, idem && `complaint:${idem}`);
    const linkOf = async (no: string) =>
      `${config.publicUrl}/api/v1/complaints/${no}?token=${await issueCustomerLink(config.authSecret, body.customerId, no, config.customerLinkTtl)}`;
    if ('replay' in keyed) {
      res.locals.status = 200;
      return {
        complaintNo: keyed.replay,
        workflowId: complaintWorkflowId(keyed.replay),
        status: 'received' as const,
        customerLink: await linkOf(keyed.replay),
      };
    }
    const complaintNo = await keyed.start((noteKey) =>
      numbers.claim(async (no) => {
        const memo: Record<string, string> = {};
        await noteKey(no, memo);
        await client.workflow.start<typeof complaint>('complaint', {
          taskQueue: config.taskQueue,
          workflowId: complaintWorkflowId(no),
          workflowIdConflictPolicy: 'FAIL',
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          args: [{ complaintNo: no, intake, receivedBy: actorOf(caller), ...(receivedAt ? { receivedAt } : {}) }],
          ...(idem ? { memo } : {}),
          staticSummary: `${no} · complaint · ${body.category} · ${customer.name}`,
          staticDetails: `**about** ${related.join(', ') || '–'}\n\n${body.description.slice(0, 500)}`,
          typedSearchAttributes: [
            { key: SA.status, value: 'received' },
            { key: SA.customer, value: body.customerId },
            { key: SA.kind, value: 'complaint' },
          ],
        });
      }),
    );
    res.locals.requestNo = complaintNo;
    return {
      complaintNo,
      workflowId: complaintWorkflowId(complaintNo),
      status: 'received' as const,
      customerLink: await linkOf(complaintNo),
    };
  }

  return [
    route({
      method: 'post',
      path: '/complaints',
      summary: 'Take in a complaint (service quality, result, response speed), linked to the requests it is about',
      roles: ['agent', 'service', 'admin'],
      body: s.complaintIntakeSchema,
      response: r.complaintCreatedSchema,
      success: 201,
      handler: ({ caller, body, req, res }) => takeIn(caller, body, req.get('idempotency-key'), res),
    }),
    route({
      method: 'post',
      path: '/requests/:requestNo/complaints',
      summary: 'The customer complains about their request (from its page); contact details come from the request',
      roles: ['customer'],
      params: requestNoParamSchema,
      body: s.customerComplaintSchema,
      response: r.complaintCreatedSchema,
      success: 201,
      handler: async ({ caller, params, body, req, res }) => {
        const { intake } = await requests.stateOf(params.requestNo);
        const complaint = {
          ...body,
          channel: 'web' as const,
          customerId: caller.id,
          relatedRequestNos: [params.requestNo],
        };
        const contact = { contactName: intake.contactName, contactPhone: intake.contactPhone };
        return takeIn(caller, { ...complaint, ...contact }, req.get('idempotency-key'), res);
      },
    }),
    route({
      method: 'get',
      path: '/complaints',
      summary: 'List complaints (status, customer, the request they are about, breached)',
      roles: [...HANDLERS, 'service'],
      query: s.complaintListQuerySchema,
      response: r.complaintListSchema,
      handler: async ({ query }) => {
        const q = query as ReturnType<typeof s.complaintListQuerySchema.parse>;
        const { items, total } = await repos.complaint.browse({
          ...(q.status ? { status: q.status } : {}),
          ...(q.customerId ? { customerId: q.customerId } : {}),
          ...(q.requestNo ? { requestNo: q.requestNo } : {}),
          ...(q.breached ? { breached: q.breached === 'true' } : {}),
          receivedFrom: q.receivedFrom,
          receivedTo: q.receivedTo,
          offset: q.offset,
          limit: q.limit,
        });
        return { items, total, limit: q.limit, offset: q.offset };
      },
    }),
    route({
      method: 'get',
      path: '/complaints/:complaintNo',
      summary: 'Get a complaint with its history',
      roles: [...HANDLERS, 'service', 'customer'],
      params: s.complaintNoParamSchema,
      response: r.complaintViewSchema,
      handler: async ({ caller, params }) => {
        try {
          const view = await calls.handleOf(params.complaintNo).query(m.getComplaintQuery);
          return caller.role === 'customer' ? customerViewOf(view) : view;
        } catch (err) {
          if (!(err instanceof WorkflowNotFoundError)) throw err;
          // Past Temporal's retention the read model still has the complaint with its history.
          const row = await complaints.get(params.complaintNo, { view: 1 });
          if (!row?.view) throw new HttpError(404, `complaint ${params.complaintNo} not found`);
          const view = row.view as ComplaintView;
          return caller.role === 'customer' ? customerViewOf(view) : view;
        }
      },
    }),
    step('/complaints/:complaintNo/acknowledge', 'Acknowledge a complaint', HANDLERS, s.acknowledgeSchema, (no, a, b) =>
      update(no, m.acknowledgeComplaintUpdate, a, b),
    ),
    step('/complaints/:complaintNo/response', 'Record the first response', HANDLERS, s.respondSchema, (no, a, b) =>
      update(no, m.respondComplaintUpdate, a, b),
    ),
    step(
      '/complaints/:complaintNo/investigation',
      'Record the investigation: findings, responsible party, root cause',
      HANDLERS,
      s.investigationSchema,
      (no, a, b) => update(no, m.investigateUpdate, a, b),
    ),
    step(
      '/complaints/:complaintNo/proposal',
      'Propose a resolution to the customer',
      HANDLERS,
      s.proposalSchema,
      (no, a, b) => update(no, m.proposeResolutionUpdate, a, b),
    ),
    step(
      '/complaints/:complaintNo/decision',
      'The customer accepts or rejects the proposed resolution',
      ['customer', 'agent', 'admin'],
      s.decisionSchema,
      (no, a, b) => update(no, m.decideResolutionUpdate, a, b),
    ),
    step(
      '/complaints/:complaintNo/revisit',
      'Order a revisit: opens a linked service request from the one complained about',
      HANDLERS,
      s.revisitSchema,
      async (no, a, b) => {
        // Only a request the complaint is about (the workflow checks again when it takes the order).
        const { intake: about } = await calls
          .handleOf(no)
          .query(m.getComplaintQuery)
          .catch(async (err: unknown) => {
            throw await calls.toHttpError(err, no);
          });
        if (!about.relatedRequestNos.includes(b.requestNo))
          throw new HttpError(
            409,
            `${b.requestNo} is not one of the requests this complaint is about (${about.relatedRequestNos.join(', ') || 'none'})`,
          );
        const original = await requests.stateOf(b.requestNo);
        const intake: IntakeInput = {
          ...original.intake,
          kind: 'fault_repair',
          channel: 'hotline',
          fault: { ...original.intake.fault, symptoms: b.symptoms, startedAt: undefined },
          visitNeeded: true,
          remoteGuidanceFirst: false,
          expectedResolutionBy: undefined,
        };
        const unit = original.unit ?? {
          serialNumber: intake.serialNumber,
          model: '?',
          productLine: '?',
          warrantyEnd: '?',
        };
        return update(no, m.orderRevisitUpdate, a, {
          requestNo: b.requestNo,
          intake,
          summaryTail: `fault_repair · ${intake.urgency} · ${original.customerName ?? intake.customerId} · ${intake.region} · revisit for ${no}`,
          details: staticDetailsOf(intake, unit),
        });
      },
    ),
    step(
      '/complaints/:complaintNo/follow-up',
      'Record the follow-up of a closed complaint',
      HANDLERS,
      s.complaintFollowUpSchema,
      (no, a, b) => update(no, m.recordComplaintFollowUpUpdate, a, b),
    ),
    step(
      '/complaints/:complaintNo/withdraw',
      'Withdraw a complaint',
      ['customer', 'agent', 'admin'],
      s.reasonSchema,
      (no, a, b) => update(no, m.withdrawComplaintUpdate, a, b),
    ),
  ];
}

/** What the customer sees of their complaint: its progress and the proposals, not the internal investigation. */
const FOR_CUSTOMER = new Set([
  'received',
  'acknowledged',
  'responded',
  'resolution_proposed',
  'resolution_accepted',
  'resolution_rejected',
  'revisit_ordered',
  'closed',
  'withdrawn',
]);
function customerViewOf(v: ComplaintView) {
  return {
    complaintNo: v.complaintNo,
    status: v.status,
    category: v.intake.category,
    receivedAt: v.receivedAt,
    relatedRequestNos: v.intake.relatedRequestNos,
    proposals: v.proposals,
    revisits: v.revisits,
    history: v.history.filter((e) => FOR_CUSTOMER.has(e.action)).map(({ seq, at, action }) => ({ seq, at, action })),
  };
}
