/**
 * Dispatch (R-DISPATCH-1..4): offer to the best candidates in turn, each with a deadline; declines and
 * timeouts move on, then to the supervisor; a dispatcher assigns or reassigns with a reason.
 */
import { condition } from '@temporalio/workflow';
import type { Actor } from '../../shared/common/actor';
import { notAllowed } from '../../shared/common/failures';
import type { EngineerCandidate } from '../../shared/serviceRequest/types';
import type { RequestStatus } from '../../shared/serviceRequest/vocabulary';
import { SYSTEM } from '../common/processState';
import { refuseVisitOfCarryIn } from './carryIn';
import { ON_SITE, type RequestState } from './request';
import { stopClocks } from './sla';

/** A dispatcher can assign or reassign until the work is done (R-DISPATCH-4). */
const ASSIGNABLE: RequestStatus[] = [
  'offered',
  'awaiting_assignment',
  'assigned',
  'scheduled',
  'on_site',
  'diagnosed',
  'awaiting_approval',
  'repairing',
];

export function setCandidates(req: RequestState, ranked: EngineerCandidate[]): void {
  // R-CERT-1: an engineer without the valid certification the product line requires is never offered the work.
  const candidates = ranked.filter((c) => !c.notOffered);
  const left = ranked
    .filter((c) => c.notOffered)
    .map((c) => ({ engineerId: c.engineerId, name: c.name, reason: c.notOffered! }));
  req.view.candidates = candidates;
  if (left.length) req.view.notOffered = left;
  else delete req.view.notOffered;
  req.record(SYSTEM, 'candidates_ranked', {
    candidates: candidates.map((c) => c.engineerId),
    ...(left.length ? { notOffered: left.map((l) => `${l.engineerId}: ${l.reason}`) } : {}),
  });
}

/** Offers the request to the next candidate; false when none is left. */
export function offerNext(req: RequestState): boolean {
  const next = req.view.offer ? req.view.offer.candidateIndex + 1 : 0;
  const candidate = req.view.candidates[next];
  if (!candidate) {
    req.view.offer = undefined;
    req.view.status = 'awaiting_assignment';
    req.record(SYSTEM, 'no_candidate_left', { tried: next });
    req.notify(
      'supervisor',
      'needs_assignment',
      `Request ${req.view.requestNo} needs an engineer`,
      `No engineer in region ${req.view.intake.region} accepted or could take request ${req.view.requestNo}; please assign one.`,
    );
    return false;
  }
  const now = req.now();
  const timeoutMs = req.offerTimeoutMs;
  req.view.offer = {
    engineerId: candidate.engineerId,
    offeredAt: now.toISOString(),
    candidateIndex: next,
    ...(timeoutMs ? { expiresAt: new Date(now.getTime() + timeoutMs).toISOString() } : {}),
  };
  req.view.status = 'offered';
  req.record(SYSTEM, 'offered', {
    engineerId: candidate.engineerId,
    ...(req.view.offer.expiresAt ? { expiresAt: req.view.offer.expiresAt } : {}),
  });
  req.notify(
    'engineer',
    'offer',
    `New job offer ${req.view.requestNo}`,
    `Request ${req.view.requestNo} at ${req.view.intake.siteAddress}: ${req.view.intake.fault.symptoms}. Please accept or decline${req.view.offer.expiresAt ? ` by ${req.view.offer.expiresAt}` : ''}.`,
    candidate.engineerId,
  );
  return true;
}

/** R-DISPATCH-3: the offered engineer did not answer in time; the next candidate gets it. */
export function offerTimedOut(req: RequestState): void {
  const engineerId = req.view.offer!.engineerId;
  req.record(SYSTEM, 'offer_timed_out', { engineerId, expiresAt: req.view.offer!.expiresAt });
  req.notify(
    'engineer',
    'offer_expired',
    `Offer ${req.view.requestNo} expired`,
    `You did not accept request ${req.view.requestNo} in time; it was offered to another engineer.`,
    engineerId,
  );
  offerNext(req);
}

export function checkAcceptOffer(req: RequestState, actor: Actor): void {
  req.requireStatus('accept an offer', 'offered');
  req.requireOfferedEngineer(actor);
}

export function applyAcceptOffer(req: RequestState, actor: Actor): void {
  req.view.engineerId = actor.id;
  req.view.status = 'assigned';
  req.record(actor, 'offer_accepted', { engineerId: actor.id });
  stopClocks(req, ['dispatch', 'response', 'acknowledge']);
  req.tellCustomer('engineer_assigned', { no: req.view.requestNo, engineer: req.candidateName(actor.id) });
}

