/**
 * The read-model contract of a service request: the row the publishStep activity writes for lists,
 * dispatch and KPIs, derived from the workflow's view. Pure and sandbox-safe: the workflow computes it,
 * activities store it, services read it.
 */
import { breachedClocks, nearestDeadline } from '../sla/clocks';
import type { ServiceRequestView } from './types';
import { AFTER_VISIT_STATUSES } from './vocabulary';

/** The nearest deadline: an SLA clock's, else the follow-up's or the appointment window's end. */
export function nextDeadlineOf(v: ServiceRequestView): string | undefined {
  return (
    nearestDeadline(v.clocks) ??
    (v.status === 'awaiting_follow_up'
      ? v.followUpDueAt
      : v.status === 'scheduled'
        ? v.appointment?.windowEnd
        : undefined)
  );
}

/** Whether an agent recorded this contact, in the run's history or among the entries moved out of it. */
const contacted = (v: ServiceRequestView, action: 'acknowledged' | 'responded') =>
  v.history.some((h) => h.action === action) || (v.earlierHistory?.actions.includes(action) ?? false);

export type RequestSummary = ReturnType<typeof summaryOf>;
export function summaryOf(v: ServiceRequestView) {
  return {
    requestNo: v.requestNo,
    workflowId: v.workflowId,
    version: v.seq,
    status: v.status,
    kind: v.intake.kind,
    urgency: v.intake.urgency,
    channel: v.intake.channel,
    region: v.intake.region,
    customerId: v.intake.customerId,
    customerName: v.customerName ?? null,
    serialNumber: v.intake.serialNumber,
    productLine: v.unit?.productLine ?? null,
    entitlement: v.entitlement ?? null,
    engineerId: v.engineerId ?? v.offer?.engineerId ?? null,
    offeredTo: v.status === 'offered' ? (v.offer?.engineerId ?? null) : null,
    appointmentStart: v.appointment?.windowStart ?? null,
    followUpDueAt: v.followUpDueAt ?? null,
    receivedAt: v.receivedAt,
    recurrenceOf: v.recurrenceOf?.requestNo ?? null,
    firstTimeFix: v.firstTimeFix ?? null,
    lastAction: v.history[v.history.length - 1]?.action ?? null,
    lastActionAt: v.history[v.history.length - 1]?.at ?? null,
    open: !AFTER_VISIT_STATUSES.includes(v.status),
    nextDeadline: nextDeadlineOf(v) ?? null,
    // Sort key for the dispatcher list: requests without a deadline after all that have one.
    deadlineOrder: nextDeadlineOf(v) ?? '9999-12-31T23:59:59.999Z',
    slaPolicy: v.slaPolicy ? `${v.slaPolicy.key}@${v.slaPolicy.version}` : null,
    // R-SLA-6: the board says when the nearest deadline counts service hours (it stands still when closed).
    nextDeadlineCalendar: v.clocks?.find((c) => c.calendar && c.deadline && c.deadline === nearestDeadline(v.clocks))
      ? (v.slaCalendar?.name ?? null)
      : null,
    slaBreached: breachedClocks(v.clocks).length > 0,
    breachedClocks: breachedClocks(v.clocks),
    openClocks: (v.clocks ?? []).filter((c) => !c.stoppedAt).map((c) => c.name),
    // The agent's queue: requests whose acknowledgement or first response is still to be made.
    acknowledged: contacted(v, 'acknowledged'),
    responded: contacted(v, 'responded'),
    breaches: (v.clocks ?? [])
      .filter((c) => c.breachedAt)
      .map((c) => ({
        clock: c.name,
        breachedAt: c.breachedAt!,
        overrunMs: c.overrunMs ?? null,
        escalatedTo: c.escalatedTo,
      })),
    pausedMs: (v.clocks ?? []).reduce((max, c) => Math.max(max, c.pausedMs), 0),
    waitingOn: v.waitingOn ?? null,
    visits: v.visits?.length ?? 0,
    assetId: v.intake.assetId ?? null,
    // R-ENTITLE-1: counted against its contract's period while it is contract work; its time on site.
    contractNo: v.entitlement === 'contract' ? (v.contractAllowance?.contractNo ?? null) : null,
    contractPeriod: v.entitlement === 'contract' ? (v.contractAllowance?.period.start ?? null) : null,
    allowancePending: v.allowanceApproval?.status === 'pending' ? v.allowanceApproval.reason : null,
    onSiteMinutes: (v.visits ?? []).reduce((sum, x) => sum + (x.durationMinutes ?? 0), 0),
    quotationVersion: v.quotations?.at(-1)?.version ?? null,
    quotationStatus: v.quotations?.at(-1)?.status ?? null,
    settlementTotalMinor: v.settlement?.totalMinor ?? null,
    currency: v.settlement?.currency ?? v.quotations?.at(-1)?.currency ?? null,
    settled: v.settlement ? v.settlement.settled : null,
    closedAs: v.closedAs ?? null,
    // R-INTAKE-7: how it was solved, shown with later requests for the same unit.
    resolution: v.remoteGuidance?.solved
      ? `remote guidance: ${v.remoteGuidance.summary}`
      : v.work
        ? `${v.diagnosis ? `${v.diagnosis.faultClass}: ${v.diagnosis.findings}; ` : ''}${v.work.actions}`
        : null,
  };
}
