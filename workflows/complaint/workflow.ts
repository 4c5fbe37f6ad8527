/**
 * complaint: one workflow per complaint (`complaint:<no>`, R-FOLLOW-4), with its own SLA clocks
 * (R-SLA-3). It is never dispatched: a revisit it decides opens a linked service request. Closed with a
 * root cause (and an improvement action when the investigation asks for one), then followed up.
 */
import {
  allHandlersFinished,
  condition,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { contextReads as local, records } from '../common/activityProxies';
import * as m from '../../shared/complaint/messages';
import type { ComplaintView } from '../../shared/complaint/types';
import { SA } from '../../shared/serviceRequest/searchAttributes';
import { breachedClocks, nearestDeadline } from '../../shared/sla/clocks';
import { startRequestAsChild } from '../common/childRequest';
import { publishInOrder } from '../common/publisher';
import { followUpAfterClosure, openRootCauseAction } from './closure';
import { runComplaintClocks, startComplaintClocks } from './clocks';
import { ComplaintState, type StartComplaint } from './state';
import * as step from './steps';

export type { StartComplaint };
/** Complaints started after this report themselves to the KPIs. */

export async function complaint(input: StartComplaint): Promise<{ complaintNo: string; status: string }> {
  const c = new ComplaintState(input, workflowInfo().workflowId, () => new Date());
  registerHandlers(c);
  const publisher = publishInOrder(
    () => c.view.seq,
    () => {
      setCurrentDetails(detailsOf(c.view));
      const breached = breachedClocks(c.view.clocks);
      upsertSearchAttributes([
        { key: SA.status, value: c.view.status },
        { key: SA.slaBreached, value: breached.length > 0 },
        { key: SA.breachedClocks, value: breached },
      ]);
      return records(`publish complaint step ${c.view.seq}: ${c.view.status}`).publishComplaintStep({
        view: c.view,
        notifications: c.takeNotifications(),
      });
    },
  );

  const { customerId, relatedRequestNos } = input.intake;
  c.context = await local(`load customer ${customerId}, contacts and SLA policy`).loadComplaintContext({
    customerId,
    relatedRequestNos,
  });
  c.view.customerName = c.context.customerName;
  startComplaintClocks(c);
  c.tell(
    'agent',
    'complaint_received',
    `Complaint ${c.view.complaintNo} (${input.intake.category}) from ${c.context.customerName}`,
    `${input.intake.description}\nAcknowledge it within 1 hour, answer within 24 hours.`,
  );
  const clocks = runComplaintClocks(c);
  // R-RECORD-3: complaints count in the month they were received (once, however often this is retried).
  await records(`count ${c.view.complaintNo} in the KPIs`).reportKpiFact({
    type: 'complaint',
    ref: c.view.complaintNo,
    month: c.view.receivedAt.slice(0, 7),
  });

  await condition(() => !c.open);
  if (c.view.status === 'closed') {
    if (c.view.investigation?.improvementNeeded) await openRootCauseAction(c);
    await followUpAfterClosure(c);
  }
  await clocks;
  await condition(allHandlersFinished);
  await publisher.drain();
  return { complaintNo: c.view.complaintNo, status: c.view.status };
}

function registerHandlers(c: ComplaintState): void {
  const answered = (apply: () => void) => (apply(), c.answer());
  setHandler(m.getComplaintQuery, () => c.view);
  setHandler(m.acknowledgeComplaintUpdate, (a, b) => answered(() => step.applyAcknowledge(c, a, b.summary)), {
    validator: (a, _b) => step.checkAcknowledge(c, a),
  });
  setHandler(m.respondComplaintUpdate, (a, b) => answered(() => step.applyRespond(c, a, b.summary)), {
    validator: (a, _b) => step.checkRespond(c, a),
  });
  setHandler(m.investigateUpdate, (a, i) => answered(() => step.applyInvestigate(c, a, i)), {
    validator: (a, _i) => step.checkInvestigate(c, a),
  });
  setHandler(m.proposeResolutionUpdate, (a, p) => answered(() => step.applyPropose(c, a, p.resolution)), {
    validator: (a, _p) => step.checkPropose(c, a),
  });
  setHandler(m.decideResolutionUpdate, (a, d) => answered(() => step.applyDecide(c, a, d)), {
    validator: (a, d) => step.checkDecide(c, a, d),
  });
  setHandler(m.recordComplaintFollowUpUpdate, (a, f) => answered(() => step.applyFollowUp(c, a, f)), {
    validator: (a, _f) => step.checkFollowUp(c, a),
  });
  setHandler(m.withdrawComplaintUpdate, (a, w) => answered(() => step.applyWithdraw(c, a, w.reason)), {
    validator: (a, _w) => step.checkWithdraw(c, a),
  });
  // A revisit is a service request of its own, linked both ways; the complaint itself is never dispatched.
  setHandler(
    m.orderRevisitUpdate,
    async (a, order) => {
      const { requestNo } = await startRequestAsChild({ ...order, by: a });
      c.view.revisits.push(requestNo);
      c.record(a, 'revisit_ordered', { requestNo, of: order.requestNo });
      return c.answer({ requestNo });
    },
    { validator: (a, o) => step.checkRevisit(c, a, o.requestNo) },
  );
}

const detailsOf = (v: ComplaintView) =>
  [
    `**status** ${v.status} · **${v.intake.category.replace('_', ' ')}** · ${v.customerName ?? v.intake.customerId}`,
    `**about** ${v.intake.relatedRequestNos.join(', ') || '–'}${v.revisits.length ? ` · **revisits** ${v.revisits.join(', ')}` : ''}`,
    `**next deadline** ${nearestDeadline(v.clocks) ?? '–'}`,
  ].join('\n\n');
