/**
 * A contract request takes its share of the contract's allowance (R-ENTITLE-1, 001 §4.2): one visit of
 * the period, claimed when it is taken in; past the visits or on-site hours the contract includes, the work
 * is paid (and goes through the quotation gate like any paid work) or waits, before dispatch, for a
 * supervisor to approve it as contract work, as the contract says. A cancelled request gives its visit back.
 */
import { condition, patched } from '@temporalio/workflow';
import type { Actor } from '../../shared/common/actor';
import { notAllowed } from '../../shared/common/failures';
import { periodOf } from '../../shared/contract/allowance';
import type { AllowanceDecision } from '../../shared/serviceRequest/schemas';
import { calendarDay } from '../../shared/serviceRequest/entitlement';
import { SYSTEM } from '../common/processState';
import { records } from './activityCalls';
import type { RequestState } from './request';

function becomePaid(req: RequestState, reason: string): void {
  req.view.entitlement = 'paid';
  req.view.entitlementReason = reason;
  req.record(SYSTEM, 'entitlement_changed', { entitlement: 'paid', reason });
}

export async function claimContractAllowance(req: RequestState): Promise<void> {
  const c = req.context?.contract;
  if (req.view.entitlement !== 'contract' || !c?.allowance || req.status === 'cancelled') return;
  if (!patched('contract-allowance')) return;
  const period = periodOf(c, c.allowance.period, calendarDay(req.view.receivedAt));
  const claim = await records(
    `claim a visit of contract ${c.contractNo} (${period.start} to ${period.end})`,
  ).claimContractVisit({
    requestNo: req.view.requestNo,
    contractNo: c.contractNo,
    allowance: c.allowance,
    period,
  });
  req.view.contractAllowance = { contractNo: c.contractNo, ...claim.use, ...(claim.slot ? { slot: claim.slot } : {}) };
  if (!claim.past) {
    req.record(SYSTEM, 'contract_allowance_used', {
      contractNo: c.contractNo,
      ...(claim.slot ? { visit: `${claim.slot} of ${c.allowance.visits}` } : {}),
      ...(claim.use.hours ? { hoursLeft: claim.use.hours.left } : {}),
    });
    return;
  }
  req.record(SYSTEM, 'contract_allowance_exceeded', {
    contractNo: c.contractNo,
    reason: claim.past,
    beyond: c.allowance.beyond,
  });
  const reason = `service contract ${c.contractNo}: ${claim.past}`;
  if (c.allowance.beyond === 'paid') return becomePaid(req, `${reason}; further work is paid`);
  req.view.allowanceApproval = { status: 'pending', reason, askedAt: req.now().toISOString() };
  req.notify(
    'supervisor',
    'allowance_approval',
    `Approve contract work beyond the allowance: ${req.view.requestNo}`,
    `${reason}. Approve request ${req.view.requestNo} (${req.view.customerName}, ${req.view.intake.serialNumber}) as contract work, or refuse it to make it paid work.`,
  );
  await condition(() => req.view.allowanceApproval?.status !== 'pending' || req.status === 'cancelled');
}

export function checkDecideAllowance(req: RequestState, actor: Actor, _d: AllowanceDecision): void {
  req.requireRole(actor, 'decide on work beyond a contract’s allowance', 'dispatcher', 'manager', 'admin');
  if (req.view.allowanceApproval?.status !== 'pending')
    throw notAllowed(`request ${req.view.requestNo} is not waiting for an approval beyond its contract's allowance`);
}

export function applyDecideAllowance(req: RequestState, actor: Actor, d: AllowanceDecision): void {
  const a = req.view.allowanceApproval!;
  Object.assign(a, {
    status: d.approve ? 'approved' : 'refused',
    by: actor.id,
    at: req.now().toISOString(),
    note: d.reason,
  });
  req.record(actor, d.approve ? 'allowance_approved' : 'allowance_refused', { reason: d.reason });
  if (!d.approve) becomePaid(req, `${a.reason}; beyond it not approved (${d.reason}): paid work`);
}

/** A request cancelled before anyone went gives its visit of the period back. */
export async function releaseContractVisit(req: RequestState): Promise<void> {
  const a = req.view.contractAllowance;
  if (!a?.slot) return;
  await records(`give back visit ${a.slot} of contract ${a.contractNo}`).releaseContractVisit({
    requestNo: req.view.requestNo,
    contractNo: a.contractNo,
    periodStart: a.period.start,
    slot: a.slot,
  });
  req.record(SYSTEM, 'contract_allowance_returned', { contractNo: a.contractNo, visit: a.slot });
}
