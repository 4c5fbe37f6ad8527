/**
 * Plain DTO types of a service request, shared by workflows, activities and services.
 * Imported into the workflow sandbox: types and pure values only.
 */
import type { Appointment, Diagnosis, FollowUp, IntakeInput, SignOff, WorkRecord } from './schemas';
export type { Appointment, Diagnosis, FollowUp, IntakeInput, SignOff, WorkRecord };

/** support = the technical department, which answers engineers' requests for help (R-VISIT-5). */
export const ROLES = ['agent', 'dispatcher', 'engineer', 'customer', 'service', 'support', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export interface Actor { role: Role; id: string }

export const CHANNELS = ['hotline', 'web', 'email', 'app', 'messaging', 'dealer', 'api'] as const;
export type Channel = (typeof CHANNELS)[number];
export const REQUEST_KINDS = ['fault_repair', 'maintenance', 'commissioning', 'consultation', 'complaint'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];
export const URGENCIES = ['urgent', 'important', 'general'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const FAULT_CLASSES = ['hardware', 'software', 'misuse', 'electrical', 'water_circuit', 'collector', 'mounting', 'unknown'] as const;
export type FaultClass = (typeof FAULT_CLASSES)[number];
export const ENTITLEMENTS = ['free', 'contract', 'paid', 'other'] as const;
export type Entitlement = (typeof ENTITLEMENTS)[number];

export const REQUEST_STATUSES = [
  'received', 'remote_guidance', 'offered', 'awaiting_assignment', 'assigned', 'scheduled', 'on_site', 'diagnosed',
  'awaiting_approval', 'repairing', 'work_done', 'awaiting_follow_up', 'follow_up_due', 'closed', 'cancelled',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
/** Statuses in which the request is finished with its visits (no more clocks, offers or reminders). */
export const AFTER_VISIT_STATUSES: RequestStatus[] = ['awaiting_follow_up', 'follow_up_due', 'closed', 'cancelled'];
/** Statuses in which the request still occupies its engineer (workload for dispatch). */
export const ENGINEER_BUSY_STATUSES: RequestStatus[] = ['offered', 'assigned', 'scheduled', 'on_site', 'diagnosed', 'awaiting_approval', 'repairing'];

/** What the workflow learns from master data when it starts. */
export interface IntakeContext {
  customerName: string;
  /** Where notifications go, read once at the start (R-INTEGRATE-4). */
  contacts: { customerEmail?: string; supervisorEmail?: string; managerEmail?: string; agentQueueEmail?: string; technicalEmail?: string };
  unit: { serialNumber: string; model: string; productLine: string; purchaseDate: string; installDate?: string; warrantyEnd: string };
  contract?: { contractNo: string; start: string; end: string; coverage?: Coverage };
  policy: ServicePolicy;
  /** The SLA policy version the request keeps for its whole life (R-SLA-1/2). Absent in requests started before SLA clocks. */
  sla?: SlaPolicy;
  /** Clocks the service region is exempt from (R-SLA-1: remote areas may be exempted, e.g. arrival). */
  slaExemptClocks?: ClockName[];
}

/**
 * SLA clocks (R-SLA-1..5). acknowledge: a person confirms the request (complaints: 1 h);
 * response: a substantive reply to the customer (power: 24 h; complaints: 24 h); dispatch: an engineer
 * takes the job; arrival: the engineer checks in on site; resolution: the customer signs off (or
 * remote guidance solves it).
 */
export const CLOCK_NAMES = ['acknowledge', 'response', 'dispatch', 'arrival', 'resolution'] as const;
export type ClockName = (typeof CLOCK_NAMES)[number];
export type ClockBudgets = Partial<Record<ClockName, number>>;

export interface SlaPolicy {
  key: string;
  version: number;
  name: string;
  /** Budget of each clock in ms, per urgency; a clock without a budget does not run. */
  budgets: Record<Urgency, ClockBudgets>;
  /** Extra or different budgets for a kind of request (complaints: R-SLA-3). */
  byKind?: Partial<Record<RequestKind, ClockBudgets>>;
  /** Warn when this share of a clock's budget is used (0 < share < 1). */
  warnAtShare: number;
  /** After a breach the supervisor is told at once, the manager this much later if the clock still runs. */
  managerEscalationDelayMs: number;
  /** An offer not accepted within this time goes to the next candidate (R-DISPATCH-3). */
  offerAcceptanceMs: number;
}

export interface ClockPause { reason: string; from: string; to?: string; until?: string }
export interface SlaClock {
  name: ClockName;
  budgetMs: number;
  startedAt: string;
  /** Accumulated pause while the request waited on the customer (R-SLA-5). */
  pausedMs: number;
  pauses: ClockPause[];
  /** The current deadline; absent while paused (it moves) or once stopped. */
  deadline?: string;
  warnedAt?: string;
  breachedAt?: string;
  escalatedTo: ('supervisor' | 'manager')[];
  stoppedAt?: string;
  outcome?: 'met' | 'breached' | 'not_needed' | 'cancelled';
  /** How late the clock stopped, for a breached clock. */
  overrunMs?: number;
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
  /** R-SETTLE-3: warranty on the work done, stated on the settlement statement. */
  workWarrantyDays?: number;
}

/** What a service contract covers, per kind of quotation line (R-INTAKE-6: e.g. labour covered, parts charged). */
export type LineKind = 'part' | 'labour' | 'callout' | 'travel' | 'fee';
export type Coverage = Partial<Record<LineKind, boolean>>;

/** Money is integer minor units with a currency, never floating point. */
export interface QuoteLine {
  code: string;
  description: string;
  kind: LineKind;
  unit?: string;
  unitPriceMinor: number;
  quantity: number;
  covered: boolean;
  /** unitPriceMinor × quantity, 0 when covered. */
  lineTotalMinor: number;
  /** Warranty on a replaced part (R-SETTLE-3). */
  warrantyDays?: number;
}

export interface QuoteDecision {
  approved: boolean;
  at: string;
  by: Actor;
  /** signed_link: the customer through their link; written_form: the engineer records a signed form. */
  method: 'signed_link' | 'written_form';
  signedBy?: string;
  formReference?: string;
  reason?: string;
  /** The exact total the decision was about. */
  totalMinor: number;
}

export interface Quotation {
  version: number;
  lines: QuoteLine[];
  currency: string;
  totalMinor: number;
  coveredMinor: number;
  createdAt: string;
  createdBy: string;
  /** Why a revision was needed (new problems found during the repair). */
  reason?: string;
  status: 'awaiting_approval' | 'approved' | 'declined' | 'expired' | 'superseded';
  remindedAt?: string;
  decision?: QuoteDecision;
  /** What the customer pays if they decline (diagnosis fee), stated with the quotation (R-QUOTE-3). */
  declineFee?: QuoteLine;
}

export interface Payment { transactionId: string; amountMinor: number; currency: string; method: 'cash' | 'electronic'; receiptNo: string; at: string }

export interface Settlement {
  /** Parts and labour as recorded, priced as approved. */
  lines: QuoteLine[];
  currency: string;
  totalMinor: number;
  /** The approved quotation this settles, and its total. */
  quotationVersion?: number;
  approvedTotalMinor: number;
  differenceMinor: number;
  /** agreed: matches the approval (or its difference was approved); difference_pending: needs its own approval. */
  status: 'agreed' | 'difference_pending';
  differenceApproval?: QuoteDecision;
  payments: Payment[];
  paidMinor: number;
  invoice?: { invoiceNo: string; account: string; at: string; by: string };
  settled: boolean;
  /** R-SETTLE-3: warranty on the work; parts carry theirs on their lines. */
  workWarrantyDays: number;
}

export interface EngineerCandidate { engineerId: string; name: string; email?: string; score: number; openRequests: number; certified: boolean }

export interface HistoryEntry { seq: number; at: string; actor: Actor; action: string; detail?: Record<string, unknown> }

export interface Notification {
  key: string;
  to: 'customer' | 'engineer' | 'supervisor' | 'manager' | 'agent' | 'technical';
  engineerId?: string;
  /** Resolved by the workflow from its context when it knows it; otherwise looked up when queued. */
  address?: string;
  template: string;
  subject: string;
  body: string;
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
  offer?: { engineerId: string; offeredAt: string; candidateIndex: number; expiresAt?: string };
  candidates: EngineerCandidate[];
  engineerId?: string;
  appointment?: Appointment;
  /** Bumped by every agreed or changed appointment: reminders re-arm on it. */
  appointmentSeq?: number;
  checkedInAt?: string;
  /** Numbered field visits, each with its arrival and duration (R-VISIT-4). */
  visits?: Visit[];
  remoteGuidance?: { solved: boolean; summary: string; at: string; by: string };
  /** Quotation versions, oldest first (R-QUOTE-1..4). */
  quotations?: Quotation[];
  settlement?: Settlement;
  /** How a closed request ended: completed, solved remotely, declined or expired quotation, cancelled. */
  closedAs?: 'completed' | 'solved_remotely' | 'quotation_declined' | 'quotation_expired' | 'cancelled';
  /** Technical-support requests (R-VISIT-5); the request waits while one is unanswered. */
  support?: SupportRequest[];
  /** What the request is waiting for, when it waits on someone other than the engineer. */
  waitingOn?: 'customer' | 'technical_support';
  slaPolicy?: { key: string; version: number; name: string };
  clocks?: SlaClock[];
  diagnosis?: Diagnosis;
  work?: WorkRecord;
  signOff?: SignOff & { at: string };
  followUpDueAt?: string;
  followUp?: FollowUp & { at: string };
  archiveKey?: string;
  cancelReason?: string;
  history: HistoryEntry[];
  seq: number;
}

// ---- field trips and parts custody (R-PARTS, R-VISIT-2, R-VISIT-4) ------------------------------

export const TRIP_STATUSES = ['awaiting_approval', 'waiting_for_stock', 'reserved', 'on_trip', 'reconciling', 'closed', 'rejected', 'cancelled'] as const;
export type TripStatus = (typeof TRIP_STATUSES)[number];

export interface TripLine { partNo: string; quantity: number; requestNo?: string }

/** Where every unit of one part on the trip is (R-PARTS-2): carried = consumed + returned + faulty + written off + still out. */
export interface TripPart {
  partNo: string;
  requested: number;
  reserved: number;
  carried: number;
  consumed: number;
  returned: number;
  faulty: number;
  writtenOff: number;
}

export interface TripConsumption {
  requestNo: string;
  partNo: string;
  quantity: number;
  at: string;
  /** The removed old part: brought back for inspection, kept by the customer, or none was removed. */
  oldPart: 'returned' | 'kept_by_customer' | 'none';
  symptom?: string;
}

export interface TripContext {
  engineer: { engineerId: string; name: string; email?: string; skills: string[] };
  contacts: { supervisorEmail?: string; managerEmail?: string };
  /** Retry a requisition that waits for stock this often; escalate once after the longer wait. */
  stockRetryMs: number;
  stockEscalationMs: number;
  /** Parts are due back this long after the planned end of the trip. */
  returnGraceMs: number;
}

export interface NearbyWork { requestNo: string; productLine: string | null; status: string; urgency: string; siteAddress?: string; nextDeadline: string | null }

export interface TripView {
  tripId: string;
  workflowId: string;
  engineerId: string;
  region: string;
  warehouseId: string;
  plannedStart: string;
  plannedEnd: string;
  status: TripStatus;
  tools: string[];
  lines: TripLine[];
  parts: TripPart[];
  requests: string[];
  consumptions: TripConsumption[];
  requisition: { status: 'awaiting_approval' | 'approved' | 'rejected'; mode?: 'wait' | 'partial'; decidedBy?: string; reason?: string; shortfall?: { partNo: string; missing: number }[] };
  nearby?: NearbyWork[];
  returns?: { at: string; returned: { partNo: string; quantity: number }[]; faulty: { partNo: string; quantity: number; requestNo: string; symptom: string }[]; oldParts: { requestNo: string; partNo: string; symptom: string }[] };
  missing: { partNo: string; quantity: number }[];
  writeOffs: { partNo: string; quantity: number; reason: string; by: string; at: string }[];
  inspections: string[];
  customerKept: { requestNo: string; partNo: string }[];
  cancelReason?: string;
  history: HistoryEntry[];
  seq: number;
}
