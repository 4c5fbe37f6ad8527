/**
 * The state of one suggestion (R-TRIAGE-3, 001 §5.1.1 建议): its view, what it read at intake, and the review
 * step's guard and change. Plain class, no I/O.
 */
import type { Actor } from '../../shared/common/actor';
import { customerText, type CustomerParams, type CustomerTemplate } from '../../shared/notifications/customerMessages';
import type { SuggestionReviewInput } from '../../shared/suggestion/schemas';
import type {
  SuggestionContext,
  SuggestionIntake,
  SuggestionStatus,
  SuggestionView,
} from '../../shared/suggestion/types';
import { ProcessState } from '../common/processState';

export interface StartSuggestion {
  suggestionNo: string;
  intake: SuggestionIntake;
  receivedBy: Actor;
}

export class SuggestionState extends ProcessState<SuggestionStatus, SuggestionView> {
  context?: SuggestionContext;

  constructor(start: StartSuggestion, workflowId: string, now: () => Date) {
    super(
      {
        suggestionNo: start.suggestionNo,
        workflowId,
        status: 'awaiting_review',
        intake: start.intake,
        receivedBy: start.receivedBy,
        receivedAt: now().toISOString(),
        history: [],
        seq: 0,
      },
      now,
      'suggestion',
    );
    const { topic, channel, requestNo } = start.intake;
    this.record(start.receivedBy, 'received', { topic, channel, ...(requestNo ? { requestNo } : {}) });
  }

  checkReview(actor: Actor): void {
    this.requireRole(actor, 'review a suggestion', 'quality', 'admin');
    this.requireStatus('be reviewed', 'awaiting_review');
  }

  applyReview(actor: Actor, r: SuggestionReviewInput): void {
    this.view.review = { decision: r.decision, response: r.response, by: actor.id, at: this.now().toISOString() };
    this.view.status = r.decision;
    this.record(actor, 'reviewed', { decision: r.decision, response: r.response });
    this.tellCustomer('suggestion_reviewed', {
      no: this.view.suggestionNo,
      decision: r.decision,
      response: r.response,
    });
  }

  tellCustomer<T extends CustomerTemplate>(template: T, params: CustomerParams<T>): void {
    const [subject, body] = customerText(template, params, this.context?.language);
    this.tell('customer', template, subject, body);
  }

  tell(to: 'customer' | 'supervisor' | 'manager', template: string, subject: string, body: string): void {
    const c = this.context?.contacts ?? {};
    const address = { customer: c.customerEmail, supervisor: c.supervisorEmail, manager: c.managerEmail }[to];
    this.queue(to, template, subject, body, undefined, address);
  }

  answer(extra: { improvementActionId?: string } = {}) {
    return { suggestionNo: this.view.suggestionNo, status: this.view.status, seq: this.view.seq, ...extra };
  }
}
