/**
 * Settlement (R-QUOTE-5, R-SETTLE-1..3): what was recorded, priced as approved; a difference needs its
 * own approval; payments (idempotent by transaction id) or a contract invoice settle it.
 */
import type { Actor } from '../../shared/common/actor';
import { notAllowed } from '../../shared/common/failures';
import { money, settleAgainst } from '../../shared/quotation/pricing';
import type { InvoiceInput, PaymentInput, SettlementApproval } from '../../shared/quotation/schemas';
import type { QuoteLine, Settlement } from '../../shared/quotation/types';
import type { WorkRecord } from '../../shared/serviceRequest/schemas';
import { SYSTEM } from '../common/processState';
import { checkDecider, decision } from './approval';
import type { RequestState } from './request';
import { requireRoom } from './limits';

const SERVICE_BILLING: Actor = { role: 'service', id: 'billing' };

export function newSettlement(
  req: RequestState,
  lines: QuoteLine[],
  approvedTotalMinor: number,
  version: number | undefined,
  currency: string,
): Settlement {
  const totalMinor = lines.reduce((sum, l) => sum + l.lineTotalMinor, 0);
  // Deposits paid before there was a settlement are credited to it (only requests with recordPayment have any).
  const deposits = (req.view.deposits ?? []).filter((d) => d.currency === currency);
  const paidMinor = deposits.reduce((sum, d) => sum + d.amountMinor, 0);
  return {
    lines,
    currency,
    totalMinor,
    approvedTotalMinor,
    differenceMinor: totalMinor - approvedTotalMinor,
    status: totalMinor === approvedTotalMinor ? 'agreed' : 'difference_pending',
    ...(version ? { quotationVersion: version } : {}),
    payments: [...deposits],
    paidMinor,
    settled: totalMinor === 0 || (deposits.length > 0 && paidMinor >= totalMinor),
    workWarrantyDays: req.policy.workWarrantyDays ?? 90,
  };
}

/**
 * A charge the customer agreed to by the policy's published terms (storage of an uncollected unit, R-TRIAGE-2):
 * a line on the settlement, approved with it; a paid statement is open again until the charge is paid.
 */
export function addCharge(req: RequestState, line: QuoteLine, currency: string): void {
  const st = req.view.settlement;
  if (!st) {
    req.view.settlement = newSettlement(req, [line], line.lineTotalMinor, undefined, currency);
    return;
  }
  if (st.currency !== currency) {
    req.record(SYSTEM, 'charge_not_added', { code: line.code, reason: `in ${currency}, settlement in ${st.currency}` });
    req.notify(
      'agent',
      'payment_problem',
      `Charge for ${req.view.requestNo} needs attention`,
      `${line.description}: ${money(line.lineTotalMinor, currency)} could not be added to the settlement in ${st.currency}.`,
    );
    return;
  }
  st.lines.push(line);
  st.totalMinor += line.lineTotalMinor;
  st.approvedTotalMinor += line.lineTotalMinor;
  // Paid in full before: open again for the charge. Invoiced to a contract account: the account is billed for it.
  if (!st.invoice && st.paidMinor < st.totalMinor) st.settled = false;
}

/** R-QUOTE-5: the statement prices what was recorded at the approved prices; a difference needs approval. */
export function prepareSettlement(req: RequestState, w: WorkRecord): void {
  const approved = req.approvedQuotation!;
  const { lines } = settleAgainst(approved.lines, w.used ?? approved.lines);
  const st = newSettlement(req, lines, approved.totalMinor, approved.version, approved.currency);
  req.view.settlement = st;
  req.record(SYSTEM, 'settlement_prepared', {
    quotationVersion: approved.version,
    totalMinor: st.totalMinor,
    approvedTotalMinor: st.approvedTotalMinor,
    differenceMinor: st.differenceMinor,
    ...(st.paidMinor ? { depositsCreditedMinor: st.paidMinor } : {}),
  });
  if (st.settled && st.paidMinor) req.record(SYSTEM, 'settled', { paidMinor: st.paidMinor, totalMinor: st.totalMinor });
  if (st.status === 'difference_pending') {
    req.tellCustomer('settlement_difference', {
      no: req.view.requestNo,
      total: money(st.totalMinor, st.currency),
      approved: money(st.approvedTotalMinor, st.currency),
      difference: money(st.differenceMinor, st.currency),
    });
  }
}

export function checkApproveSettlement(req: RequestState, actor: Actor, a: SettlementApproval): void {
  checkDecider(req, actor, a, 'approve');
  const st = req.view.settlement;
  if (!st || st.status !== 'difference_pending') throw notAllowed('no settlement difference awaits approval');
  if (a.totalMinor !== st.totalMinor)
    throw notAllowed(
      `the settlement total is ${st.totalMinor} (${money(st.totalMinor, st.currency)}), not ${a.totalMinor}`,
    );
}

export function applyApproveSettlement(req: RequestState, actor: Actor, a: SettlementApproval): void {
  const st = req.view.settlement!;
  st.differenceApproval = decision(req, actor, true, st.totalMinor, a);
  st.status = 'agreed';
  req.record(actor, 'settlement_difference_approved', {
    totalMinor: st.totalMinor,
    differenceMinor: st.differenceMinor,
    method: st.differenceApproval.method,
    signedBy: a.signedBy,
    ...(a.signatureId ? { signatureId: a.signatureId } : {}),
  });
}

