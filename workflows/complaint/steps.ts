/**
 * Each step of a complaint (R-FOLLOW-4): acknowledge → investigate → propose a resolution → the customer
 * accepts (closed with its root cause) or rejects (back to investigation, escalated to the manager).
 * A revisit opens a linked service request, never a field visit for the complaint itself.
 */
import type { Actor } from '../../shared/common/actor';
import { notAllowed } from '../../shared/common/failures';
import type { InvestigationInput } from '../../shared/complaint/schemas';
import { SYSTEM } from '../common/processState';
import { stopComplaintClock } from './clocks';
import type { ComplaintState } from './state';

export function checkAcknowledge(c: ComplaintState, actor: Actor): void {
  c.requireHandler(actor, 'acknowledge a complaint');
  c.requireStatus('be acknowledged', 'received');
}
export function applyAcknowledge(c: ComplaintState, actor: Actor, summary: string): void {
  c.view.status = 'acknowledged';
  c.record(actor, 'acknowledged', { summary });
  stopComplaintClock(c, 'acknowledge');
  c.tellCustomer('complaint_acknowledged', { no: c.view.complaintNo, summary });
}

/** A first substantive answer to the customer (stops the response clock); any time while it is open. */
export function checkRespond(c: ComplaintState, actor: Actor): void {
  c.requireHandler(actor, 'answer the customer');
  if (!c.open) throw notAllowed(`the complaint is ${c.view.status}`);
}
export function applyRespond(c: ComplaintState, actor: Actor, summary: string): void {
  if (c.view.status === 'received') applyAcknowledge(c, actor, summary); // answering acknowledges as well
  c.record(actor, 'responded', { summary });
  stopComplaintClock(c, 'response');
}

export function checkInvestigate(c: ComplaintState, actor: Actor): void {
  c.requireHandler(actor, 'record an investigation');
  c.requireStatus('be investigated', 'acknowledged', 'investigating');
}
export function applyInvestigate(c: ComplaintState, actor: Actor, i: InvestigationInput): void {
  c.view.status = 'investigating';
  c.view.investigation = { ...i, at: c.now().toISOString(), by: actor.id };
  c.record(actor, 'investigated', { ...i });
}

export function checkPropose(c: ComplaintState, actor: Actor): void {
  c.requireHandler(actor, 'propose a resolution');
  c.requireStatus('get a resolution proposed', 'investigating');
  if (!c.view.investigation)
    throw notAllowed('record the investigation (findings, responsible party, root cause) first');
}
export function applyPropose(c: ComplaintState, actor: Actor, resolution: string): void {
  const version = c.view.proposals.length + 1;
  c.view.proposals.push({ version, at: c.now().toISOString(), by: actor.id, resolution });
  c.view.status = 'resolution_proposed';
  c.record(actor, 'resolution_proposed', { version, resolution });
  stopComplaintClock(c, 'response'); // a proposal is a substantive answer
  c.tellCustomer('complaint_resolution', { no: c.view.complaintNo, resolution, version });
}

export function checkDecide(c: ComplaintState, actor: Actor, d: { version: number; accept: boolean; reason?: string }) {
  c.requireCustomerOrAgent(actor, 'decide on the proposed resolution');
  c.requireStatus('be decided', 'resolution_proposed');
  const p = c.currentProposal!;
  if (d.version !== p.version) throw notAllowed(`proposal v${d.version} is not the current one: v${p.version} is`);
  if (!d.accept && !d.reason?.trim()) throw notAllowed('a rejection needs a reason');
}
export function applyDecide(c: ComplaintState, actor: Actor, d: { version: number; accept: boolean; reason?: string }) {
  const p = c.currentProposal!;
  Object.assign(p, { outcome: d.accept ? 'accepted' : 'rejected', decidedAt: c.now().toISOString() });
  if (d.reason) p.reason = d.reason;
  if (!d.accept) {
    c.view.status = 'investigating';
    c.view.escalatedToManager = (c.view.escalatedToManager ?? 0) + 1;
    c.record(actor, 'resolution_rejected', { version: p.version, reason: d.reason, escalatedTo: 'manager' });
    c.tell(
      'manager',
      'complaint_escalated',
      `Complaint ${c.view.complaintNo}: the customer rejected the resolution`,
      `Proposal v${p.version} was rejected: ${d.reason}. Root cause so far: ${c.view.investigation?.rootCause}.`,
    );
    return;
  }
  c.view.status = 'closed';
  c.view.closedAt = c.now().toISOString();
  const rootCause = c.view.investigation!.rootCause;
  c.record(actor, 'resolution_accepted', { version: p.version });
  c.record(SYSTEM, 'closed', { rootCause, responsibleParty: c.view.investigation!.responsibleParty });
  stopComplaintClock(c, 'acknowledge', 'cancelled');
  stopComplaintClock(c, 'response', 'cancelled');
}

export function checkRevisit(c: ComplaintState, actor: Actor, requestNo: string): void {
  c.requireHandler(actor, 'order a revisit');
  c.requireStatus('order a revisit', 'acknowledged', 'investigating', 'resolution_proposed');
  if (!c.view.intake.relatedRequestNos.includes(requestNo))
    throw notAllowed(
      `${requestNo} is not one of the requests this complaint is about (${c.view.intake.relatedRequestNos.join(', ') || 'none'})`,
    );
}

export function checkFollowUp(c: ComplaintState, actor: Actor): void {
  c.requireRole(actor, 'record the follow-up', 'agent', 'quality', 'admin');
  c.requireStatus('be followed up', 'follow_up_due');
}
export function applyFollowUp(c: ComplaintState, actor: Actor, f: { overall: number; comment?: string }): void {
  c.view.followUp = { ...f, at: c.now().toISOString(), by: actor.id };
  c.view.status = 'followed_up';
  c.record(actor, 'follow_up_recorded', { ...f });
}

export function checkWithdraw(c: ComplaintState, actor: Actor): void {
  c.requireCustomerOrAgent(actor, 'withdraw the complaint');
  if (!c.open) throw notAllowed(`the complaint is already ${c.view.status}`);
}
export function applyWithdraw(c: ComplaintState, actor: Actor, reason: string): void {
  c.view.status = 'withdrawn';
  c.view.withdrawnReason = reason;
  c.view.closedAt = c.now().toISOString();
  c.record(actor, 'withdrawn', { reason });
  stopComplaintClock(c, 'acknowledge', 'cancelled');
  stopComplaintClock(c, 'response', 'cancelled');
}