export function checkDeclineOffer(req: RequestState, actor: Actor): void {
  req.requireStatus('decline an offer', 'offered');
  req.requireOfferedEngineer(actor);
}

export function applyDeclineOffer(req: RequestState, actor: Actor, reason: string): void {
  req.record(actor, 'offer_declined', { engineerId: actor.id, reason });
  offerNext(req);
}

export function checkAssign(req: RequestState, actor: Actor, engineerId: string): void {
  req.requireRole(actor, 'assign an engineer', 'dispatcher', 'admin');
  refuseVisitOfCarryIn(req, 'dispatch: the counter names the bench engineer when it receives the unit');
  req.requireStatus('be assigned by a dispatcher', ...ASSIGNABLE);
  if (engineerId === req.view.engineerId) throw notAllowed(`engineer ${engineerId} is already assigned`);
}

/**
 * R-DISPATCH-4: assign, or reassign (engineer sick, wrong skill) with a reason. A reassignment keeps
 * the agreed window for the new engineer; one during a visit ends that visit, and the new engineer
 * agrees the next one with the customer.
 */
export function applyAssign(
  req: RequestState,
  actor: Actor,
  engineerId: string,
  reason: string,
  uncertified?: string,
): void {
  const previous = req.view.engineerId;
  const duringVisit = ON_SITE.includes(req.view.status);
  req.view.offer = undefined;
  req.view.engineerId = engineerId;
  if (duringVisit) {
    req.endCurrentVisit('interrupted', `engineer reassigned: ${reason}`);
    req.view.appointment = undefined;
    req.view.status = 'assigned';
  } else if (req.view.status !== 'scheduled') {
    req.view.status = 'assigned';
  }
  req.record(actor, previous ? 'reassigned' : 'assigned', {
    engineerId,
    reason,
    ...(previous ? { previousEngineerId: previous } : {}),
    ...(uncertified ? { uncertified } : {}),
  });
  if (uncertified) {
    // R-CERT-1: flagged: the supervisor hears that the work went to someone without a valid certification.
    req.view.uncertifiedAssignment = { engineerId, reason: uncertified, by: actor.id, at: req.now().toISOString() };
    req.notify(
      'supervisor',
      'uncertified_assignment',
      `Uncertified engineer assigned: ${req.view.requestNo}`,
      `${actor.id} assigned ${engineerId} to request ${req.view.requestNo} (${req.view.unit?.productLine ?? ''}) without a valid certification: ${uncertified}.`,
    );
  }
  stopClocks(req, ['dispatch', 'response', 'acknowledge']);
  const keeps =
    req.view.status === 'scheduled' && req.view.appointment
      ? ` The agreed visit window ${req.view.appointment.windowStart} – ${req.view.appointment.windowEnd} stays; please call the customer to confirm.`
      : '';
  req.notify(
    'engineer',
    'assigned',
    `Request ${req.view.requestNo} assigned to you`,
    `You were assigned request ${req.view.requestNo} at ${req.view.intake.siteAddress} (${reason}).${keeps}`,
    engineerId,
  );
  if (previous) {
    req.notify(
      'engineer',
      'unassigned',
      `Request ${req.view.requestNo} reassigned`,
      `Request ${req.view.requestNo} was reassigned to another engineer: ${reason}. You need not visit.`,
      previous,
    );
  }
  req.tellCustomer('engineer_assigned', { no: req.view.requestNo, changed: !!previous });
}

/** R-DISPATCH-1/3: offer to the best candidate; declines move to the next (handled in the state). */
export function offerToBestEngineers(req: RequestState, candidates: EngineerCandidate[]): void {
  if (req.status === 'cancelled') return;
  setCandidates(req, candidates);
  offerNext(req);
}

/** R-DISPATCH-3: an offer not accepted by its deadline goes to the next candidate, then to the supervisor. */
export async function expireUnansweredOffers(req: RequestState): Promise<void> {
  const dispatching: RequestStatus[] = ['received', 'remote_guidance', 'offered', 'awaiting_assignment'];
  for (;;) {
    await condition(() => req.status === 'offered' || !dispatching.includes(req.status));
    if (req.status !== 'offered') return;
    const offer = req.view.offer!;
    const timeoutMs = req.offerTimeoutMs;
    if (!timeoutMs) return;
    const answered = await condition(
      () => req.view.offer !== offer || req.status !== 'offered',
      Math.max(1, Date.parse(offer.expiresAt!) - Date.now()),
      { summary: `offer to ${offer.engineerId} expires` },
    );
    if (!answered) offerTimedOut(req);
  }
}
