/**
 * Quotations (R-QUOTE-1..4): priced from the price list, approved or declined by the customer for the
 * exact version and total, reminded and expired when unanswered, revised with a reason.
 */
import { condition } from '@temporalio/workflow';
import type { Actor } from '../../shared/common/actor';
import { notAllowed } from '../../shared/common/failures';
import { money } from '../../shared/quotation/pricing';
import type { QuotationInput, QuoteApproval, QuoteDecline } from '../../shared/quotation/schemas';
import type { Quotation, QuoteLine } from '../../shared/quotation/types';
import { AFTER_VISIT_STATUSES } from '../../shared/serviceRequest/vocabulary';
import { CLOCK_NAMES } from '../../shared/sla/types';
import type { StepAnswer } from '../../shared/serviceRequest/types';
import { SYSTEM } from '../common/processState';
import { masterData } from './activityCalls';
import { checkDecider, decision } from './approval';
import { readyForCollection } from './carryIn';
import { answerSince, type RequestState } from './request';
import { newSettlement } from './settlement';
import { pauseClocks, resumeClocks, stopClocks } from './sla';
import { requireRoom } from './limits';

const AWAITING_QUOTE = 'awaiting_quotation_approval';

/** What the pricing activity returns for a quotation. */
export interface PricedQuotation {
  lines: QuoteLine[];
  currency: string;
  totalMinor: number;
  coveredMinor: number;
  declineFee?: QuoteLine;
}

export function checkSubmitQuotation(req: RequestState, actor: Actor, q: QuotationInput): void {
  req.requireStatus('get a quotation', 'diagnosed', 'awaiting_approval', 'repairing');
  req.requireAssignedEngineer(actor);
  if (!req.quotationRequired)
    throw notAllowed(
      `no quotation needed: the work is ${req.view.entitlement === 'free' ? 'free of charge (in warranty)' : 'not chargeable'}`,
    );
  if (req.quoting) throw notAllowed('another quotation is being priced right now; try again');
  requireRoom(req.view.requestNo, 'quotationVersions', req.view.quotations?.length ?? 0);
  const earlier = req.pendingQuotation ?? req.approvedQuotation;
  if (earlier && !q.reason?.trim())
    throw notAllowed(`a revision of quotation v${earlier.version} needs a reason: what new problem was found (reason)`);
}

export function applyQuotation(req: RequestState, actor: Actor, q: QuotationInput, priced: PricedQuotation): Quotation {
  const list = (req.view.quotations ??= []);
  // R-QUOTE-4: a revision replaces the whole scope; what it leaves out of the version before it is said aloud.
  const before = req.pendingQuotation ?? req.approvedQuotation;
  const dropped = before ? droppedCodes(before.lines, priced.lines) : [];
  const superseded = req.pendingQuotation;
  if (superseded) superseded.status = 'superseded';
  const quote: Quotation = {
    version: list.length + 1,
    lines: priced.lines,
    currency: priced.currency,
    totalMinor: priced.totalMinor,
    coveredMinor: priced.coveredMinor,
    createdAt: req.now().toISOString(),
    createdBy: actor.id,
    status: 'awaiting_approval',
    ...(q.reason ? { reason: q.reason } : {}),
    ...(priced.declineFee ? { declineFee: priced.declineFee } : {}),
  };
  list.push(quote);
  req.view.status = 'awaiting_approval';
  req.record(actor, list.length > 1 ? 'quotation_revised' : 'quotation_issued', {
    version: quote.version,
    totalMinor: quote.totalMinor,
    coveredMinor: quote.coveredMinor,
    currency: quote.currency,
    ...(q.reason ? { reason: q.reason } : {}),
    ...(superseded ? { supersedes: superseded.version } : {}),
    ...(before ? { replacesScopeOf: before.version } : {}),
    ...(dropped.length ? { dropped } : {}),
  });
  pauseClocks(req, ['resolution'], AWAITING_QUOTE); // R-SLA-5: the customer decides
  req.tellCustomer('quotation', {
    no: req.view.requestNo,
    version: quote.version,
    total: money(quote.totalMinor, quote.currency),
    lines: quote.lines.map(
      (l) =>
        `- ${l.description}: ${l.quantity} ${l.unit ?? ''} × ${money(l.unitPriceMinor, quote.currency)} = ${l.covered ? '✓' : money(l.lineTotalMinor, quote.currency)}`,
    ),
    reason: q.reason,
    replaces: before?.version,
    dropped,
    covered: quote.coveredMinor ? money(quote.coveredMinor, quote.currency) : undefined,
    declineFee: quote.declineFee ? money(quote.declineFee.lineTotalMinor, quote.currency) : undefined,
  });
  return quote;
}

