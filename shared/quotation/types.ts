/** Quotations, settlement and payments (R-QUOTE, R-SETTLE). Sandbox-safe types. */
import type { Actor } from '../common/actor';

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
  /** A signature drawn on the screen (its SHA-256 in the signatures store). */
  signatureId?: string;
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

export interface Payment {
  transactionId: string;
  amountMinor: number;
  currency: string;
  method: 'cash' | 'electronic';
  receiptNo: string;
  at: string;
}

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
