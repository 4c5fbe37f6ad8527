/**
 * R-VISIT-1 "a changed time needs the customer's consent", asked of the customer themselves: the
 * engineer or dispatcher proposes a window, the customer accepts it on their page (it becomes the
 * agreed appointment, exactly as if it had been agreed on the phone) or declines it with a reason.
 * Additive: two new updates; no command of an existing history changes.
 */
import type { Actor } from '../../shared/common/actor';
import { notAllowed } from '../../shared/common/failures';
import type { AppointmentAnswer, AppointmentProposal } from '../../shared/serviceRequest/schemas';
import { applyAppointment, checkAppointment } from './appointment';
import type { RequestState } from './request';

export function checkProposeAppointment(req: RequestState, actor: Actor, p: AppointmentProposal): void {
  // Every rule of an agreed window holds; the consent is what the customer gives later.
  checkAppointment(req, actor, { ...p, customerConsent: true });
}

export function applyProposeAppointment(req: RequestState, actor: Actor, p: AppointmentProposal): void {
  req.view.proposedAppointment = { ...p, proposedAt: req.now().toISOString(), by: actor };
  req.record(actor, 'appointment_proposed', { windowStart: p.windowStart, windowEnd: p.windowEnd });
  req.tellCustomer('appointment_proposed', {
    no: req.view.requestNo,
    from: p.windowStart,
    to: p.windowEnd,
    minutes: p.estimatedDurationMinutes,
  });
}

export function checkAnswerAppointment(req: RequestState, actor: Actor, a: AppointmentAnswer): void {
  req.requireRole(actor, 'answer a proposed visit time', 'customer');
  const p = req.view.proposedAppointment;
  if (!p) throw notAllowed('no proposed visit time is waiting for an answer');
  if (Date.parse(a.windowStart) !== Date.parse(p.windowStart)) {
    throw notAllowed(`the proposed visit time changed: it now starts at ${p.windowStart}`);
  }
  if (a.accept) checkAppointment(req, p.by, { ...p, customerConsent: true });
  else if (!a.reason?.trim()) throw notAllowed('declining a proposed visit time needs a reason (reason)');
}

export function applyAnswerAppointment(req: RequestState, actor: Actor, a: AppointmentAnswer): void {
  const { proposedAt: _at, by: _by, ...proposal } = req.view.proposedAppointment!;
  delete req.view.proposedAppointment;
  if (a.accept) {
    applyAppointment(req, actor, { ...proposal, customerConsent: true });
    return;
  }
  req.record(actor, 'appointment_proposal_declined', { windowStart: proposal.windowStart, reason: a.reason });
  req.notify(
    'engineer',
    'appointment_declined',
    `The customer declined the proposed visit time: ${req.view.requestNo}`,
    `${proposal.windowStart} – ${proposal.windowEnd} does not suit them: ${a.reason}. Please agree another window.`,
    req.view.engineerId,
  );
}