/** Price-list codes an earlier version charged that a revision no longer lists. */
export const droppedCodes = (earlier: QuoteLine[], revised: QuoteLine[]): string[] =>
  [...new Set(earlier.map((l) => l.code))].filter((code) => !revised.some((l) => l.code === code));

export function requirePendingVersion(req: RequestState, version: number, what: string): Quotation {
  const q = req.view.quotations?.find((x) => x.version === version);
  if (q?.status === 'approved')
    throw notAllowed(
      `quotation v${version} was already approved at ${q.decision!.at} by ${q.decision!.signedBy ?? q.decision!.by.id}`,
    );
  const pending = req.pendingQuotation;
  if (!pending) throw notAllowed(`no quotation is awaiting approval (status: ${req.view.status})`);
  if (version !== pending.version)
    throw notAllowed(`quotation v${version} is ${q ? q.status : 'unknown'}: v${pending.version} is the one to ${what}`);
  return pending;
}

export function checkApproveQuotation(req: RequestState, actor: Actor, a: QuoteApproval): void {
  checkDecider(req, actor, a, 'approve');
  const q = requirePendingVersion(req, a.version, 'approve');
  if (a.totalMinor !== q.totalMinor) {
    throw notAllowed(
      `the total of quotation v${q.version} is ${q.totalMinor} (${money(q.totalMinor, q.currency)}), not ${a.totalMinor}`,
    );
  }
}

export function applyApproveQuotation(req: RequestState, actor: Actor, a: QuoteApproval): void {
  const q = req.pendingQuotation!;
  q.status = 'approved';
  q.decision = decision(req, actor, true, q.totalMinor, a);
  req.view.status = 'repairing';
  req.record(actor, 'quotation_approved', {
    version: q.version,
    totalMinor: q.totalMinor,
    currency: q.currency,
    method: q.decision.method,
    signedBy: a.signedBy,
    ...(a.formReference ? { formReference: a.formReference } : {}),
    ...(a.signatureId ? { signatureId: a.signatureId } : {}),
  });
  resumeClocks(req, AWAITING_QUOTE);
  req.notify(
    'engineer',
    'quotation_approved',
    `Quotation v${q.version} approved: ${req.view.requestNo}`,
    `${a.signedBy} approved ${money(q.totalMinor, q.currency)}. You may start the work it lists.`,
    req.view.engineerId,
  );
}

export function checkDeclineQuotation(req: RequestState, actor: Actor, d: QuoteDecline): void {
  checkDecider(req, actor, undefined, 'decline');
  requirePendingVersion(req, d.version, 'decline');
}

export function applyDeclineQuotation(req: RequestState, actor: Actor, d: QuoteDecline): void {
  const q = req.pendingQuotation!;
  q.status = 'declined';
  q.decision = decision(req, actor, false, q.totalMinor, d);
  req.record(actor, 'quotation_declined', {
    version: q.version,
    totalMinor: q.totalMinor,
    reason: d.reason,
    method: q.decision.method,
  });
  resumeClocks(req, AWAITING_QUOTE);
  quotationLapsed(req, q, 'declined');
}

/** R-QUOTE-3: an unanswered quotation is reminded once… */
export function quotationReminder(req: RequestState, version: number): void {
  const q = req.pendingQuotation;
  if (!q || q.version !== version || q.remindedAt) return; // once per version, also across continue-as-new
  q.remindedAt = req.now().toISOString();
  req.record(SYSTEM, 'quotation_reminder_sent', { version });
  req.tellCustomer('quotation_reminder', { no: req.view.requestNo, version, total: money(q.totalMinor, q.currency) });
}

/** …and finally expires. */
export function quotationExpired(req: RequestState, version: number): void {
  const q = req.pendingQuotation;
  if (!q || q.version !== version) return;
  q.status = 'expired';
  req.record(SYSTEM, 'quotation_expired', { version });
  resumeClocks(req, AWAITING_QUOTE);
  quotationLapsed(req, q, 'expired');
}

/**
 * A revision that lapses leaves the approved scope standing: the repair continues on it. A first
 * quotation that lapses ends the visit: declined → diagnosis fee (if any) and the follow-up;
 * expired → the request closes as expired.
 */
