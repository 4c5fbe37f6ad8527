/**
 * Every signal, update and query of the serviceRequest workflow, defined once.
 * Imported by the workflow (sandbox) and by services; pulls in nothing heavy.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../common/actor';
import type { CommissioningInput } from '../commissioning/schemas';
import type { FaultReport } from '../iot/schemas';
import type { CheckResult } from '../maintenance/types';
import type { NewAttachment } from './attachments';
import type { BenchEngineerChange, UnitReceipt } from './carryInSchemas';
import type { ServiceRequestView, StepAnswer } from './types';
import type {
  InvoiceInput,
  PaymentInput,
  QuotationInput,
  QuoteApproval,
  QuoteDecline,
  SettlementApproval,
} from '../quotation/schemas';
import type {
  Appointment,
  AppointmentAnswer,
  AppointmentProposal,
  CustomerContact,
  CustomerMessage,
  Diagnosis,
  EndVisit,
  FollowUp,
  RemoteGuidance,
  AllowanceDecision,
  SignOff,
  SupportAnswer,
  SupportAsk,
  WorkRecord,
} from './schemas';

export const getStateQuery = defineQuery<ServiceRequestView>('getState');

export const acceptOfferUpdate = defineUpdate<StepAnswer, [Actor]>('acceptOffer');
export const declineOfferUpdate = defineUpdate<StepAnswer, [Actor, { reason: string }]>('declineOffer');
export const assignEngineerUpdate = defineUpdate<
  StepAnswer,
  [Actor, { engineerId: string; reason: string; uncertified?: string }]
>('assignEngineer');
export const agreeAppointmentUpdate = defineUpdate<StepAnswer, [Actor, Appointment]>('agreeAppointment');
/** R-VISIT-1: propose a window to the customer; the customer answers it through their link. */
export const proposeAppointmentUpdate = defineUpdate<StepAnswer, [Actor, AppointmentProposal]>('proposeAppointment');
export const answerAppointmentUpdate = defineUpdate<StepAnswer, [Actor, AppointmentAnswer]>('answerAppointment');
export const checkInUpdate = defineUpdate<StepAnswer, [Actor, { identityShown: boolean }]>('checkIn');
export const recordDiagnosisUpdate = defineUpdate<StepAnswer, [Actor, Diagnosis]>('recordDiagnosis');
export const recordWorkUpdate = defineUpdate<StepAnswer, [Actor, WorkRecord]>('recordWork');
export const signOffUpdate = defineUpdate<StepAnswer, [Actor, SignOff]>('signOff');
export const recordFollowUpUpdate = defineUpdate<StepAnswer, [Actor, FollowUp]>('recordFollowUp');
/** R-TRIAGE-2: the service point received the unit of a carry-in repair and names its bench engineer. */
export const receiveUnitUpdate = defineUpdate<StepAnswer, [Actor, UnitReceipt]>('receiveUnit');
export const changeBenchEngineerUpdate = defineUpdate<StepAnswer, [Actor, BenchEngineerChange]>('changeBenchEngineer');
export const endVisitUpdate = defineUpdate<StepAnswer, [Actor, EndVisit]>('endVisit');
export const decideAllowanceUpdate = defineUpdate<StepAnswer, [Actor, AllowanceDecision]>('decideAllowance');
export const recordRemoteGuidanceUpdate = defineUpdate<StepAnswer, [Actor, RemoteGuidance]>('recordRemoteGuidance');
export const recordCustomerContactUpdate = defineUpdate<StepAnswer, [Actor, CustomerContact]>('recordCustomerContact');
export const askSupportUpdate = defineUpdate<StepAnswer, [Actor, SupportAsk]>('askSupport');
export const answerSupportUpdate = defineUpdate<StepAnswer, [Actor, SupportAnswer]>('answerSupport');
export const addAttachmentUpdate = defineUpdate<StepAnswer, [Actor, NewAttachment]>('addAttachment');
export const submitQuotationUpdate = defineUpdate<StepAnswer, [Actor, QuotationInput]>('submitQuotation');
export const approveQuotationUpdate = defineUpdate<StepAnswer, [Actor, QuoteApproval]>('approveQuotation');
export const declineQuotationUpdate = defineUpdate<StepAnswer, [Actor, QuoteDecline]>('declineQuotation');
export const approveSettlementUpdate = defineUpdate<StepAnswer, [Actor, SettlementApproval]>('approveSettlement');
export const invoiceToContractUpdate = defineUpdate<StepAnswer, [Actor, InvoiceInput]>('invoiceToContract');
/**
 * From the billing service; idempotent by the payer's transaction id (R-SETTLE-1). Refused (409) in
 * another currency or with nothing approved to pay; before a settlement it is kept as a deposit.
 */
export const recordPaymentUpdate = defineUpdate<StepAnswer, [Actor, PaymentInput & { at: string }]>('recordPayment');
/** Requests started before `recordPayment` may still hold this signal in their history (replay). */
export const paymentReceivedSignal = defineSignal<[PaymentInput & { at: string }]>('paymentReceived');
export const cancelRequestUpdate = defineUpdate<StepAnswer, [Actor, { reason: string }]>('cancelRequest');
/** A message from the customer on another channel (a reply to a mail, a call an agent logged); once per messageId. */
export const customerMessageSignal = defineSignal<[CustomerMessage & { at: string; by: Actor }]>('customerMessage');
/** A further report from IoT monitoring of the fault this request is about (from its fault watch); once per messageId. */
export const faultReadingSignal = defineSignal<[FaultReport & { by: Actor }]>('faultReading');
/** R-FOLLOW-3: a later request was opened because this request's fault came back (from that request). */
export const recurrenceReportedSignal = defineSignal<[{ requestNo: string; at: string }]>('recurrenceReported');
/** R-MAINT-1: the assigned engineer records the maintenance checklist item by item. */
export const recordChecklistUpdate = defineUpdate<
  StepAnswer,
  [Actor, { items: { item: string; result: CheckResult; note?: string }[] }]
>('recordChecklist');
/** R-VISIT-7: the assigned engineer records the commissioning checks and parameters. */
export const recordCommissioningUpdate = defineUpdate<StepAnswer, [Actor, CommissioningInput]>('recordCommissioning');
