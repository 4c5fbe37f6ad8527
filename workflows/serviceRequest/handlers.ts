/**
 * Every query, update and signal of the serviceRequest workflow, wired to its step: the validator
 * (synchronous, refuses with NotAllowed → 409 or Forbidden → 403) and the handler. An engineer who is
 * neither offered nor assigned the request is refused (403) before anything about its state is said.
 * The order is the order the handlers were always registered in.
 */
import { patched, setHandler } from '@temporalio/workflow';
import * as m from '../../shared/serviceRequest/messages';
import { applyAppointment, checkAppointment } from './appointment';
import {
  applyAnswerAppointment,
  applyProposeAppointment,
  checkAnswerAppointment,
  checkProposeAppointment,
} from './appointmentConsent';
import { applyCancel, applyFollowUp, applySignOff, checkCancel, checkFollowUp, checkSignOff } from './closure';
import {
  applyAcceptOffer,
  applyAssign,
  applyDeclineOffer,
  checkAcceptOffer,
  checkAssign,
  checkDeclineOffer,
} from './dispatch';
import {
  applyCustomerContact,
  applyRemoteGuidance,
  checkCustomerContact,
  checkRemoteGuidance,
  recordCustomerMessage,
  recordFaultReading,
  recordRecurrence,
} from './intake';
import {
  applyApproveQuotation,
  applyDeclineQuotation,
  checkApproveQuotation,
  checkDeclineQuotation,
  checkSubmitQuotation,
  submitQuotation,
} from './quotation';
import {
  applyApproveSettlement,
  applyInvoice,
  applyPayment,
  applyRecordPayment,
  checkApproveSettlement,
  checkInvoice,
  checkPayment,
} from './settlement';
import { applyAddAttachment, checkAddAttachment } from './attachments';
import { applyDecideAllowance, checkDecideAllowance } from './contractAllowance';
import { applyAnswerSupport, applyAskSupport, checkAnswerSupport, checkAskSupport } from './support';
import {
  applyCheckIn,
  applyDiagnosis,
  applyEndVisit,
  applyWork,
  replaceWorkComponents,
  checkCheckIn,
  checkDiagnosis,
  checkEndVisit,
  checkWork,
} from './visit';
import { applyChecklist, checkChecklist } from './checklist';
import { applyChangeBenchEngineer, applyReceiveUnit, checkChangeBenchEngineer, checkReceiveUnit } from './carryIn';
import { applyCommissioning, checkCommissioning } from './commissioning';
import { admit, answered, type RequestState } from './request';

