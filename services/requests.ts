/**
 * Service-request API: intake, lists, state with history, and every step of the visit.
 * Thin: validates, authorizes, then starts / updates / queries the workflow. No workflow state here.
 */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { issueCustomerLink, type Caller } from '../shared/auth';
import type { Config } from '../shared/config';
import type { Actor, ServiceRequestView, SlaClock } from '../shared/domain';
import { serviceRequestWorkflowId } from '../shared/ids';
import * as m from '../shared/messages';
import { detachRequestUpdate } from '../shared/tripMessages';
import { isDuplicateKey, type Models } from '../shared/models';
import * as s from '../shared/schemas';
import { SA } from '../shared/searchAttributes';
import type { serviceRequest } from '../workflows';
import { HttpError, route, updateRejection, type Route } from './http';
import { RequestNumbers } from './requestNumbers';
import { UnitRequestLog } from '../activities/unitHistory';

const STAFF = ['agent', 'dispatcher', 'admin', 'service'] as const;

export function requestRoutes(deps: { client: Client; models: Models; config: Config }): Route<any>[] {
  const { client, models, config } = deps;
  const numbers = new RequestNumbers(models);
  const handleOf = (requestNo: string) => client.workflow.getHandle(serviceRequestWorkflowId(requestNo));

  /** Runs an update and turns workflow answers into HTTP: NotAllowed → 409, Forbidden → 403. */
  async function update<A extends [Actor, ...unknown[]]>(requestNo: string, def: UpdateDefinition<ServiceRequestView, A>, ...args: A): Promise<ServiceRequestView> {
    try {
      return await handleOf(requestNo).executeUpdate(def, { args });
    } catch (err) {
      throw await toHttpError(err, requestNo);
    }
  }

  async function toHttpError(err: unknown, requestNo: string): Promise<unknown> {
    const refused = updateRejection(err);
    if (refused) return refused;
    if (err instanceof WorkflowNotFoundError) {
      const known = await models.ServiceRequest.exists({ _id: requestNo });
      return known ? new HttpError(409, `request ${requestNo} is already finished`) : new HttpError(404, `request ${requestNo} not found`);
    }
    return err;
  }

  async function stateOf(requestNo: string): Promise<ServiceRequestView> {
    try {
      return await handleOf(requestNo).query(m.getStateQuery);
    } catch (err) {
      const archived = await models.Archive.findById(requestNo).lean();
      if (archived) return { ...(archived.record as ServiceRequestView), status: 'closed' };
      throw await toHttpError(err, requestNo);
    }
  }

  /** The request's state, if this caller may see it: engineers only their offered or assigned work. */
  async function visibleState(caller: Caller, requestNo: string): Promise<ServiceRequestView> {
    const view = await stateOf(requestNo);
    if (caller.role === 'engineer' && view.engineerId !== caller.id && view.offer?.engineerId !== caller.id) {
      throw new HttpError(403, `request ${requestNo} is not assigned or offered to you`);
    }
    return view;
  }

  /** R-INTAKE-7: earlier requests for the same unit and how they were solved, newest first (by _id, no scan). */
  const unitLog = new UnitRequestLog(models);
  const earlierRequests = (serialNumber: string, exceptRequestNo: string) => unitLog.recent(serialNumber, exceptRequestNo);

  const actor = (c: Caller): Actor => ({ role: c.role, id: c.id });
  const step = <B>(path: string, summary: string, roles: Route['roles'], body: Route<B>['body'],
    run: (requestNo: string, a: Actor, b: B) => Promise<ServiceRequestView>): Route<B> =>
    route<B>({ method: 'post', path, summary, roles, body, params: s.requestNoParamSchema,
      handler: ({ caller, params, body: b }) => run(params.requestNo, actor(caller), b) });

  return [
    route({
      method: 'post', path: '/requests', summary: 'Receive a service request', roles: ['agent', 'service', 'admin'],
      body: s.intakeSchema, success: 201,
      handler: async ({ caller, body, req, res }) => {
        const idemKey = req.get('idempotency-key');
        if (idemKey) {
          const seen = await models.IntakeKey.findById(`${caller.id}:${idemKey}`).lean();
          if (seen?.requestNo) { res.locals.status = 200; return { requestNo: seen.requestNo, workflowId: serviceRequestWorkflowId(seen.requestNo), replayed: true }; }
        }
        const [customer, unit] = await Promise.all([
          models.Customer.findById(body.customerId).lean(),
          models.Unit.findById(body.serialNumber).lean(),
        ]);
        if (!customer) throw new HttpError(400, `body.customerId: no customer ${body.customerId}`);
        if (!unit) throw new HttpError(400, `body.serialNumber: no unit with serial number ${body.serialNumber}`);
        if (unit.customerId !== customer.customerId) throw new HttpError(400, `body.serialNumber: unit ${body.serialNumber} does not belong to customer ${body.customerId}`);

        // With an Idempotency-Key, the key is claimed first (unique insert); the number is filled in once started.
        const keyId = idemKey ? `${caller.id}:${idemKey}` : undefined;
        if (keyId) {
          try {
            await models.IntakeKey.create({ _id: keyId, callerId: caller.id });
          } catch (err) {
            if (!isDuplicateKey(err)) throw err;
            const seen = await models.IntakeKey.findById(keyId).lean();
            if (!seen?.requestNo) throw new HttpError(409, 'a request with this Idempotency-Key is still being created; retry in a moment');
            res.locals.status = 200;
            return { requestNo: seen.requestNo, workflowId: serviceRequestWorkflowId(seen.requestNo), replayed: true };
          }
        }
        let requestNo: string;
        try {
          requestNo = await numbers.claim((no) => client.workflow.start<typeof serviceRequest>('serviceRequest', {
            taskQueue: config.taskQueue, workflowId: serviceRequestWorkflowId(no),
            workflowIdConflictPolicy: 'FAIL', workflowIdReusePolicy: 'REJECT_DUPLICATE',
            args: [{ requestNo: no, intake: body, receivedBy: actor(caller) }],
            typedSearchAttributes: [
              { key: SA.status, value: 'received' }, { key: SA.urgency, value: body.urgency }, { key: SA.region, value: body.region },
              { key: SA.customer, value: body.customerId }, { key: SA.kind, value: body.kind },
            ],
          }).then(() => undefined));
        } catch (err) {
          if (keyId) await models.IntakeKey.deleteOne({ _id: keyId }); // nothing was created: the caller may retry
          throw err;
        }
        if (keyId) await models.IntakeKey.updateOne({ _id: keyId }, { $set: { requestNo } }); // only the key's holder writes it
        const workflowId = serviceRequestWorkflowId(requestNo);
        const token = await issueCustomerLink(config.authSecret, customer.customerId, requestNo, config.customerLinkTtl);
        return {
          requestNo, workflowId, status: 'received', customerLink: `${config.publicUrl}/api/v1/requests/${requestNo}?token=${token}`,
          earlierRequests: await earlierRequests(body.serialNumber, requestNo), // R-INTAKE-7: shown to the agent at once
        };
      },
    }),

    route({
      method: 'get', path: '/requests', summary: 'List service requests (read model)', roles: [...STAFF, 'engineer'],
      query: s.listQuerySchema,
      handler: async ({ caller, query }) => {
        const q = query as ReturnType<typeof s.listQuerySchema.parse>;
        const filter: Record<string, unknown> = {};
        for (const k of ['status', 'region', 'engineerId', 'customerId'] as const) if (q[k]) filter[k] = q[k];
        if (q.breached) filter.slaBreached = q.breached === 'true';
        if (q.open) filter.open = q.open === 'true';
        if (caller.role === 'engineer') filter.engineerId = caller.id; // only their own work
        // The dispatcher list (R-DISPATCH): nearest SLA deadline first; requests without one last.
        const sort: Record<string, 1 | -1> = q.sort === 'deadline' ? { deadlineOrder: 1, receivedAt: 1 } : { receivedAt: -1 };
        const [items, total] = await Promise.all([
          models.ServiceRequest.find(filter, { _id: 0, deadlineOrder: 0 }).sort(sort).skip(q.offset).limit(q.limit).lean(),
          models.ServiceRequest.countDocuments(filter),
        ]);
        return { items, total, limit: q.limit, offset: q.offset };
      },
    }),

    route({
      method: 'get', path: '/requests/:requestNo', summary: 'Get a request with its history', roles: [...STAFF, 'engineer', 'customer'],
      params: s.requestNoParamSchema,
      handler: async ({ caller, params }) => {
        const view = await visibleState(caller, params.requestNo);
        return caller.role === 'customer' ? customerView(view) : view;
      },
    }),

    route({
      method: 'get', path: '/requests/:requestNo/inspections', summary: 'Get the quality inspections of parts from this request, with their findings', roles: [...STAFF, 'engineer', 'support'],
      params: s.requestNoParamSchema,
      handler: async ({ caller, params }) => {
        await visibleState(caller, params.requestNo);
        // R-PARTS-5: findings linked to the request (a scan of the inspections: kept off the polled GET above).
        const items = await models.QualityInspection.find({ requestNo: params.requestNo },
          { _id: 1, tripId: 1, partNo: 1, symptom: 1, origin: 1, status: 1, finding: 1, inspector: 1, findingAt: 1 }).sort({ _id: 1 }).lean();
        return { requestNo: params.requestNo, items };
      },
    }),

    route({
      method: 'get', path: '/requests/:requestNo/work-order', summary: 'Get the work order for the visit', roles: [...STAFF, 'engineer'],
      params: s.requestNoParamSchema,
      handler: async ({ caller, params }) => {
        const view = await visibleState(caller, params.requestNo);
        return { ...workOrderOf(view), earlierRequests: await earlierRequests(view.intake.serialNumber, view.requestNo) };
      },
    }),

    route({
      method: 'get', path: '/requests/:requestNo/sla', summary: 'Get the state of every SLA clock', roles: [...STAFF, 'engineer'],
      params: s.requestNoParamSchema,
      handler: async ({ caller, params }) => slaOf(await visibleState(caller, params.requestNo), new Date()),
    }),

    step('/requests/:requestNo/offer/accept', 'Accept an offered job', ['engineer'], undefined,
      (no, a) => update(no, m.acceptOfferUpdate, a)),
    step('/requests/:requestNo/offer/decline', 'Decline an offered job', ['engineer'], s.reasonSchema,
      (no, a, b) => update(no, m.declineOfferUpdate, a, b)),
    step('/requests/:requestNo/assign', 'Assign or reassign an engineer, with a reason', ['dispatcher', 'admin'], s.assignSchema,
      async (no, a, b) => {
        if (!(await models.Engineer.exists({ _id: b.engineerId, active: true }))) {
          throw new HttpError(400, `body.engineerId: no active engineer ${b.engineerId}`);
        }
        return update(no, m.assignEngineerUpdate, a, b);
      }),
    step('/requests/:requestNo/appointment', 'Agree or change the appointment window', ['engineer', 'dispatcher', 'admin'], s.appointmentSchema,
      (no, a, b) => update(no, m.agreeAppointmentUpdate, a, b)),
    step('/requests/:requestNo/check-in', 'Check in on site', ['engineer'], s.checkInSchema,
      (no, a, b) => update(no, m.checkInUpdate, a, b)),
    step('/requests/:requestNo/diagnosis', 'Record the diagnosis', ['engineer'], s.diagnosisSchema,
      (no, a, b) => update(no, m.recordDiagnosisUpdate, a, b)),
    step('/requests/:requestNo/work', 'Record the work done', ['engineer'], s.workSchema,
      (no, a, b) => update(no, m.recordWorkUpdate, a, b)),
    step('/requests/:requestNo/sign-off', 'Customer signs the service confirmation', ['engineer', 'customer'], s.signOffSchema,
      (no, a, b) => update(no, m.signOffUpdate, a, b)),
    step('/requests/:requestNo/follow-up', 'Record the follow-up call', ['agent', 'admin'], s.followUpSchema,
      (no, a, b) => update(no, m.recordFollowUpUpdate, a, b)),
    step('/requests/:requestNo/contact', 'Record an acknowledgement or first response to the customer', ['agent', 'dispatcher', 'admin'], s.customerContactSchema,
      (no, a, b) => update(no, m.recordCustomerContactUpdate, a, b)),
    step('/requests/:requestNo/remote-guidance', 'Record the outcome of remote guidance', ['agent', 'admin'], s.remoteGuidanceSchema,
      (no, a, b) => update(no, m.recordRemoteGuidanceUpdate, a, b)),
    step('/requests/:requestNo/visit/end', 'End a visit that needs another one', ['engineer'], s.endVisitSchema,
      (no, a, b) => update(no, m.endVisitUpdate, a, b)),
    step('/requests/:requestNo/support', 'Ask the technical department for help', ['engineer'], s.supportAskSchema,
      (no, a, b) => update(no, m.askSupportUpdate, a, b)),
    step('/requests/:requestNo/support/answer', 'Answer the engineer\'s support request', ['support', 'admin'], s.supportAnswerSchema,
      (no, a, b) => update(no, m.answerSupportUpdate, a, b)),
    step('/requests/:requestNo/quotation', 'Issue or revise a quotation (priced from the price list)', ['engineer'], s.quotationSchema,
      async (no, a, b) => {
        const codes = [...new Set(b.lines.map((l) => l.code))];
        const known = new Set((await models.Price.find({ _id: { $in: codes } }, { _id: 1 }).lean()).map((p) => p._id));
        const unknown = codes.filter((c) => !known.has(c));
        if (unknown.length) throw new HttpError(400, `body.lines: not in the price list: ${unknown.join(', ')}`);
        return update(no, m.submitQuotationUpdate, a, b);
      }),
    step('/requests/:requestNo/quotation/approve', 'Approve a quotation version (customer link, or engineer with the signed form)', ['customer', 'engineer'], s.quoteApprovalSchema,
      (no, a, b) => update(no, m.approveQuotationUpdate, a, b)),
    step('/requests/:requestNo/quotation/decline', 'Decline a quotation version, with the reason', ['customer', 'engineer'], s.quoteDeclineSchema,
      (no, a, b) => update(no, m.declineQuotationUpdate, a, b)),
    step('/requests/:requestNo/settlement/approve', 'Approve a settlement that differs from the approved quotation', ['customer', 'engineer'], s.settlementApprovalSchema,
      (no, a, b) => update(no, m.approveSettlementUpdate, a, b)),
    step('/requests/:requestNo/invoice', 'Invoice the settlement to the contract account', ['service', 'admin'], s.invoiceSchema,
      (no, a, b) => update(no, m.invoiceToContractUpdate, a, b)),
    route({
      method: 'post', path: '/requests/:requestNo/payments', summary: 'Record a payment from the billing service (idempotent by transactionId)', roles: ['service', 'admin'],
      params: s.requestNoParamSchema, body: s.paymentSchema, success: 202,
      handler: async ({ params, body }) => {
        try {
          await handleOf(params.requestNo).signal(m.paymentReceivedSignal, { ...body, at: new Date().toISOString() });
        } catch (err) {
          throw await toHttpError(err, params.requestNo);
        }
        return { accepted: true, transactionId: body.transactionId };
      },
    }),
    route({
      method: 'get', path: '/requests/:requestNo/statement', summary: 'Get the settlement statement', roles: [...STAFF, 'engineer', 'customer'],
      params: s.requestNoParamSchema,
      handler: async ({ caller, params }) => statementOf(await visibleState(caller, params.requestNo)),
    }),
    step('/requests/:requestNo/cancel', 'Cancel the request (parts reserved for it on a trip are released)', ['agent', 'dispatcher', 'admin', 'customer'], s.reasonSchema,
      async (no, a, b) => {
        const view = await update(no, m.cancelRequestUpdate, a, b);
        // Compensation (R-PARTS): a trip that carries parts for this request releases them.
        const link = await models.TripRequest.findById(no).lean();
        if (link) {
          await client.workflow.getHandle(`field-trip:${link.tripId}`)
            .executeUpdate(detachRequestUpdate, { args: [{ role: 'service', id: 'requests' }, { requestNo: no, reason: `request cancelled: ${b.reason}` }] })
            .catch((err) => console.warn(`[requests] could not detach ${no} from trip ${link.tripId}: ${(err as Error).message}`));
        }
        return view;
      }),
  ];
}

