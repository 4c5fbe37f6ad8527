/**
 * Closure (R-VISIT-6, R-FOLLOW-1/2, R-RECORD-2): the customer signs off, the follow-up falls due and is
 * recorded, the request is archived and closed; or it is cancelled before work starts.
 */
import { condition, getExternalWorkflowHandle, ParentClosePolicy, sleep, startChild } from '@temporalio/workflow';
import { tripWorkflowId } from '../../shared/fieldTrip/ids';
import { requestCancelledSignal } from '../../shared/fieldTrip/messages';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { Actor } from '../../shared/common/actor';
import { followUpActionId, improvementWorkflowId } from '../../shared/improvement/ids';
import type { improvementAction } from '../improvement/workflow';
import { notAllowed } from '../../shared/common/failures';
import { money } from '../../shared/quotation/pricing';
import type { FollowUp, SignOff } from '../../shared/serviceRequest/schemas';
import type { RequestStatus } from '../../shared/serviceRequest/vocabulary';
import { CLOCK_NAMES } from '../../shared/sla/types';
import { SYSTEM } from '../common/processState';
import { masterData } from './activityCalls';
import type { RequestState } from './request';
import { chargeStorage } from './carryInStorage';
import { stopClocks } from './sla';

/** Work can no longer be cancelled once the engineer is on site (DESIGN: "until work starts"). */
const CANCELLABLE: RequestStatus[] = [
  'received',
  'remote_guidance',
  'awaiting_unit',
  'offered',
  'awaiting_assignment',
  'assigned',
  'scheduled',
];

const DAY = 86_400_000;

export function followUpFellDue(req: RequestState): void {
  req.view.status = 'follow_up_due';
  req.record(SYSTEM, 'follow_up_due');
  req.notify(
    'agent',
    'follow_up_due',
    `Follow-up due for ${req.view.requestNo}`,
    `Please call ${req.view.customerName} about request ${req.view.requestNo} and record the follow-up.`,
  );
}

export function followUpOverdue(req: RequestState): void {
  req.record(SYSTEM, 'follow_up_escalated');
  req.notify(
    'supervisor',
    'follow_up_overdue',
    `Follow-up overdue for ${req.view.requestNo}`,
    `The follow-up of request ${req.view.requestNo} fell due at ${req.view.followUpDueAt} and is still not recorded.`,
  );
}

export function archived(req: RequestState, archiveKey: string): void {
  stopClocks(req, CLOCK_NAMES, 'not_needed'); // none should still run; never leave one behind
  req.view.archiveKey = archiveKey;
  req.view.status = 'closed';
  req.record(SYSTEM, 'archived_and_closed', { archiveKey });
}

export function checkSignOff(req: RequestState, actor: Actor): void {
  if (req.view.carryIn) {
    // R-TRIAGE-2: the customer signs for the unit when they collect it, at the counter or on their page.
    req.requireStatus('be collected', 'ready_for_collection');
    req.requireAssignedEngineerOr(actor, 'customer', 'agent');
  } else {
    req.requireStatus('be signed off', 'work_done');
    req.requireAssignedEngineerOr(actor, 'customer');
  }
  const st = req.view.settlement;
  if (st?.status === 'difference_pending') {
    throw notAllowed(
      `the settlement total ${money(st.totalMinor, st.currency)} differs from the approved ${money(st.approvedTotalMinor, st.currency)}: the customer must approve the difference first`,
    );
  }
}

export function applySignOff(req: RequestState, actor: Actor, s: SignOff): void {
  const at = req.now();
  req.endCurrentVisit('completed');
  req.view.signOff = { ...s, at: at.toISOString() };
  req.view.followUpDueAt = new Date(at.getTime() + req.policy.followUpDelayMs).toISOString();
  req.view.status = 'awaiting_follow_up';
  req.view.closedAs ??= 'completed'; // a carry-in unit handed back after a declined quotation keeps that ending
  if (req.view.carryIn) {
    req.view.carryIn.collectedAt = at.toISOString();
    chargeStorage(req, at.getTime()); // R-TRIAGE-2: started days past the free storage, on the settlement
  }
  req.record(actor, 'signed_off', {
    ...s,
    followUpDueAt: req.view.followUpDueAt,
    ...(req.view.settlement ? { settlementTotalMinor: req.view.settlement.totalMinor } : {}),
  });
  stopClocks(req, CLOCK_NAMES);
  const told = { no: req.view.requestNo, signedBy: s.signedBy, serial: req.view.unit?.serialNumber };
  if (req.view.carryIn) req.tellCustomer('unit_collected', told);
  else req.tellCustomer('completed', told);
}

