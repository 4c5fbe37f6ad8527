/** After a complaint closes (R-FOLLOW-2/4): an improvement action from its root cause, then the follow-up. */
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { condition, ParentClosePolicy, sleep, startChild } from '@temporalio/workflow';
import { rootCauseActionId } from '../../shared/complaint/ids';
import { improvementWorkflowId } from '../../shared/improvement/ids';
import type { improvementAction } from '../improvement/workflow';
import { SYSTEM } from '../common/processState';
import type { ComplaintState } from './state';

const DAY = 86_400_000;
/** How long a due follow-up may wait before it is given up (and the supervisor told). */
const FOLLOW_UP_WINDOW_MS = 14 * DAY;

export async function openRootCauseAction(c: ComplaintState): Promise<void> {
  const ctx = c.context!;
  const i = c.view.investigation!;
  const actionId = rootCauseActionId(c.view.complaintNo);
  const owner = ctx.supervisorId ?? 'quality';
  try {
    await startChild<typeof improvementAction>('improvementAction', {
      workflowId: improvementWorkflowId(actionId),
      parentClosePolicy: ParentClosePolicy.ABANDON,
      staticSummary: `${actionId} · root cause of complaint ${c.view.complaintNo}`,
      args: [
        {
          actionId,
          source: 'complaint',
          sourceRef: c.view.complaintNo,
          title: `Root cause of complaint ${c.view.complaintNo} (${i.responsibleParty})`,
          description: `${i.rootCause}\n\nFindings: ${i.findings}`,
          owner: { id: owner, ...(ctx.contacts.supervisorEmail ? { email: ctx.contacts.supervisorEmail } : {}) },
          dueAt: new Date(c.now().getTime() + ctx.improvementDueDays * DAY).toISOString(),
          openedBy: SYSTEM,
          ...(ctx.contacts.managerEmail ? { managerEmail: ctx.contacts.managerEmail } : {}),
          remindBeforeMs: ctx.improvementReminderDays * DAY,
        },
      ],
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
  c.view.improvementActionId = actionId;
  c.record(SYSTEM, 'improvement_action_opened', { actionId, owner });
}

/** The customer is asked how the complaint was handled, a set time after closure, like a request. */
export async function followUpAfterClosure(c: ComplaintState): Promise<void> {
  const delay = c.context!.followUpDelayMs;
  c.view.followUpDueAt = new Date(c.now().getTime() + delay).toISOString();
  c.record(SYSTEM, 'follow_up_scheduled', { dueAt: c.view.followUpDueAt });
  await sleep(delay, { summary: `follow-up due ${c.view.followUpDueAt}` });
  c.view.status = 'follow_up_due';
  c.record(SYSTEM, 'follow_up_due', {});
  c.tell(
    'agent',
    'complaint_follow_up_due',
    `Follow up complaint ${c.view.complaintNo}`,
    `Call ${c.view.intake.contactName} (${c.view.intake.contactPhone}) about how complaint ${c.view.complaintNo} was handled.`,
  );
  const done = await condition(() => c.view.status === 'followed_up', FOLLOW_UP_WINDOW_MS, {
    summary: 'until the follow-up is recorded (14 days)',
  });
  if (done) return;
  c.record(SYSTEM, 'follow_up_missed', { dueAt: c.view.followUpDueAt });
  c.tell(
    'supervisor',
    'complaint_follow_up_missed',
    `Complaint ${c.view.complaintNo} was never followed up`,
    `The follow-up fell due at ${c.view.followUpDueAt} and was not recorded within 14 days.`,
  );
}