export function quotationLapsed(req: RequestState, q: Quotation, how: 'declined' | 'expired'): void {
  const approved = req.approvedQuotation;
  if (approved) {
    req.view.status = 'repairing';
    req.notify(
      'engineer',
      `quotation_${how}`,
      `Quotation v${q.version} ${how}: ${req.view.requestNo}`,
      `The revision was ${how}; finish only the work of the approved quotation v${approved.version}.`,
      req.view.engineerId,
    );
    return;
  }
  const visit = req.endCurrentVisit('ended_without_repair', `quotation ${how}`);
  stopClocks(req, CLOCK_NAMES, 'not_needed'); // the customer chose not to have it repaired
  if (how === 'expired' && req.view.carryIn) {
    // R-TRIAGE-2: the unit is at the service point: it is handed back unrepaired before the request closes.
    req.view.closedAs = 'quotation_expired';
    req.tellCustomer('quotation_expired', { no: req.view.requestNo, version: q.version });
    readyForCollection(req, false);
    return;
  }
  if (how === 'expired') {
    req.view.closedAs = 'quotation_expired';
    req.record(SYSTEM, 'closing_as_expired', { visitNo: visit?.no });
    req.tellCustomer('quotation_expired', { no: req.view.requestNo, version: q.version });
    return;
  }
  req.view.closedAs = 'quotation_declined';
  const fee = q.declineFee;
  if (fee && req.policy.diagnosisFeeOnDecline !== false) {
    req.view.settlement = newSettlement(req, [fee], fee.lineTotalMinor, undefined, q.currency);
    req.record(SYSTEM, 'settlement_prepared', {
      totalMinor: fee.lineTotalMinor,
      currency: q.currency,
      lines: ['DIAGNOSIS'],
    });
  }
  req.tellCustomer('quotation_declined', {
    no: req.view.requestNo,
    fee: fee ? money(fee.lineTotalMinor, q.currency) : undefined,
  });
  if (req.view.carryIn) return readyForCollection(req, false); // the follow-up falls due after collection
  req.view.followUpDueAt = new Date(req.now().getTime() + req.policy.followUpDelayMs).toISOString();
  req.view.status = 'awaiting_follow_up';
}

/** R-QUOTE-3: each quotation awaiting approval is reminded after a policy delay and expires after a longer one. */
export async function remindThenExpireQuotations(req: RequestState): Promise<void> {
  let handled = 0;
  const finished = () => AFTER_VISIT_STATUSES.includes(req.status) || req.view.closedAs === 'quotation_expired';
  for (;;) {
    await condition(() => (req.pendingQuotation?.version ?? 0) > handled || finished());
    if (finished()) return;
    const q = req.pendingQuotation!;
    handled = q.version;
    const decided = () => req.pendingQuotation?.version !== q.version;
    const reminderMs = req.policy.quoteReminderMs ?? 24 * 3_600_000;
    const expiryMs = Math.max(req.policy.quoteExpiryMs ?? 72 * 3_600_000, reminderMs);
    const issuedAt = Date.parse(q.createdAt);
    const remindAt = Math.max(1, issuedAt + reminderMs - Date.now());
    if (await condition(decided, remindAt, { summary: `remind the customer of quotation v${q.version}` })) continue;
    quotationReminder(req, q.version);
    const expireAt = Math.max(1, issuedAt + expiryMs - Date.now());
    if (await condition(decided, expireAt, { summary: `quotation v${q.version} expires unanswered` })) continue;
    quotationExpired(req, q.version);
  }
}

/**
 * The submitQuotation handler: priced from the price list by a local activity, so the prices are
 * recorded in history with the quotation; a price-list refusal becomes NotAllowed (409).
 */
export async function submitQuotation(req: RequestState, actor: Actor, q: QuotationInput): Promise<StepAnswer> {
  const from = req.view.seq;
  req.quoting = true;
  try {
    const priced = await masterData(
      `price quotation v${(req.view.quotations?.length ?? 0) + 1} (${q.lines.length} lines)`,
    )
      .priceQuotation({
        lines: q.lines,
        entitlement: req.view.entitlement!,
        coverage: req.contract?.coverage,
        ...warrantyCodesOf(req),
        declineFee:
          req.view.entitlement === 'paid' && req.policy.diagnosisFeeOnDecline !== false && !req.approvedQuotation,
      })
      .catch((err: unknown) => {
        throw notAllowed((err as { cause?: Error }).cause?.message ?? String(err));
      });
    applyQuotation(req, actor, q, priced);
  } finally {
    req.quoting = false;
  }
  return answerSince(req, from);
}

/** R-FOLLOW-3: parts the earlier request replaced whose warranty still runs today are not charged again. */
function warrantyCodesOf(req: RequestState): { warrantyCodes?: string[] } {
  const today = req.now().toISOString().slice(0, 10);
  const codes = (req.view.recurrenceOf?.partsUnderWarranty ?? []).filter((p) => today <= p.until).map((p) => p.code);
  return codes.length ? { warrantyCodes: codes } : {};
}
