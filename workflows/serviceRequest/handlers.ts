/**
 * Every query, update and signal of the serviceRequest workflow, wired to its step: the validator
 * (synchronous, refuses with NotAllowed → 409 or Forbidden → 403) and the handler. The order is the
 * order the handlers were always registered in.
 */
import { setHandler } from '@temporalio/workflow';
import * as m from '../../shared/serviceRequest/messages';
import { applyAppointment, checkAppointment } from './appointment';
import { applyCancel, applyFollowUp, applySignOff, checkCancel, checkFollowUp, checkSignOff } from './closure';
import {
  applyAcceptOffer,
  applyAssign,
  applyDeclineOffer,
  checkAcceptOffer,
  checkAssign,
  checkDeclineOffer,
} from './dispatch';
import { applyCustomerContact, applyRemoteGuidance, checkCustomerContact, checkRemoteGuidance } from './intake';
import {
  applyApproveQuotation,
  applyDeclineQuotation,
  checkApproveQuotation,
  checkDeclineQuotation,
  checkSubmitQuotation,
  submitQuotation,
} from './quotation';
import { applyApproveSettlement, applyInvoice, applyPayment, checkApproveSettlement, checkInvoice } from './settlement';
import { applyAnswerSupport, applyAskSupport, checkAnswerSupport, checkAskSupport } from './support';
import {
  applyCheckIn,
  applyDiagnosis,
  applyEndVisit,
  applyWork,
  checkCheckIn,
  checkDiagnosis,
  checkEndVisit,
  checkWork,
} from './visit';
import type { RequestState } from './request';

export function registerHandlers(req: RequestState): void {
  setHandler(m.getStateQuery, () => req.view);
  setHandler(m.acceptOfferUpdate, (actor) => (applyAcceptOffer(req, actor), req.view), {
    validator: (actor) => checkAcceptOffer(req, actor),
  });
  setHandler(m.declineOfferUpdate, (actor, { reason }) => (applyDeclineOffer(req, actor, reason), req.view), {
    validator: (actor, _b) => checkDeclineOffer(req, actor),
  });
  setHandler(
    m.assignEngineerUpdate,
    (actor, { engineerId, reason }) => (applyAssign(req, actor, engineerId, reason), req.view),
    { validator: (actor, { engineerId }) => checkAssign(req, actor, engineerId) },
  );
  setHandler(m.agreeAppointmentUpdate, (actor, a) => (applyAppointment(req, actor, a), req.view), {
    validator: (actor, a) => checkAppointment(req, actor, a),
  });
  setHandler(m.checkInUpdate, (actor) => (applyCheckIn(req, actor), req.view), {
    validator: (actor, { identityShown }) => checkCheckIn(req, actor, identityShown),
  });
  setHandler(m.recordDiagnosisUpdate, (actor, d) => (applyDiagnosis(req, actor, d), req.view), {
    validator: (actor, d) => checkDiagnosis(req, actor, d),
  });
  setHandler(m.recordWorkUpdate, (actor, w) => (applyWork(req, actor, w), req.view), {
    validator: (actor, w) => checkWork(req, actor, w),
  });
  setHandler(m.signOffUpdate, (actor, s) => (applySignOff(req, actor, s), req.view), {
    validator: (actor, _s) => checkSignOff(req, actor),
  });
  setHandler(m.recordFollowUpUpdate, (actor, f) => (applyFollowUp(req, actor, f), req.view), {
    validator: (actor, f) => checkFollowUp(req, actor, f),
  });
  setHandler(m.endVisitUpdate, (actor, e) => (applyEndVisit(req, actor, e), req.view), {
    validator: (actor, e) => checkEndVisit(req, actor, e),
  });
  setHandler(m.recordRemoteGuidanceUpdate, (actor, r) => (applyRemoteGuidance(req, actor, r), req.view), {
    validator: (actor, r) => checkRemoteGuidance(req, actor, r),
  });
  setHandler(m.recordCustomerContactUpdate, (actor, c) => (applyCustomerContact(req, actor, c), req.view), {
    validator: (actor, c) => checkCustomerContact(req, actor, c),
  });
  setHandler(m.askSupportUpdate, (actor, q) => (applyAskSupport(req, actor, q), req.view), {
    validator: (actor, q) => checkAskSupport(req, actor, q),
  });
  setHandler(m.answerSupportUpdate, (actor, a) => (applyAnswerSupport(req, actor, a), req.view), {
    validator: (actor, a) => checkAnswerSupport(req, actor, a),
  });
  setHandler(m.submitQuotationUpdate, (actor, q) => submitQuotation(req, actor, q), {
    validator: (actor, q) => checkSubmitQuotation(req, actor, q),
  });
  setHandler(m.approveQuotationUpdate, (actor, a) => (applyApproveQuotation(req, actor, a), req.view), {
    validator: (actor, a) => checkApproveQuotation(req, actor, a),
  });
  setHandler(m.declineQuotationUpdate, (actor, d) => (applyDeclineQuotation(req, actor, d), req.view), {
    validator: (actor, d) => checkDeclineQuotation(req, actor, d),
  });
  setHandler(m.approveSettlementUpdate, (actor, a) => (applyApproveSettlement(req, actor, a), req.view), {
    validator: (actor, a) => checkApproveSettlement(req, actor, a),
  });
  setHandler(m.invoiceToContractUpdate, (actor, i) => (applyInvoice(req, actor, i), req.view), {
    validator: (actor, i) => checkInvoice(req, actor, i),
  });
  setHandler(m.paymentReceivedSignal, (p) => applyPayment(req, p));
  setHandler(m.cancelRequestUpdate, (actor, { reason }) => (applyCancel(req, actor, reason), req.view), {
    validator: (actor, _b) => checkCancel(req, actor),
  });
}
