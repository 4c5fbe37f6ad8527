/**
 * Suggestions (建议, 001 §5.1.1; R-TRIAGE-3): feedback that is neither a service request nor a complaint,
 * recorded centrally and reviewed by quality. Sandbox-safe words and the view readers get.
 */
import type { Actor } from '../common/actor';
import type { HistoryEntry } from '../common/records';
import type { MessageLanguage } from '../notifications/customerMessages';

export const SUGGESTION_TOPICS = ['product', 'service', 'process', 'documentation', 'other'] as const;
export type SuggestionTopic = (typeof SUGGESTION_TOPICS)[number];
/** adopted: it will be acted on (an improvement action may carry it); noted: kept for later; declined: not taken up. */
export const SUGGESTION_DECISIONS = ['adopted', 'noted', 'declined'] as const;
export type SuggestionDecision = (typeof SUGGESTION_DECISIONS)[number];
export const SUGGESTION_STATUSES = ['awaiting_review', ...SUGGESTION_DECISIONS] as const;
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];

export interface SuggestionIntake {
  customerId: string;
  channel: string;
  topic: SuggestionTopic;
  text: string;
  contactName?: string;
  /** The request it came up in, if any. */
  requestNo?: string;
}

/** What the suggestion reads once at intake: who to tell, and how long quality has to review it. */
export interface SuggestionContext {
  customerName: string;
  language?: MessageLanguage;
  contacts: { customerEmail?: string; supervisorEmail?: string; managerEmail?: string };
  /** The request's region, else the customer's: where the suggestion is counted in the KPIs. */
  region?: string;
  /** The region's supervisor: owner of the improvement action by default. */
  supervisorId?: string;
  reviewDays: number;
  improvementDueDays: number;
  improvementReminderDays: number;
}

export interface SuggestionReview {
  decision: SuggestionDecision;
  response: string;
  by: string;
  at: string;
  improvementActionId?: string;
}

export interface SuggestionView {
  suggestionNo: string;
  workflowId: string;
  status: SuggestionStatus;
  intake: SuggestionIntake;
  receivedBy: Actor;
  receivedAt: string;
  customerName?: string;
  reviewDueAt?: string;
  /** Set when the review was late and the supervisor was told. */
  reviewOverdueAt?: string;
  review?: SuggestionReview;
  history: HistoryEntry[];
  seq: number;
}