export function checkFollowUp(req: RequestState, actor: Actor, f: FollowUp): void {
  // The customer answers the survey on their page (R-FOLLOW-2); an agent records a call.
  req.requireRole(actor, 'record a follow-up', 'agent', 'admin', 'customer');
  req.requireStatus('record a follow-up', 'follow_up_due');
  if (f.overall < 8 && !f.reason?.trim()) throw notAllowed('an overall score below 8 needs a reason');
}

export function applyFollowUp(req: RequestState, actor: Actor, f: FollowUp): void {
  req.view.followUp = { ...f, at: req.now().toISOString() };
  req.record(actor, 'follow_up_recorded', { ...f });
  if (f.overall < 8) {
    req.notify(
      'supervisor',
      'improvement_action',
      `Improvement action for ${req.view.requestNo}`,
      `Follow-up score ${f.overall}/10: ${f.reason}. An improvement action was opened for you.`,
    );
  }
}

export function checkCancel(req: RequestState, actor: Actor): void {
  req.requireRole(actor, 'cancel a request', 'agent', 'dispatcher', 'admin', 'customer');
  req.requireStatus('be cancelled', ...CANCELLABLE);
}

export function applyCancel(req: RequestState, actor: Actor, reason: string): void {
  const engineerId = req.view.engineerId ?? req.view.offer?.engineerId;
  req.view.cancelReason = reason;
  req.view.status = 'cancelled';
  req.view.closedAs = 'cancelled';
  req.view.offer = undefined;
  req.record(actor, 'cancelled', { reason });
  stopClocks(req, CLOCK_NAMES, 'cancelled');
  if (engineerId) {
    req.notify(
      'engineer',
      'cancelled',
      `Request ${req.view.requestNo} cancelled`,
      `No visit is needed any more: ${reason}.`,
      engineerId,
    );
  }
  req.tellCustomer('cancelled', { no: req.view.requestNo, reason });
}

/** R-FOLLOW-1: the follow-up falls due a policy-set time after sign-off; escalate when it is late. */
export async function awaitFollowUp(req: RequestState): Promise<void> {
  const dueInMs = Date.parse(req.view.followUpDueAt!) - Date.now();
  if (dueInMs > 0) await sleep(dueInMs, { summary: 'follow-up falls due' });
  followUpFellDue(req);
  const recorded = () => !!req.view.followUp;
  if (!(await condition(recorded, req.policy.followUpGraceMs, { summary: 'follow-up late: tell the supervisor' }))) {
    followUpOverdue(req);
    await condition(() => !!req.view.followUp);
  }
}

/**
 * Compensation of a cancelled request (R-PARTS-4): the trip that reserved parts for it is told, and
 * releases them durably in its own workflow. A trip that already finished has nothing reserved.
 */
export async function releaseTripParts(req: RequestState): Promise<void> {
  const { requestNo } = req.view;
  const tripId = await masterData('find the trip holding parts for this request').tripOfRequest({ requestNo });
  if (!tripId) return;
  req.record(SYSTEM, 'trip_parts_release_requested', { tripId });
  const trip = getExternalWorkflowHandle(tripWorkflowId(tripId));
  await trip
    .signal(requestCancelledSignal, { requestNo, reason: `request cancelled: ${req.view.cancelReason ?? ''}` })
    .catch(() => req.record(SYSTEM, 'trip_already_finished', { tripId }));
}

/** R-FOLLOW-2: a follow-up below 8 opens an improvement action of its own, owned by the region's supervisor. */
export async function openFollowUpAction(req: RequestState): Promise<void> {
  const f = req.view.followUp!;
  const actionId = followUpActionId(req.view.requestNo);
  const days = req.policy.improvementDueDays ?? 14;
  const dueAt = new Date(req.now().getTime() + days * DAY).toISOString();
  const { supervisorId, supervisorEmail, managerEmail } = req.contacts;
  try {
    await startChild<typeof improvementAction>('improvementAction', {
      workflowId: improvementWorkflowId(actionId),
      parentClosePolicy: ParentClosePolicy.ABANDON, // it outlives the request it came from
      staticSummary: `${actionId} · follow-up score ${f.overall} on ${req.view.requestNo}`,
      args: [
        {
          actionId,
          source: 'follow_up',
          sourceRef: req.view.requestNo,
          title: `Follow-up score ${f.overall}/10 on ${req.view.requestNo}`,
          description: `${f.reason ?? ''}${f.comment ? `\n${f.comment}` : ''}`.trim() || 'score below 8',
          owner: { id: supervisorId ?? 'quality', ...(supervisorEmail ? { email: supervisorEmail } : {}) },
          dueAt,
          openedBy: SYSTEM,
          ...(managerEmail ? { managerEmail } : {}),
          remindBeforeMs: (req.policy.improvementReminderDays ?? 2) * DAY,
        },
      ],
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
  (req.view.improvementActions ??= []).push(actionId);
  req.record(SYSTEM, 'improvement_action_opened', { actionId, owner: supervisorId ?? 'quality', dueAt });
}
