/** Read models of the quality loop (improvement actions, complaints), written only by their workflows' publishers. */
import type { Notification } from '../../shared/common/records';
import type { ComplaintView } from '../../shared/complaint/types';
import type { ImprovementView } from '../../shared/improvement/types';
import { breachedClocks, nearestDeadline } from '../../shared/sla/clocks';
import type { Repositories } from '../../shared/storage/repositories';
import { createOutbox, type OutboxConfig } from '../notifications/outbox';

export function createQualityRecordActivities(repos: Repositories, cfg: OutboxConfig) {
  const queueNotifications = createOutbox(repos, cfg);
  const complaintsOf = repos.serviceRequest.complaintsLog; // a request shows its complaints by _id

  return {
    /** The action's row (a newer step is never overwritten by an older one) and its notifications, each once. */
    async publishImprovementStep({
      view,
      notifications,
    }: {
      view: ImprovementView;
      notifications: Notification[];
    }): Promise<void> {
      await queueNotifications(view.actionId, notifications);
      const { history } = view;
      // The whole view, history included: the action stays readable once its workflow has left Temporal.
      await repos.improvement.actions.putNewer(view.actionId, view.seq, {
        ...view,
        ownerId: view.owner.id,
        version: view.seq,
        lastAction: history.at(-1)?.action ?? null,
        lastActionAt: history.at(-1)?.at ?? null,
      });
    },

    /** The complaint's row (lists, KPIs, the requests it is about) and its notifications, each once. */
    async publishComplaintStep({
      view,
      notifications,
    }: {
      view: ComplaintView;
      notifications: Notification[];
    }): Promise<void> {
      await Promise.all([
        queueNotifications(view.complaintNo, notifications),
        // Entered once per request it is about (a no-op once this process has): no scan when a request is read.
        ...view.intake.relatedRequestNos.map((no) => complaintsOf.append(no, view.complaintNo)),
      ]);
      const breached = breachedClocks(view.clocks);
      const row = {
        complaintNo: view.complaintNo,
        workflowId: view.workflowId,
        version: view.seq,
        status: view.status,
        category: view.intake.category,
        channel: view.intake.channel,
        customerId: view.intake.customerId,
        customerName: view.customerName ?? null,
        relatedRequestNos: view.intake.relatedRequestNos,
        receivedAt: view.receivedAt,
        nextDeadline: nearestDeadline(view.clocks) ?? null,
        slaBreached: breached.length > 0,
        breachedClocks: breached,
        clocks: view.clocks.map((k) => ({
          name: k.name,
          deadline: k.deadline,
          stoppedAt: k.stoppedAt ?? null,
          breachedAt: k.breachedAt ?? null,
        })),
        responsibleParty: view.investigation?.responsibleParty ?? null,
        rootCause: view.investigation?.rootCause ?? null,
        revisits: view.revisits,
        improvementActionId: view.improvementActionId ?? null,
        escalatedToManager: view.escalatedToManager ?? 0,
        closedAt: view.closedAt ?? null,
        view, // the whole complaint, history included: readable once its workflow has left Temporal
        lastAction: view.history.at(-1)?.action ?? null,
        lastActionAt: view.history.at(-1)?.at ?? null,
      };
      await repos.complaint.complaints.putNewer(view.complaintNo, view.seq, row); // a newer step may be there already
    },
  };
}
