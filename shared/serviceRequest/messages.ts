/**
 * Every signal, update and query of the serviceRequest workflow, defined once.
 * Imported by the workflow (sandbox) and by services; pulls in nothing heavy.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../common/actor';
import type { ServiceRequestView } from './types';
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
  CustomerContact,
  Diagnosis,
  EndVisit,
  FollowUp,
  RemoteGuidance,
  SignOff,
  SupportAnswer,
  SupportAsk,
  WorkRecord,
} from './schemas';

export const getStateQuery = defineQuery<ServiceRequestView>('getState');

export const acceptOfferUpdate = defineUpdate<ServiceRequestView, [Actor]>('acceptOffer');
export const declineOfferUpdate = defineUpdate<ServiceRequestView, [Actor, { reason: string }]>('declineOffer');
export const assignEngineerUpdate = defineUpdate<ServiceRequestView, [Actor, { engineerId: string; reason: string }]>(
  'assignEngineer',
);
export const agreeAppointmentUpdate = defineUpdate<ServiceRequestView, [Actor, Appointment]>('agreeAppointment');
export const checkInUpdate = defineUpdate<ServiceRequestView, [Actor, { identityShown: boolean }]>('checkIn');
export const recordDiagnosisUpdate = defineUpdate<ServiceRequestView, [Actor, Diagnosis]>('recordDiagnosis');
export const recordWorkUpdate = defineUpdate<ServiceRequestView, [Actor, WorkRecord]>('recordWork');
export const signOffUpdate = defineUpdate<ServiceRequestView, [Actor, SignOff]>('signOff');
export const recordFollowUpUpdate = defineUpdate<ServiceRequestView, [Actor, FollowUp]>('recordFollowUp');
export const endVisitUpdate = defineUpdate<ServiceRequestView, [Actor, EndVisit]>('endVisit');
export const recordRemoteGuidanceUpdate = defineUpdate<ServiceRequestView, [Actor, RemoteGuidance]>(
  'recordRemoteGuidance',
);
export const recordCustomerContactUpdate = defineUpdate<ServiceRequestView, [Actor, CustomerContact]>(
  'recordCustomerContact',
);
export const askSupportUpdate = defineUpdate<ServiceRequestView, [Actor, SupportAsk]>('askSupport');
export const answerSupportUpdate = defineUpdate<ServiceRequestView, [Actor, SupportAnswer]>('answerSupport');
export const submitQuotationUpdate = defineUpdate<ServiceRequestView, [Actor, QuotationInput]>('submitQuotation');
export const approveQuotationUpdate = defineUpdate<ServiceRequestView, [Actor, QuoteApproval]>('approveQuotation');
export const declineQuotationUpdate = defineUpdate<ServiceRequestView, [Actor, QuoteDecline]>('declineQuotation');
export const approveSettlementUpdate = defineUpdate<ServiceRequestView, [Actor, SettlementApproval]>(
  'approveSettlement',
);
export const invoiceToContractUpdate = defineUpdate<ServiceRequestView, [Actor, InvoiceInput]>('invoiceToContract');
/** From the billing service; idempotent by the payer's transaction id (R-SETTLE-1). */
export const paymentReceivedSignal = defineSignal<[PaymentInput & { at: string }]>('paymentReceived');
export const cancelRequestUpdate = defineUpdate<ServiceRequestView, [Actor, { reason: string }]>('cancelRequest');
