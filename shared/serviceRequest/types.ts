/**
 * The state of one service request as the workflow keeps it and callers read it, and what it learns
 * from master data at intake. Sandbox-safe: types only.
 */
import type { Actor } from '../common/actor';
import type { HistoryEntry } from '../common/records';
import type { Commissioning } from '../commissioning/types';
import type { MaintenanceOrder } from '../maintenance/types';
import type { Allowance, AllowanceUse } from '../contract/allowance';
import type { Coverage, Payment, Quotation, Settlement } from '../quotation/types';
import type { BusinessCalendar, ClockName, SlaClock, SlaPolicy } from '../sla/types';
import type {
  Appointment,
  AppointmentProposal,
  Diagnosis,
  FollowUp,
  IntakeInput,
  SignOff,
  WorkRecord,
} from './schemas';
import type { Entitlement, RequestStatus } from './vocabulary';
import type { MessageLanguage } from '../notifications/customerMessages';
import type { Attachment } from './attachments';

/** What the workflow learns from master data when it starts. */
export interface IntakeContext {
  customerName: string;
  /** The customer's language for what they are told (absent in contexts loaded before it existed: Chinese). */
  language?: MessageLanguage;
  /** Where notifications go, read once at the start (R-INTEGRATE-4). */
  contacts: {
    customerEmail?: string;
    supervisorEmail?: string;
    /** The region's supervisor as a staff id: owner of improvement actions from its follow-ups. */
    supervisorId?: string;
    managerEmail?: string;
    agentQueueEmail?: string;
    technicalEmail?: string;
  };
  unit: {
    serialNumber: string;
    model: string;
    productLine: string;
    purchaseDate: string;
    installDate?: string;
    warrantyEnd: string;
  };
  contract?: { contractNo: string; start: string; end: string; coverage?: Coverage; allowance?: Allowance };
  policy: ServicePolicy;
  /** The SLA policy version the request keeps for its whole life (R-SLA-1/2). Absent in requests started before SLA clocks. */
  sla?: SlaPolicy;
  /** Clocks the service region is exempt from (R-SLA-1: remote areas may be exempted, e.g. arrival). */
  slaExemptClocks?: ClockName[];
}

/** The counter a carry-in unit is brought to, as read at intake (R-TRIAGE-2). */
export interface ServicePointRef {
  servicePointId: string;
  name: string;
  address: string;
  phone?: string;
  openingHours?: string;
  /** Storage terms the customer is told when the unit is ready (kept with the request from intake). */
  storage?: StorageTerms;
}
export interface StorageTerms {
  freeDays: number;
  feePerDayMinor: number;
  currency: string;
}
/** A unit ready for collection is kept free until `freeUntil`, then charged per started day until collected. */
export interface Storage {
  freeUntil: string;
  feePerDayMinor: number;
  currency: string;
  /** Set when the free days ran out with the unit still at the counter (the customer was told). */
  chargingSince?: string;
  /** What the collection charged: started days past `freeUntil`, added to the settlement. */
  charged?: { days: number; amountMinor: number };
}
export interface CarryIn {
  servicePoint: ServicePointRef;
  receivedAt?: string;
  receivedBy?: string;
  /** The unit's state as it was handed in (scratches, missing covers), and what came with it. */
  condition?: string;
  accessories?: string[];
  readyAt?: string;
  /** Repaired, or handed back unrepaired after a declined quotation. */
  repaired?: boolean;
  collectedAt?: string;
  storage?: Storage;
}

export interface Visit {
  no: number;
  appointment?: Appointment;
  checkedInAt: string;
  endedAt?: string;
  durationMinutes?: number;
  outcome?: 'completed' | 'another_visit_needed' | 'interrupted' | 'ended_without_repair';
  reason?: string;
  needs?: string[];
}

export interface SupportRequest {
  no: number;
  requestedAt: string;
  requestedBy: string;
  mode: 'remote' | 'on_site';
  question: string;
  answeredAt?: string;
  answeredBy?: string;
  answer?: string;
  answerMode?: 'remote' | 'on_site';
  joinOnSiteAt?: string;
}

