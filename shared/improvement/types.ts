/** Improvement actions (R-FOLLOW-2, R-RECORD-3): the words, the view readers get. Sandbox-safe. */
import type { Actor } from '../common/actor';
import type { HistoryEntry } from '../common/records';

export const IMPROVEMENT_STATUSES = ['open', 'in_progress', 'done', 'verified', 'rejected'] as const;
export type ImprovementStatus = (typeof IMPROVEMENT_STATUSES)[number];
/** Where an action came from: a low follow-up score, a complaint's root cause, an inspection finding, by hand. */
export const IMPROVEMENT_SOURCES = ['follow_up', 'complaint', 'inspection', 'manual', 'suggestion'] as const;
export type ImprovementSource = (typeof IMPROVEMENT_SOURCES)[number];
export const CLOSED_IMPROVEMENT: ImprovementStatus[] = ['verified', 'rejected'];

export interface Owner {
  /** The staff id that may progress it (token id), and where reminders go. */
  id: string;
  email?: string;
}

export interface StartImprovement {
  actionId: string;
  source: ImprovementSource;
  /** The request, complaint or inspection it came from. */
  sourceRef?: string;
  title: string;
  description: string;
  owner: Owner;
  dueAt: string;
  openedBy: Actor;
  /** Who hears of an overdue action. */
  managerEmail?: string;
  /** How long before the due date the owner is reminded. */
  remindBeforeMs: number;
}

export interface ImprovementView {
  actionId: string;
  workflowId: string;
  source: ImprovementSource;
  sourceRef?: string;
  title: string;
  description: string;
  owner: Owner;
  dueAt: string;
  openedAt: string;
  openedBy: Actor;
  status: ImprovementStatus;
  notes: { at: string; by: string; note: string }[];
  outcome?: string;
  /** Why the verifier rejected it (not adopted). */
  rejectedReason?: string;
  remindedAt?: string;
  escalatedAt?: string;
  closedAt?: string;
  history: HistoryEntry[];
  seq: number;
}