/**
 * R-SETTLE-1..3: the approved quotation versions, parts and labour as recorded at the approved prices,
 * payments or the invoice, and the warranty on the replaced parts and on the work.
 */
export function statementOf(v: ServiceRequestView) {
  const st = v.settlement;
  const from = v.signOff?.at; // warranty runs from the customer's sign-off
  const until = (days: number) => (from ? new Date(Date.parse(from) + days * 86_400_000).toISOString().slice(0, 10) : null);
  return {
    requestNo: v.requestNo, customerName: v.customerName, unit: v.unit, entitlement: v.entitlement, entitlementReason: v.entitlementReason,
    closedAs: v.closedAs ?? null,
    approvedQuotations: (v.quotations ?? []).filter((q) => q.decision?.approved).map((q) => ({
      version: q.version, totalMinor: q.totalMinor, currency: q.currency, approvedAt: q.decision!.at, approvedBy: q.decision!.signedBy ?? q.decision!.by.id,
      method: q.decision!.method, ...(q.decision!.formReference ? { formReference: q.decision!.formReference } : {}),
    })),
    quotations: (v.quotations ?? []).map((q) => ({ version: q.version, status: q.status, totalMinor: q.totalMinor, reason: q.reason ?? null })),
    settlement: st ? {
      lines: st.lines, currency: st.currency, totalMinor: st.totalMinor, approvedTotalMinor: st.approvedTotalMinor, differenceMinor: st.differenceMinor,
      status: st.status, differenceApproval: st.differenceApproval ?? null, payments: st.payments, paidMinor: st.paidMinor,
      outstandingMinor: st.settled ? 0 : Math.max(0, st.totalMinor - st.paidMinor), invoice: st.invoice ?? null, settled: st.settled,
    } : null,
    warranty: {
      work: st || v.work ? { days: st?.workWarrantyDays ?? 90, until: until(st?.workWarrantyDays ?? 90) } : null,
      parts: (st?.lines ?? []).filter((l) => l.kind === 'part').map((l) => ({ code: l.code, description: l.description, quantity: l.quantity, days: l.warrantyDays ?? null, until: l.warrantyDays ? until(l.warrantyDays) : null })),
    },
  };
}