export interface ServicePolicy {
  version: number;
  /** Follow-up due this long after sign-off (R-FOLLOW-1: 24 h in 003, 3–7 days in 002). */
  followUpDelayMs: number;
  /** Escalate to the supervisor when the follow-up is still not done this long after it fell due. */
  followUpGraceMs: number;
  /** Remind the customer this long before the appointment window starts (R-VISIT-1). */
  appointmentReminderLeadMs: number;
  /** The engineer calls the customer this long before arriving (R-VISIT-1: about 30 min). */
  engineerCallLeadMs: number;
  /** Archive retention (R-RECORD-2: at least 3 years). */
  archiveRetentionDays: number;
  /** R-QUOTE-3: remind the customer of an unanswered quotation after this long, let it expire after that. */
  quoteReminderMs?: number;
  quoteExpiryMs?: number;
  /** R-QUOTE-3: a declined quotation on chargeable work settles the diagnosis fee (price list code DIAGNOSIS). */
  diagnosisFeeOnDecline?: boolean;
  /** R-FOLLOW-2: an improvement action is due this many days after it opens; its owner is reminded before. */
  improvementDueDays?: number;
  improvementReminderDays?: number;
  /** R-SETTLE-3: warranty on the work done, stated on the settlement statement. */
  workWarrantyDays?: number;
}

export interface EngineerCandidate {
  engineerId: string;
  name: string;
  email?: string;
  score: number;
  openRequests: number;
  certified: boolean;
  /** R-CERT-1: the day the certification that made them certified runs out. */
  certifiedUntil?: string;
  /** R-CERT-1: why this engineer is not offered the work (the product line requires a valid certification). */
  notOffered?: string;
}