/** R-SETTLE-1: what a payment pays, or why it is refused: never received and then dropped. */
export function checkPayment(req: RequestState, actor: Actor, p: PaymentInput): void {
  req.requireRole(actor, 'record a payment', 'service', 'admin');
  if (knownPayment(req, p.transactionId)) return; // the same transaction again: answered, recorded once
  requireRoom(
    req.view.requestNo,
    'payments',
    (req.view.deposits?.length ?? 0) + (req.view.settlement?.payments.length ?? 0),
  );
  const st = req.view.settlement;
  const priced = st ?? req.approvedQuotation;
  if (!priced)
    throw notAllowed(
      `nothing to pay on ${req.view.requestNo} yet: a payment is taken once a quotation is approved (status: ${req.view.status})`,
    );
  if (p.currency !== priced.currency)
    throw notAllowed(`the payment is in ${p.currency}; ${req.view.requestNo} is priced in ${priced.currency}`);
  if (st?.settled)
    throw notAllowed(
      `the settlement is already ${st.invoice ? `invoiced (${st.invoice.invoiceNo})` : `paid (${money(st.paidMinor, st.currency)})`}`,
    );
}

const knownPayment = (req: RequestState, id: string) =>
  [...(req.view.settlement?.payments ?? []), ...(req.view.deposits ?? [])].some((x) => x.transactionId === id);

export function applyRecordPayment(req: RequestState, actor: Actor, p: PaymentInput & { at: string }): void {
  if (knownPayment(req, p.transactionId)) return;
  if (req.view.settlement) return applyPayment(req, p, actor);
  const deposit = { ...paymentOf(p) };
  (req.view.deposits ??= []).push(deposit);
  const heldMinor = req.view.deposits.reduce((sum, d) => sum + d.amountMinor, 0);
  req.record(actor, 'deposit_received', { ...deposit, heldMinor });
}

const paymentOf = (p: PaymentInput & { at: string }) => ({
  transactionId: p.transactionId,
  amountMinor: p.amountMinor,
  currency: p.currency,
  method: p.method,
  receiptNo: p.receiptNo,
  at: p.at,
});

/** R-SETTLE-1: a payment from the billing service; the same transaction id twice is recorded once. */
export function applyPayment(req: RequestState, p: PaymentInput & { at: string }, by = SERVICE_BILLING): void {
  const st = req.view.settlement;
  if (st?.payments.some((x) => x.transactionId === p.transactionId)) return; // a redelivered signal
  if (!st) {
    req.record(SERVICE_BILLING, 'payment_ignored', {
      transactionId: p.transactionId,
      reason: 'no settlement to pay yet',
    });
    return;
  }
  if (p.currency !== st.currency) {
    req.record(SERVICE_BILLING, 'payment_ignored', {
      transactionId: p.transactionId,
      reason: `currency ${p.currency}, settlement in ${st.currency}`,
    });
    req.notify(
      'agent',
      'payment_problem',
      `Payment for ${req.view.requestNo} needs attention`,
      `Payment ${p.transactionId} is in ${p.currency}; the settlement is in ${st.currency}.`,
    );
    return;
  }
  st.payments.push(paymentOf(p));
  st.paidMinor += p.amountMinor;
  req.record(by, 'payment_received', {
    transactionId: p.transactionId,
    amountMinor: p.amountMinor,
    method: p.method,
    receiptNo: p.receiptNo,
    paidMinor: st.paidMinor,
  });
  if (!st.settled && st.paidMinor >= st.totalMinor) {
    st.settled = true;
    req.record(by, 'settled', { paidMinor: st.paidMinor, totalMinor: st.totalMinor });
    req.tellCustomer('receipt', {
      no: req.view.requestNo,
      paid: money(st.paidMinor, st.currency),
      method: p.method,
      receiptNo: p.receiptNo,
    });
  }
}

export function checkInvoice(req: RequestState, actor: Actor, _i: InvoiceInput): void {
  req.requireRole(actor, 'invoice to a contract account', 'service', 'admin');
  if (req.view.entitlement !== 'contract')
    throw notAllowed(`only contract work is invoiced to a contract account (entitlement: ${req.view.entitlement})`);
  const st = req.view.settlement;
  if (!st) throw notAllowed('there is no settlement to invoice yet');
  if (st.status !== 'agreed') throw notAllowed('the settlement difference must be approved before invoicing');
  if (st.settled)
    throw notAllowed(`the settlement is already ${st.invoice ? `invoiced (${st.invoice.invoiceNo})` : 'paid'}`);
}

export function applyInvoice(req: RequestState, actor: Actor, i: InvoiceInput): void {
  const st = req.view.settlement!;
  st.invoice = { invoiceNo: i.invoiceNo, account: i.account, at: req.now().toISOString(), by: actor.id };
  st.settled = true;
  req.record(actor, 'invoiced', { invoiceNo: i.invoiceNo, account: i.account, totalMinor: st.totalMinor });
}
