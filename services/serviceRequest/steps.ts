/**
 * Every step of a service request over HTTP: each validates its body, then runs the workflow update
 * whose validator decides (409 with the reason when not allowed now, 403 when not this caller's work).
 */
import { messageAcceptedSchema, paymentAcceptedSchema, stepAnswerSchema } from '../../shared/serviceRequest/responses';
import * as m from '../../shared/serviceRequest/messages';
import { commissioningSchema } from '../../shared/commissioning/schemas';
import * as q from '../../shared/quotation/schemas';
import * as s from '../../shared/serviceRequest/schemas';
import { HttpError } from '../http/errors';
import { actorOf, route, type Route } from '../http/routes';
import { stepRoute, withUpdateId } from '../http/workflowCalls';
import { requestCalls, type RequestDeps } from './requestState';
import { requireSignature } from './signatures';
import { certificationCheck } from './certificationCheck';

export function requestStepRoutes(deps: RequestDeps): Route<any>[] {
  const { masterData, serviceRequest: requests } = deps.repos;
  const { update, signal, stateOf } = requestCalls(deps);
  const step = stepRoute(s.requestNoParamSchema, 'requestNo', stepAnswerSchema);
  const uncertifiedFor = certificationCheck(masterData, stateOf);
  /** 400 unless each replaced component belongs to the request's unit and each part is in the catalogue. */
  async function requireComponentsOf(no: string, components: { assetId: string; partNo?: string }[]) {
    const serial = (await stateOf(no)).intake.serialNumber;
    for (const c of components) {
      const a = await deps.repos.asset.assets.get(c.assetId);
      if (!a || a.unitSerial !== serial || a.active === false)
        throw new HttpError(400, `body.components: ${c.assetId} is not a component of unit ${serial}`);
      if (c.partNo && !(await masterData.parts.get(c.partNo)))
        throw new HttpError(400, `body.components: no part ${c.partNo} in the catalogue`);
    }
  }

  return [
    step('/requests/:requestNo/offer/accept', 'Accept an offered job', ['engineer'], undefined, (no, a) =>
      update(no, m.acceptOfferUpdate, a),
    ),
    step('/requests/:requestNo/offer/decline', 'Decline an offered job', ['engineer'], s.reasonSchema, (no, a, b) =>
      update(no, m.declineOfferUpdate, a, b),
    ),
    step(
      '/requests/:requestNo/assign',
      'Assign or reassign an engineer, with a reason',
      ['dispatcher', 'admin'],
      s.assignSchema,
      async (no, a, b) => {
        const engineer = await masterData.engineers.get(b.engineerId);
        if (!engineer || engineer.active === false) {
          throw new HttpError(400, `body.engineerId: no active engineer ${b.engineerId}`);
        }
        const { uncertifiedReason, ...assign } = b;
        const uncertified = await uncertifiedFor(no, engineer);
        // R-CERT-1: assigning someone without the certification the work requires takes a reason of its own.
        if (uncertified && !uncertifiedReason)
          throw new HttpError(
            409,
            `engineer ${b.engineerId} holds no valid certification the work needs (${uncertified}); to assign anyway, say why in uncertifiedReason`,
          );
        return update(no, m.assignEngineerUpdate, a, {
          ...assign,
          ...(uncertified && uncertifiedReason ? { uncertified: `${uncertified}: ${uncertifiedReason}` } : {}),
        });
      },
    ),
    step(
      '/requests/:requestNo/appointment',
      'Agree or change the appointment window',
      ['engineer', 'dispatcher', 'admin'],
      s.appointmentSchema,
      (no, a, b) => update(no, m.agreeAppointmentUpdate, a, b),
    ),
    step(
      '/requests/:requestNo/appointment/proposal',
      'Propose a window to the customer, who accepts or declines it through their link (R-VISIT-1)',
      ['engineer', 'dispatcher', 'admin'],
      s.appointmentProposalSchema,
      (no, a, b) => update(no, m.proposeAppointmentUpdate, a, b),
    ),
    step(
      '/requests/:requestNo/appointment/answer',
      'The customer accepts (it becomes the appointment) or declines a proposed window',
      ['customer'],
      s.appointmentAnswerSchema,
      (no, a, b) => update(no, m.answerAppointmentUpdate, a, b),
    ),
    step('/requests/:requestNo/check-in', 'Check in on site', ['engineer'], s.checkInSchema, (no, a, b) =>
      update(no, m.checkInUpdate, a, b),
    ),
    step('/requests/:requestNo/diagnosis', 'Record the diagnosis', ['engineer'], s.diagnosisSchema, (no, a, b) =>
      update(no, m.recordDiagnosisUpdate, a, b),
    ),
    step('/requests/:requestNo/work', 'Record the work done', ['engineer'], s.workSchema, async (no, a, b) => {
      if (b.components?.length) await requireComponentsOf(no, b.components); // R-ASSET-1
      return update(no, m.recordWorkUpdate, a, b);
    }),
    step(
      '/requests/:requestNo/commissioning',
      'Record the commissioning checks and parameters',
      ['engineer'],
      commissioningSchema,
      (no, a, b) => update(no, m.recordCommissioningUpdate, a, b),
    ),
    step(
      '/requests/:requestNo/sign-off',
      'Customer signs the service confirmation (a carry-in unit: for its collection, also at the counter)',
      ['engineer', 'customer', 'agent'],
      s.signOffSchema,
      async (no, a, b) => {
        await requireSignature(requests, no, b.signatureId);
        return update(no, m.signOffUpdate, a, b);
      },
    ),
    step(
      '/requests/:requestNo/contact',
      'Record an acknowledgement or first response to the customer',
      ['agent', 'dispatcher', 'admin'],
      s.customerContactSchema,
      (no, a, b) => update(no, m.recordCustomerContactUpdate, a, b),
    ),
    step(
      '/requests/:requestNo/remote-guidance',
      'Record the outcome of remote guidance',
      ['agent', 'admin'],
      s.remoteGuidanceSchema,
      (no, a, b) => update(no, m.recordRemoteGuidanceUpdate, a, b),
    ),
    step(
      '/requests/:requestNo/allowance-decision',
      'Approve work beyond the contract’s allowance as contract work, or refuse it (paid work)',
      ['dispatcher', 'manager', 'admin'],
      s.allowanceDecisionSchema,
      (no, a, b) => update(no, m.decideAllowanceUpdate, a, b),
    ),
    step(
      '/requests/:requestNo/visit/end',
      'End a visit that needs another one',
      ['engineer'],
      s.endVisitSchema,
      (no, a, b) => update(no, m.endVisitUpdate, a, b),
    ),
    step(
      '/requests/:requestNo/support',
      'Ask the technical department for help',
      ['engineer'],
      s.supportAskSchema,
      (no, a, b) => update(no, m.askSupportUpdate, a, b),
    ),
    step(
      '/requests/:requestNo/support/answer',
      "Answer the engineer's support request",
      ['support', 'admin'],
      s.supportAnswerSchema,
      (no, a, b) => update(no, m.answerSupportUpdate, a, b),
    ),
    step(
      '/requests/:requestNo/quotation',
      'Issue or revise a quotation (priced from the price list)',
      ['engineer'],
      q.quotationSchema,
      async (no, a, b) => {
        const unknown = await masterData.unknownPriceCodes(b.lines.map((l) => l.code));
        if (unknown.length) throw new HttpError(400, `body.lines: not in the price list: ${unknown.join(', ')}`);
        return update(no, m.submitQuotationUpdate, a, b);
      },
    ),
    step(
      '/requests/:requestNo/quotation/approve',
      'Approve a quotation version (customer link, or engineer with the signed form)',
      ['customer', 'engineer'],
      q.quoteApprovalSchema,
      async (no, a, b) => {
        await requireSignature(requests, no, b.signatureId);
        return update(no, m.approveQuotationUpdate, a, b);
      },
    ),
    step(
      '/requests/:requestNo/quotation/decline',
      'Decline a quotation version, with the reason',
      ['customer', 'engineer'],
      q.quoteDeclineSchema,
      (no, a, b) => update(no, m.declineQuotationUpdate, a, b),
    ),
    step(
      '/requests/:requestNo/settlement/approve',
      'Approve a settlement that differs from the approved quotation',
      ['customer', 'engineer'],
      q.settlementApprovalSchema,
      async (no, a, b) => {
        await requireSignature(requests, no, b.signatureId);
        return update(no, m.approveSettlementUpdate, a, b);
      },
    ),
    step(
      '/requests/:requestNo/invoice',
      'Invoice the settlement to the contract account',
      ['service', 'admin'],
      q.invoiceSchema,
      (no, a, b) => update(no, m.invoiceToContractUpdate, a, b),
    ),
    route({
      method: 'post',
      path: '/requests/:requestNo/payments',
      response: paymentAcceptedSchema,
      summary: 'Record a payment from the billing service (idempotent by transactionId)',
      roles: ['service', 'admin'],
      params: s.requestNoParamSchema,
      body: q.paymentSchema,
      success: 202,
      handler: async ({ caller, params, body }) => {
        const payment = { ...body, at: new Date().toISOString() };
        // The payer's transaction id is the update id: a retried call gets the first answer.
        const answer = await withUpdateId(`payment:${body.transactionId}`, () =>
          update(params.requestNo, m.recordPaymentUpdate, actorOf(caller), payment),
        );
        const entry = answer.recorded.find((e) => e.action === 'deposit_received' || e.action === 'payment_received');
        return { accepted: true, transactionId: body.transactionId, ...(entry ? { recordedAs: entry.action } : {}) };
      },
    }),
    route({
      method: 'post',
      path: '/requests/:requestNo/messages',
      response: messageAcceptedSchema,
      summary: "Attach a customer's message from another channel (idempotent by messageId)",
      roles: ['agent', 'service', 'admin'],
      params: s.requestNoParamSchema,
      body: s.customerMessageSchema,
      success: 202,
      handler: async ({ caller, params, body }) => {
        const message = { ...body, at: new Date().toISOString(), by: actorOf(caller) };
        await signal(params.requestNo, m.customerMessageSignal, message);
        return { accepted: true as const, messageId: body.messageId };
      },
    }),
    step(
      '/requests/:requestNo/cancel',
      'Cancel the request (parts reserved for it on a trip are released)',
      ['agent', 'dispatcher', 'admin', 'customer'],
      s.reasonSchema,
      // The workflow releases parts a trip reserved for the request (compensation in workflow code).
      (no, a, b) => update(no, m.cancelRequestUpdate, a, b),
    ),
  ];
}
