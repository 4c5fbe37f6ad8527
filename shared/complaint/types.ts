/** Complaints (R-FOLLOW-4, R-SLA-3): the words and the view readers get. Sandbox-safe. */
import type { Actor } from '../common/actor';
import type { HistoryEntry } from '../common/records';
import type { SlaClock, SlaPolicy } from '../sla/types';
import type { MessageLanguage } from '../notifications/customerMessages';

export const COMPLAINT_CATEGORIES = ['service_quality', 'result', 'response_speed'] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];
export const COMPLAINT_STATUSES = [
  'received',
  'acknowledged',
  'investigating',
  'resolution_proposed',
  'closed',
  'follow_up_due',
  'followed_up',
  'withdrawn',
] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];
/** Who the investigation holds responsible. */
export const RESPONSIBLE_PARTIES = ['engineer', 'dispatch', 'product', 'policy', 'customer', 'none'] as const;
export type ResponsibleParty = (typeof RESPONSIBLE_PARTIES)[number];

export interface ComplaintIntake {
  channel: string;
  category: ComplaintCategory;
  customerId: string;
  contactName: string;
  contactPhone: string;
  description: string;
  relatedRequestNos: string[];
}

/** What the complaint reads once at intake: the customer, contacts, the SLA policy it keeps, follow-up policy. */
export interface ComplaintContext {
  customerName: string;
  /** The customer's language for what they are told (default Chinese). */
  language?: MessageLanguage;
  contacts: { customerEmail?: string; agentQueueEmail?: string; supervisorEmail?: string; managerEmail?: string };
  /** The owner of improvement actions from its root cause (the region's supervisor). */
  supervisorId?: string;
  sla: SlaPolicy;
  followUpDelayMs: number;
  improvementDueDays: number;
  improvementReminderDays: number;
}

export interface Investigation {
  at: string;
  by: string;
  findings: string;
  responsibleParty: ResponsibleParty;
  rootCause: string;
  improvementNeeded: boolean;
}
export interface Proposal {
  version: number;
  at: string;
  by: string;
  resolution: string;
  outcome?: 'accepted' | 'rejected';
  decidedAt?: string;
  reason?: string;
}

export interface ComplaintView {
  complaintNo: string;
  workflowId: string;
  intake: ComplaintIntake;
  receivedBy: Actor;
  receivedAt: string;
  customerName?: string;
  status: ComplaintStatus;
  slaPolicy?: { key: string; version: number };
  clocks: SlaClock[];
  investigation?: Investigation;
  proposals: Proposal[];
  /** Service requests opened by a revisit decision, linked to this complaint. */
  revisits: string[];
  improvementActionId?: string;
  escalatedToManager?: number;
  closedAt?: string;
  followUpDueAt?: string;
  followUp?: { at: string; by: string; overall: number; comment?: string };
  withdrawnReason?: string;
  history: HistoryEntry[];
  seq: number;
}
