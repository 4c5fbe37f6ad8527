/**
 * Plain DTO types of a service request, shared by workflows, activities and services.
 * Imported into the workflow sandbox: types and pure values only.
 */
import type { Appointment, Diagnosis, FollowUp, IntakeInput, SignOff, WorkRecord } from './schemas';
export type { Appointment, Diagnosis, FollowUp, IntakeInput, SignOff, WorkRecord };

export const ROLES = ['agent', 'dispatcher', 'engineer', 'customer', 'service', 'admin'] as const;
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
  'received', 'offered', 'awaiting_assignment', 'assigned', 'scheduled', 'on_site', 'diagnosed',
  'work_done', 'awaiting_follow_up', 'follow_up_due', 'closed', 'cancelled',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
/** Statuses in which the request still occupies its engineer (workload for dispatch). */
export const ENGINEER_BUSY_STATUSES: RequestStatus[] = ['offered', 'assigned', 'scheduled', 'on_site', 'diagnosed'];

/** What the workflow learns from master data when it starts. */
export interface IntakeContext {
  customerName: string;
  /** Where notifications go, read once at the start (R-INTEGRATE-4). */
  contacts: { customerEmail?: string; supervisorEmail?: string; agentQueueEmail?: string };
  unit: { serialNumber: string; model: string; productLine: string; purchaseDate: string; installDate?: string; warrantyEnd: string };
  contract?: { contractNo: string; start: string; end: string };
  policy: ServicePolicy;
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
}

export interface EngineerCandidate { engineerId: string; name: string; email?: string; score: number; openRequests: number; certified: boolean }

export interface HistoryEntry { seq: number; at: string; actor: Actor; action: string; detail?: Record<string, unknown> }

export interface Notification {
  key: string;
  to: 'customer' | 'engineer' | 'supervisor' | 'agent';
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
  offer?: { engineerId: string; offeredAt: string; candidateIndex: number };
  candidates: EngineerCandidate[];
  engineerId?: string;
  appointment?: Appointment;
  checkedInAt?: string;
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
