/** Technical support (R-VISIT-5): the engineer asks the technical department; work waits for the answer. */
import type { Actor } from '../../shared/common/actor';
import { notAllowed } from '../../shared/common/failures';
import type { SupportAnswer, SupportAsk } from '../../shared/serviceRequest/schemas';
import { AT_THE_UNIT, type RequestState } from './request';
import { requireRoom } from './limits';

// R-VISIT-5: the engineer asks the technical department; the request waits for the answer.
export function checkAskSupport(req: RequestState, actor: Actor, _q: SupportAsk): void {
  req.requireStatus('ask for technical support', 'assigned', 'scheduled', ...AT_THE_UNIT);
  req.requireAssignedEngineer(actor);
  req.requireNoOpenSupport('ask again');
  requireRoom(req.view.requestNo, 'supportRequests', req.view.support?.length ?? 0);
}

export function applyAskSupport(req: RequestState, actor: Actor, q: SupportAsk): void {
  const list = (req.view.support ??= []);
  list.push({
    no: list.length + 1,
    requestedAt: req.now().toISOString(),
    requestedBy: actor.id,
    mode: q.mode,
    question: q.question,
  });
  req.view.waitingOn = 'technical_support';
  req.record(actor, 'support_requested', { no: list.length, mode: q.mode, question: q.question });
  req.notify(
    'technical',
    'support_requested',
    `Technical support needed: ${req.view.requestNo}`,
    `Engineer ${actor.id} asks for ${q.mode === 'on_site' ? 'help on site' : 'remote help'} with unit ${req.view.unit?.model} (${req.view.unit?.serialNumber}) at ${req.view.intake.siteAddress}: ${q.question}`,
  );
}

export function checkAnswerSupport(req: RequestState, actor: Actor, _a: SupportAnswer): void {
  req.requireRole(actor, 'answer a support request', 'support', 'admin');
  const open = req.view.support?.find((s) => !s.answeredAt);
  if (!open) throw notAllowed(`request ${req.view.requestNo} has no open support request`);
}

export function applyAnswerSupport(req: RequestState, actor: Actor, a: SupportAnswer): void {
  const open = req.view.support!.find((s) => !s.answeredAt)!;
  Object.assign(open, {
    answeredAt: req.now().toISOString(),
    answeredBy: actor.id,
    answer: a.answer,
    answerMode: a.mode,
    ...(a.joinOnSiteAt ? { joinOnSiteAt: a.joinOnSiteAt } : {}),
  });
  if (req.view.waitingOn === 'technical_support') delete req.view.waitingOn;
  req.record(actor, 'support_answered', {
    no: open.no,
    mode: a.mode,
    ...(a.joinOnSiteAt ? { joinOnSiteAt: a.joinOnSiteAt } : {}),
  });
  req.notify(
    'engineer',
    'support_answered',
    `Technical support answered: ${req.view.requestNo}`,
    a.mode === 'on_site'
      ? `Technical support will join you on site${a.joinOnSiteAt ? ` at ${a.joinOnSiteAt}` : ''}: ${a.answer}`
      : `Answer: ${a.answer}`,
    req.view.engineerId,
  );
}
