/**
 * suggestion: one workflow per suggestion (`suggestion:<no>`, R-TRIAGE-3, 001 §5.1.1 建议). Feedback recorded
 * centrally from any channel waits for quality's review, with a deadline: past it the supervisor is told once.
 * The review adopts, notes or declines it and the customer hears the answer; an adopted one may open an
 * improvement action that carries it out (the quality loop, R-FOLLOW-2).
 */
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import {
  allHandlersFinished,
  condition,
  ParentClosePolicy,
  patched,
  setHandler,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { contextReads as local, records } from '../common/activityProxies';
import type { Actor } from '../../shared/common/actor';
import { improvementWorkflowId } from '../../shared/improvement/ids';
import { SA } from '../../shared/serviceRequest/searchAttributes';
import { suggestionActionId } from '../../shared/suggestion/ids';
import * as m from '../../shared/suggestion/messages';
import type { SuggestionReviewInput } from '../../shared/suggestion/schemas';
import type { improvementAction } from '../improvement/workflow';
import { SYSTEM } from '../common/processState';
import { publishInOrder } from '../common/publisher';
import { SuggestionState, type StartSuggestion } from './state';

const DAY = 86_400_000;

export type { StartSuggestion };

export async function suggestion(input: StartSuggestion): Promise<{ suggestionNo: string; status: string }> {
  const s = new SuggestionState(input, workflowInfo().workflowId, () => new Date());
  const publisher = publishInOrder(
    () => s.view.seq,
    () => {
      upsertSearchAttributes([{ key: SA.status, value: s.view.status }]);
      return records(`publish suggestion step ${s.view.seq}: ${s.view.status}`).publishSuggestionStep({
        view: s.view,
        notifications: s.takeNotifications(),
      });
    },
  );
  setHandler(m.getSuggestionQuery, () => s.view);
  setHandler(m.reviewSuggestionUpdate, (a, r) => review(s, a, r), { validator: (a, _r) => s.checkReview(a) });

  const { customerId, requestNo } = input.intake;
  s.context = await local(`load customer ${customerId} and the review policy`).loadSuggestionContext({
    customerId,
    ...(requestNo ? { requestNo } : {}),
  });
  s.view.customerName = s.context.customerName;
  const reviewMs = s.context.reviewDays * DAY;
  s.view.reviewDueAt = new Date(Date.parse(s.view.receivedAt) + reviewMs).toISOString();
  s.record(SYSTEM, 'review_due', { at: s.view.reviewDueAt });
  s.tellCustomer('suggestion_received', { no: s.view.suggestionNo, text: input.intake.text });
  // Counted in the monthly KPIs when received and when reviewed (suggestions taken in before this were not).
  const counted = patched('suggestion-kpis');
  const region = s.context.region ? { region: s.context.region } : {};
  if (counted)
    await records(`count ${s.view.suggestionNo} in the KPIs`).reportKpiFact({
      type: 'suggestion',
      ref: s.view.suggestionNo,
      month: s.view.receivedAt.slice(0, 7),
      ...region,
    });

  const reviewed = () => !!s.view.review;
  if (!(await condition(reviewed, reviewMs, { summary: `quality reviews it by ${s.view.reviewDueAt}` }))) {
    s.view.reviewOverdueAt = s.now().toISOString();
    s.record(SYSTEM, 'review_overdue', { dueAt: s.view.reviewDueAt });
    s.tell(
      'supervisor',
      'suggestion_review_overdue',
      `Suggestion ${s.view.suggestionNo} not reviewed`,
      `The suggestion of ${s.view.customerName} (${input.intake.topic}) was due for review at ${s.view.reviewDueAt}: ${input.intake.text}`,
    );
    await condition(reviewed);
  }
  if (counted)
    await records(`count the review of ${s.view.suggestionNo} in the KPIs`).reportKpiFact({
      type: 'suggestionReviewed',
      ref: s.view.suggestionNo,
      month: s.view.review!.at.slice(0, 7),
      adopted: s.view.review!.decision === 'adopted',
      ...region,
    });
  await condition(allHandlersFinished);
  await publisher.drain();
  return { suggestionNo: s.view.suggestionNo, status: s.view.status };
}

/** The review; an adopted suggestion with an action opens it (once: its id is the suggestion's). */
async function review(s: SuggestionState, actor: Actor, r: SuggestionReviewInput) {
  s.applyReview(actor, r);
  if (!r.improvement) return s.answer();
  const ctx = s.context!;
  const actionId = suggestionActionId(s.view.suggestionNo);
  try {
    await startChild<typeof improvementAction>('improvementAction', {
      workflowId: improvementWorkflowId(actionId),
      parentClosePolicy: ParentClosePolicy.ABANDON,
      staticSummary: `${actionId} · suggestion ${s.view.suggestionNo}`,
      args: [
        {
          actionId,
          source: 'suggestion',
          sourceRef: s.view.suggestionNo,
          title: r.improvement.title,
          description: `${s.view.intake.text}\n\nReview: ${r.response}`,
          owner: { id: r.improvement.ownerId },
          dueAt: new Date(s.now().getTime() + (r.improvement.dueInDays ?? ctx.improvementDueDays) * DAY).toISOString(),
          openedBy: actor,
          ...(ctx.contacts.managerEmail ? { managerEmail: ctx.contacts.managerEmail } : {}),
          remindBeforeMs: ctx.improvementReminderDays * DAY,
        },
      ],
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
  s.view.review!.improvementActionId = actionId;
  s.record(actor, 'improvement_action_opened', { actionId, owner: r.improvement.ownerId });
  return s.answer({ improvementActionId: actionId });
}