export interface ServiceRequestView {
  requestNo: string;
  workflowId: string;
  status: RequestStatus;
  intake: IntakeInput;
  receivedAt: string;
  receivedBy: Actor;
  customerName?: string;
  unit?: IntakeContext['unit'];
  entitlement?: Entitlement;
  entitlementReason?: string;
  /** R-ENTITLE-1: the contract's allowance in the request's period, as it stood when the request took its share. */
  contractAllowance?: AllowanceUse & { contractNo: string; slot?: number };
  /** R-ENTITLE-1: work past the allowance waiting for (or decided by) a supervisor, as the contract says. */
  allowanceApproval?: {
    status: 'pending' | 'approved' | 'refused';
    reason: string;
    askedAt: string;
    by?: string;
    at?: string;
    note?: string;
  };
  offer?: { engineerId: string; offeredAt: string; candidateIndex: number; expiresAt?: string };
  candidates: EngineerCandidate[];
  /** R-CERT-1: skilled engineers of the region left out of the offers, with the reason. */
  notOffered?: { engineerId: string; name: string; reason: string }[];
  /** R-CERT-1: a dispatcher assigned an engineer without the certification the product line requires. */
  uncertifiedAssignment?: { engineerId: string; reason: string; by: string; at: string };
  engineerId?: string;
  appointment?: Appointment;
  /** A window proposed to the customer and not answered yet (R-VISIT-1: a changed time needs their consent). */
  proposedAppointment?: AppointmentProposal & { proposedAt: string; by: Actor };
  /** Bumped by every agreed or changed appointment: reminders re-arm on it. */
  appointmentSeq?: number;
  checkedInAt?: string;
  /** Numbered field visits, each with its arrival and duration (R-VISIT-4). */
  visits?: Visit[];
  remoteGuidance?: { solved: boolean; summary: string; at: string; by: string };
  /** Quotation versions, oldest first (R-QUOTE-1..4). */
  quotations?: Quotation[];
  settlement?: Settlement;
  /** R-VISIT-7: a commissioning visit's checks, parameters and the customer's acceptance. */
  commissioning?: Commissioning;
  /** R-MAINT-1: the plan, due date and checklist of a preventive maintenance request. */
  maintenance?: MaintenanceOrder;
  /** R-TRIAGE-2: a carry-in repair (送修): the service point, the unit's receipt and its collection. */
  carryIn?: CarryIn;
  /** R-FOLLOW-3: the earlier request whose fault came back (this request opened for it). */
  recurrenceOf?: RecurrenceOf;
  /** R-FOLLOW-3: later requests opened because this request's fault came back; its fix did not hold. */
  recurrences?: string[];
  /** False once the fault came back after this request's work (first-time fix, R-RECORD-3). */
  firstTimeFix?: boolean;
  /** R-FOLLOW-2: improvement actions this request caused (their ids). */
  improvementActions?: string[];
  /** Payments received before there was a settlement (a deposit after approval): credited when it is prepared. */
  deposits?: Payment[];
  /** How a closed request ended: completed, solved remotely, declined or expired quotation, cancelled. */
  closedAs?: 'completed' | 'solved_remotely' | 'quotation_declined' | 'quotation_expired' | 'cancelled';
  /** Photos and documents of the visits, newest last (the bytes are stored by their hash). */
  attachments?: Attachment[];
  /** Technical-support requests (R-VISIT-5); the request waits while one is unanswered. */
  support?: SupportRequest[];
  /** What the request is waiting for, when it waits on someone other than the engineer. */
  waitingOn?: 'customer' | 'technical_support';
  slaPolicy?: { key: string; version: number; name: string };
  clocks?: SlaClock[];
  /** R-SLA-6: the calendar version the business-time clocks count on. */
  slaCalendar?: BusinessCalendar;
  diagnosis?: Diagnosis;
  work?: WorkRecord;
  signOff?: SignOff & { at: string };
  followUpDueAt?: string;
  followUp?: FollowUp & { at: string };
  archiveKey?: string;
  cancelReason?: string;
  /** The most recent history entries; older ones are in `earlierHistory` (R-RECORD-1, bounded run state). */
  history: HistoryEntry[];
  earlierHistory?: EarlierHistory;
  seq: number;
  /**
   * Set only when its workflow ended abnormally (terminated by an operator, failed): the view is then what
   * it left, its state at the start of its last run with the status the read model last showed.
   */
  ended?: { state: string; at: string; lastSeq: number };
}

/**
 * History entries moved out of the workflow's state, oldest first, so that what a run carries (and what
 * continue-as-new passes on) stays far below Temporal's 2 MB payload limit. They are stored in chunks
 * (`request_history`, `_id` = `<requestNo>/<first seq>`) and GET shows them with the rest.
 */
export interface EarlierHistory {
  count: number;
  /** The first seq of each stored chunk, oldest first. */
  chunks: number[];
  /** Engineers offered or assigned in those entries: they may still read the request. */
  engineers: string[];
  /** The distinct actions among them: a step taken once (an escalation) is known to be taken. */
  actions: string[];
  /** The newest message ids among them (customer messages, IoT readings), so a repeat is not recorded twice. */
  messageIds: string[];
}

/**
 * What every update answers: the status after the step and the history entries it recorded (who, what,
 * when, with the step's details). Small on purpose: each answer is stored in the workflow's history.
 * The whole view is `GET /requests/{no}`.
 */
export interface StepAnswer {
  requestNo: string;
  status: RequestStatus;
  seq: number;
  recorded: HistoryEntry[];
}

/** The earlier request a recurrence is linked to, with the warranties its work left (R-FOLLOW-3, R-SETTLE-3). */
export interface RecurrenceOf {
  requestNo: string;
  signedOffAt: string;
  /** The last day of the warranty on the earlier work (YYYY-MM-DD), if it had one. */
  workWarrantyUntil: string | null;
  /** Parts replaced then whose own warranty still runs: charged as covered in this request's quotations. */
  partsUnderWarranty: { code: string; until: string }[];
  originalSymptoms: string;
}