/** R-SLA-4/5: every clock with its deadline, what is left or how late it is, and the customer's pauses. */
export function slaOf(v: ServiceRequestView, now: Date) {
  const t = now.getTime();
  const state = (c: SlaClock) => c.stoppedAt ? c.outcome! : c.pauses.some((p) => !p.to) ? 'paused' : c.breachedAt ? 'breached' : c.warnedAt ? 'warning' : 'running';
  return {
    requestNo: v.requestNo, status: v.status, policy: v.slaPolicy ?? null, waitingOn: v.waitingOn ?? null,
    clocks: (v.clocks ?? []).map((c) => ({
      name: c.name, state: state(c), budgetMs: c.budgetMs, startedAt: c.startedAt, deadline: c.deadline ?? null,
      ...(c.deadline && !c.stoppedAt ? (Date.parse(c.deadline) >= t ? { remainingMs: Date.parse(c.deadline) - t } : { overdueMs: t - Date.parse(c.deadline) }) : {}),
      pausedMs: c.pausedMs + c.pauses.filter((p) => !p.to).reduce((sum, p) => sum + Math.max(0, t - Date.parse(p.from)), 0),
      pauses: c.pauses, warnedAt: c.warnedAt ?? null, breachedAt: c.breachedAt ?? null, escalatedTo: c.escalatedTo,
      stoppedAt: c.stoppedAt ?? null, overrunMs: c.overrunMs ?? null,
    })),
  };
}

