/**
 * improvementAction: one workflow per improvement action (`improvement:<actionId>`), opened by a low
 * follow-up score, a complaint's root cause, an inspection finding or by hand (R-FOLLOW-2). It reminds
 * the owner before the due date, escalates to the manager when overdue, and ends verified or rejected.
 */
import {
  allHandlersFinished,
  condition,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { ActivityOptions } from '@temporalio/common';
import type { Activities } from '../../activities';
import * as m from '../../shared/improvement/messages';
import type { ImprovementView, StartImprovement } from '../../shared/improvement/types';
import { SA } from '../../shared/serviceRequest/searchAttributes';
import { publishInOrder } from '../common/publisher';
import { ImprovementState } from './state';
import * as step from './steps';
import { DATABASE_RETRY } from '../common/retries';

const recordOptions: ActivityOptions = {
  startToCloseTimeout: '15 seconds',
  retry: DATABASE_RETRY,
};
/** Actions started after this report an adoption to the KPIs. */
const records = (summary: string) => proxyActivities<Activities>({ ...recordOptions, summary });

export async function improvementAction(input: StartImprovement): Promise<{ actionId: string; status: string }> {
  const s = new ImprovementState(input, workflowInfo().workflowId, () => new Date());
  const publisher = publishInOrder(
    () => s.view.seq,
    () => {
      setCurrentDetails(detailsOf(s.view));
      upsertSearchAttributes([{ key: SA.status, value: s.view.status }]);
      return records(`publish improvement step ${s.view.seq}: ${s.view.status}`).publishImprovementStep({
        view: s.view,
        notifications: s.takeNotifications(),
      });
    },
  );
  registerHandlers(s);

  // Workflow time is deterministic: Date.now() here is the time of the current workflow task.
  const finishedBy = async (iso: string, summary: string) => {
    const ms = Date.parse(iso) - Date.now();
    return ms <= 0 ? !s.workLeft : condition(() => !s.workLeft, ms, { summary });
  };
  const remindAt = new Date(Date.parse(input.dueAt) - input.remindBeforeMs).toISOString();
  if (!(await finishedBy(remindAt, `remind the owner on ${remindAt.slice(0, 10)}`))) step.remind(s);
  if (!(await finishedBy(input.dueAt, `due ${input.dueAt.slice(0, 10)}`))) step.escalateOverdue(s);
  await condition(() => s.closed);
  if (s.view.status === 'verified') {
    // R-RECORD-3: "improvement actions adopted", in the month it was verified.
    await records(`count ${s.view.actionId} as adopted`).reportKpiFact({
      type: 'adopted',
      ref: s.view.actionId,
      month: (s.view.closedAt ?? s.view.openedAt).slice(0, 7),
    });
  }
  await condition(allHandlersFinished);
  await publisher.drain();
  return { actionId: s.view.actionId, status: s.view.status };
}

function registerHandlers(s: ImprovementState): void {
  const answered = (apply: () => void) => (apply(), s.answer());
  setHandler(m.getImprovementQuery, () => s.view);
  setHandler(m.startWorkUpdate, (a, b) => answered(() => step.applyStart(s, a, b.note)), {
    validator: (a, _b) => step.checkStart(s, a),
  });
  setHandler(m.addNoteUpdate, (a, b) => answered(() => step.applyNote(s, a, b.note)), {
    validator: (a, _b) => step.checkNote(s, a),
  });
  setHandler(m.markDoneUpdate, (a, b) => answered(() => step.applyDone(s, a, b.outcome)), {
    validator: (a, _b) => step.checkDone(s, a),
  });
  setHandler(m.verifyUpdate, (a, b) => answered(() => step.applyVerify(s, a, b.note)), {
    validator: (a, _b) => step.checkVerify(s, a),
  });
  setHandler(m.rejectUpdate, (a, b) => answered(() => step.applyReject(s, a, b.reason)), {
    validator: (a, _b) => step.checkReject(s, a),
  });
  setHandler(m.reassignUpdate, (a, b) => answered(() => step.applyReassign(s, a, b)), {
    validator: (a, b) => step.checkReassign(s, a, b.ownerId),
  });
}

const detailsOf = (v: ImprovementView) =>
  `**status** ${v.status} · **owner** ${v.owner.id} · **due** ${v.dueAt.slice(0, 10)}${v.escalatedAt ? ' · **overdue**' : ''}`;