export function registerHandlers(req: RequestState): void {
  setHandler(m.getStateQuery, () => req.view);
  setHandler(m.acceptOfferUpdate, (actor) => answered(req, actor, () => applyAcceptOffer(req, actor)), {
    validator: (actor) => (admit(req, actor), checkAcceptOffer(req, actor)),
  });
  setHandler(
    m.declineOfferUpdate,
    (actor, { reason }) => answered(req, actor, () => applyDeclineOffer(req, actor, reason)),
    {
      validator: (actor, _b) => (admit(req, actor), checkDeclineOffer(req, actor)),
    },
  );
  setHandler(
    m.assignEngineerUpdate,
    (actor, { engineerId, reason, uncertified }) =>
      answered(req, actor, () => applyAssign(req, actor, engineerId, reason, uncertified)),
    { validator: (actor, { engineerId }) => (admit(req, actor), checkAssign(req, actor, engineerId)) },
  );
  setHandler(m.agreeAppointmentUpdate, (actor, a) => answered(req, actor, () => applyAppointment(req, actor, a)), {
    validator: (actor, a) => (admit(req, actor), checkAppointment(req, actor, a)),
  });
  setHandler(m.checkInUpdate, (actor) => answered(req, actor, () => applyCheckIn(req, actor)), {
    validator: (actor, { identityShown }) => (admit(req, actor), checkCheckIn(req, actor, identityShown)),
  });
  setHandler(m.recordDiagnosisUpdate, (actor, d) => answered(req, actor, () => applyDiagnosis(req, actor, d)), {
    validator: (actor, d) => (admit(req, actor), checkDiagnosis(req, actor, d)),
  });
  setHandler(
    m.recordWorkUpdate,
    async (actor, w) => {
      const answer = answered(req, actor, () => applyWork(req, actor, w));
      if (w.components?.length && patched('work-replaces-components'))
        await replaceWorkComponents(req, actor, w.components);
      return answer;
    },
    {
      validator: (actor, w) => (admit(req, actor), checkWork(req, actor, w)),
    },
  );
  setHandler(m.signOffUpdate, (actor, s) => answered(req, actor, () => applySignOff(req, actor, s)), {
    validator: (actor, _s) => (admit(req, actor), checkSignOff(req, actor)),
  });
  setHandler(m.recordFollowUpUpdate, (actor, f) => answered(req, actor, () => applyFollowUp(req, actor, f)), {
    validator: (actor, f) => (admit(req, actor), checkFollowUp(req, actor, f)),
  });
  setHandler(m.receiveUnitUpdate, (actor, r) => answered(req, actor, () => applyReceiveUnit(req, actor, r)), {
    validator: (actor, r) => (admit(req, actor), checkReceiveUnit(req, actor, r)),
  });
  setHandler(
    m.changeBenchEngineerUpdate,
    (actor, c) => answered(req, actor, () => applyChangeBenchEngineer(req, actor, c)),
    { validator: (actor, c) => (admit(req, actor), checkChangeBenchEngineer(req, actor, c)) },
  );
  setHandler(m.endVisitUpdate, (actor, e) => answered(req, actor, () => applyEndVisit(req, actor, e)), {
    validator: (actor, e) => (admit(req, actor), checkEndVisit(req, actor, e)),
  });
  setHandler(
    m.recordRemoteGuidanceUpdate,
    (actor, r) => answered(req, actor, () => applyRemoteGuidance(req, actor, r)),
    {
      validator: (actor, r) => (admit(req, actor), checkRemoteGuidance(req, actor, r)),
    },
  );
  setHandler(
    m.recordCustomerContactUpdate,
    (actor, c) => answered(req, actor, () => applyCustomerContact(req, actor, c)),
    {
      validator: (actor, c) => (admit(req, actor), checkCustomerContact(req, actor, c)),
    },
  );
  setHandler(m.askSupportUpdate, (actor, q) => answered(req, actor, () => applyAskSupport(req, actor, q)), {
    validator: (actor, q) => (admit(req, actor), checkAskSupport(req, actor, q)),
  });
  setHandler(m.answerSupportUpdate, (actor, a) => answered(req, actor, () => applyAnswerSupport(req, actor, a)), {
    validator: (actor, a) => (admit(req, actor), checkAnswerSupport(req, actor, a)),
  });
  setHandler(m.submitQuotationUpdate, (actor, q) => submitQuotation(req, actor, q), {
    validator: (actor, q) => (admit(req, actor), checkSubmitQuotation(req, actor, q)),
  });
  setHandler(m.approveQuotationUpdate, (actor, a) => answered(req, actor, () => applyApproveQuotation(req, actor, a)), {
    validator: (actor, a) => (admit(req, actor), checkApproveQuotation(req, actor, a)),
  });
  setHandler(m.declineQuotationUpdate, (actor, d) => answered(req, actor, () => applyDeclineQuotation(req, actor, d)), {
    validator: (actor, d) => (admit(req, actor), checkDeclineQuotation(req, actor, d)),
  });
  setHandler(
    m.approveSettlementUpdate,
    (actor, a) => answered(req, actor, () => applyApproveSettlement(req, actor, a)),
    {
      validator: (actor, a) => (admit(req, actor), checkApproveSettlement(req, actor, a)),
    },
  );
  setHandler(m.invoiceToContractUpdate, (actor, i) => answered(req, actor, () => applyInvoice(req, actor, i)), {
    validator: (actor, i) => (admit(req, actor), checkInvoice(req, actor, i)),
  });
  setHandler(m.paymentReceivedSignal, (p) => applyPayment(req, p));
  setHandler(m.recordPaymentUpdate, (actor, p) => answered(req, actor, () => applyRecordPayment(req, actor, p)), {
    validator: (actor, p) => (admit(req, actor), checkPayment(req, actor, p)),
  });
  setHandler(m.customerMessageSignal, (msg) => recordCustomerMessage(req, msg));
  setHandler(m.faultReadingSignal, (r) => recordFaultReading(req, r));
  setHandler(m.recurrenceReportedSignal, (r) => recordRecurrence(req, r));
  setHandler(m.recordCommissioningUpdate, (actor, c) => answered(req, actor, () => applyCommissioning(req, actor, c)), {
    validator: (actor, _c) => (admit(req, actor), checkCommissioning(req, actor)),
  });
  setHandler(m.recordChecklistUpdate, (actor, c) => answered(req, actor, () => applyChecklist(req, actor, c)), {
    validator: (actor, c) => (admit(req, actor), checkChecklist(req, actor, c)),
  });
  setHandler(
    m.cancelRequestUpdate,
    (actor, { reason }) => answered(req, actor, () => applyCancel(req, actor, reason)),
    {
      validator: (actor, _b) => (admit(req, actor), checkCancel(req, actor)),
    },
  );
  setHandler(
    m.proposeAppointmentUpdate,
    (actor, p) => answered(req, actor, () => applyProposeAppointment(req, actor, p)),
    {
      validator: (actor, p) => (admit(req, actor), checkProposeAppointment(req, actor, p)),
    },
  );
  setHandler(
    m.answerAppointmentUpdate,
    (actor, a) => answered(req, actor, () => applyAnswerAppointment(req, actor, a)),
    {
      validator: (actor, a) => (admit(req, actor), checkAnswerAppointment(req, actor, a)),
    },
  );
  setHandler(m.decideAllowanceUpdate, (actor, d) => answered(req, actor, () => applyDecideAllowance(req, actor, d)), {
    validator: (actor, d) => checkDecideAllowance(req, actor, d),
  });
  setHandler(m.addAttachmentUpdate, (actor, a) => answered(req, actor, () => applyAddAttachment(req, actor, a)), {
    validator: (actor, a) => (admit(req, actor), checkAddAttachment(req, actor, a)),
  });
}