/** R-DISPATCH-2: customer, fault, appointment window, address, and the tools and parts to bring. */
function workOrderOf(v: ServiceRequestView) {
  const { intake } = v;
  return {
    requestNo: v.requestNo, status: v.status, kind: intake.kind, urgency: intake.urgency,
    entitlement: v.entitlement, charging: v.entitlement === 'free' ? 'free of charge (in warranty)' : `${v.entitlement}: explain the charging policy before work`,
    customer: { name: v.customerName, contactName: intake.contactName, contactPhone: intake.contactPhone },
    siteAddress: intake.siteAddress, region: intake.region, unit: v.unit,
    fault: intake.fault, selfChecks: intake.selfChecks,
    engineerId: v.engineerId ?? null,
    appointment: v.appointment ? { windowStart: v.appointment.windowStart, windowEnd: v.appointment.windowEnd, estimatedDurationMinutes: v.appointment.estimatedDurationMinutes } : null,
    toolsAndParts: v.appointment?.toolsAndParts ?? [],
  };
}

/** What a customer sees through their link: their request's progress, not internal candidates. */
function customerView(v: ServiceRequestView) {
  return {
    requestNo: v.requestNo, status: v.status, receivedAt: v.receivedAt, entitlement: v.entitlement,
    // What they are asked to approve: every version with its lines and total (R-QUOTE-2).
    quotations: (v.quotations ?? []).map(({ version, lines, currency, totalMinor, coveredMinor, status, reason, declineFee }) => ({ version, lines, currency, totalMinor, coveredMinor, status, reason, declineFee })),
    settlement: v.settlement ? { totalMinor: v.settlement.totalMinor, currency: v.settlement.currency, status: v.settlement.status, paidMinor: v.settlement.paidMinor, settled: v.settlement.settled } : undefined,
    unit: v.unit, appointment: v.appointment, engineerAssigned: !!v.engineerId, followUpDueAt: v.followUpDueAt,
    history: v.history.map(({ at, action }) => ({ at, action })),
  };
}

