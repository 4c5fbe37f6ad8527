/**
 * What each reader sees of a request: the settlement statement, the SLA clocks, the work order and the
 * customer's view. Pure projections of the workflow's view (sandbox-safe), used by the services.
 */
import { countedBusinessMs } from '../sla/calendar';
import { clockState } from '../sla/clocks';
import type { SlaClock } from '../sla/types';
import type { ServiceRequestView } from './types';

/**
 * R-SETTLE-1..3: the approved quotation versions, parts and labour as recorded at the approved prices,
 * payments or the invoice, and the warranty on the replaced parts and on the work.
 */
export function statementOf(v: ServiceRequestView) {
  const st = v.settlement;
  const from = v.signOff?.at; // warranty runs from the customer's sign-off
  const until = (days: number) =>
    from ? new Date(Date.parse(from) + days * 86_400_000).toISOString().slice(0, 10) : null;
  return {
    requestNo: v.requestNo,
    customerName: v.customerName,
    unit: v.unit,
    entitlement: v.entitlement,
    entitlementReason: v.entitlementReason,
    closedAs: v.closedAs ?? null,
    approvedQuotations: (v.quotations ?? [])
      .filter((q) => q.decision?.approved)
      .map((q) => ({
        version: q.version,
        totalMinor: q.totalMinor,
        currency: q.currency,
        approvedAt: q.decision!.at,
        approvedBy: q.decision!.signedBy ?? q.decision!.by.id,
        method: q.decision!.method,
        ...(q.decision!.formReference ? { formReference: q.decision!.formReference } : {}),
      })),
    quotations: (v.quotations ?? []).map((q) => ({
      version: q.version,
      status: q.status,
      totalMinor: q.totalMinor,
      reason: q.reason ?? null,
    })),
    settlement: st
      ? {
          lines: st.lines,
          currency: st.currency,
          totalMinor: st.totalMinor,
          approvedTotalMinor: st.approvedTotalMinor,
          differenceMinor: st.differenceMinor,
          status: st.status,
          differenceApproval: st.differenceApproval ?? null,
          payments: st.payments,
          paidMinor: st.paidMinor,
          outstandingMinor: st.settled ? 0 : Math.max(0, st.totalMinor - st.paidMinor),
          invoice: st.invoice ?? null,
          settled: st.settled,
        }
      : null,
    warranty: {
      work: st || v.work ? { days: st?.workWarrantyDays ?? 90, until: until(st?.workWarrantyDays ?? 90) } : null,
      parts: (st?.lines ?? [])
        .filter((l) => l.kind === 'part')
        .map((l) => ({
          code: l.code,
          description: l.description,
          quantity: l.quantity,
          days: l.warrantyDays ?? null,
          until: l.warrantyDays ? until(l.warrantyDays) : null,
        })),
    },
  };
}

/** R-SLA-4/5: every clock with its deadline, what is left or how late it is, and the customer's pauses. */
export function slaOf(v: ServiceRequestView, now: Date) {
  const t = now.getTime();
  return {
    requestNo: v.requestNo,
    status: v.status,
    policy: v.slaPolicy ?? null,
    waitingOn: v.waitingOn ?? null,
    clocks: (v.clocks ?? []).map((c) => ({
      name: c.name,
      state: clockState(c),
      budgetMs: c.budgetMs,
      startedAt: c.startedAt,
      deadline: c.deadline ?? null,
      ...(c.deadline && !c.stoppedAt
        ? Date.parse(c.deadline) >= t
          ? { remainingMs: Date.parse(c.deadline) - t }
          : { overdueMs: t - Date.parse(c.deadline) }
        : {}),
      pausedMs:
        c.pausedMs + c.pauses.filter((p) => !p.to).reduce((sum, p) => sum + Math.max(0, t - Date.parse(p.from)), 0),
      pauses: c.pauses,
      warnedAt: c.warnedAt ?? null,
      breachedAt: c.breachedAt ?? null,
      escalatedTo: c.escalatedTo,
      stoppedAt: c.stoppedAt ?? null,
      overrunMs: c.overrunMs ?? null,
      ...businessTimeOf(v, c, t),
    })),
  };
}

/** R-SLA-6: what a business-time clock has counted and has left, in service hours; else it counts elapsed time. */
export function businessTimeOf(v: ServiceRequestView, c: SlaClock, now: number) {
  const cal = c.calendar && v.slaCalendar;
  if (!cal) return { counts: 'elapsed' as const };
  const counted = countedBusinessMs(cal, c, c.stoppedAt ? Date.parse(c.stoppedAt) : now);
  return {
    counts: 'business_hours' as const,
    calendar: { ref: c.calendar!, name: cal.name, timeZone: cal.timeZone },
    businessMsCounted: counted,
    businessMsLeft: Math.max(0, c.budgetMs - counted),
  };
}

/** R-DISPATCH-2: customer, fault, appointment window, address, and the tools and parts to bring. */
export function workOrderOf(v: ServiceRequestView) {
  const { intake } = v;
  return {
    requestNo: v.requestNo,
    status: v.status,
    kind: intake.kind,
    urgency: intake.urgency,
    entitlement: v.entitlement,
    charging:
      v.entitlement === 'free'
        ? 'free of charge (in warranty)'
        : `${v.entitlement}: explain the charging policy before work`,
    customer: { name: v.customerName, contactName: intake.contactName, contactPhone: intake.contactPhone },
    siteAddress: intake.siteAddress,
    region: intake.region,
    unit: v.unit,
    fault: intake.fault,
    selfChecks: intake.selfChecks,
    engineerId: v.engineerId ?? null,
    appointment: v.appointment
      ? {
          windowStart: v.appointment.windowStart,
          windowEnd: v.appointment.windowEnd,
          estimatedDurationMinutes: v.appointment.estimatedDurationMinutes,
        }
      : null,
    toolsAndParts: v.appointment?.toolsAndParts ?? [],
    attachments: v.attachments ?? [],
  };
}

/** What a customer sees through their link: their request's progress, not internal candidates. */
export function customerView(v: ServiceRequestView) {
  return {
    requestNo: v.requestNo,
    status: v.status,
    receivedAt: v.receivedAt,
    entitlement: v.entitlement,
    // What they are asked to approve: every version with its lines and total (R-QUOTE-2).
    quotations: (v.quotations ?? []).map(
      ({ version, lines, currency, totalMinor, coveredMinor, status, reason, declineFee }) => ({
        version,
        lines,
        currency,
        totalMinor,
        coveredMinor,
        status,
        reason,
        declineFee,
      }),
    ),
    settlement: v.settlement
      ? {
          totalMinor: v.settlement.totalMinor,
          currency: v.settlement.currency,
          status: v.settlement.status,
          paidMinor: v.settlement.paidMinor,
          settled: v.settlement.settled,
        }
      : undefined,
    unit: v.unit,
    appointment: v.appointment,
    // R-VISIT-1: a window waiting for their consent.
    proposedAppointment: v.proposedAppointment
      ? {
          windowStart: v.proposedAppointment.windowStart,
          windowEnd: v.proposedAppointment.windowEnd,
          estimatedDurationMinutes: v.proposedAppointment.estimatedDurationMinutes,
          reason: v.proposedAppointment.reason ?? null,
        }
      : undefined,
    engineerAssigned: !!v.engineerId,
    // R-TRIAGE-2: where to bring the unit, what the counter noted at receipt, when it is ready to collect.
    carryIn: v.carryIn ? (({ receivedBy: _by, ...rest }) => rest)(v.carryIn) : undefined,
    // The photos and documents of their visits (R-FIELD: before and after the work).
    attachments: (v.attachments ?? []).map(({ id, kind, mediaType, name, at, visit }) => ({
      id,
      kind,
      mediaType,
      name,
      at,
      visit,
    })),
    followUpDueAt: v.followUpDueAt,
    history: v.history.map(({ at, action }) => ({ at, action })),
  };
}

/** R-VISIT-7: the commissioning report the customer signs (JSON; a printable page comes with the web pages). */
export function commissioningReportOf(v: ServiceRequestView) {
  const c = v.commissioning!;
  return {
    requestNo: v.requestNo,
    customerName: v.customerName ?? v.intake.customerId,
    unit: v.unit ?? null,
    siteAddress: v.intake.siteAddress,
    engineerId: v.engineerId ?? null,
    checks: c.record!.checks,
    parameters: c.record!.parameters,
    recordedAt: c.record!.recordedAt,
    work: v.work ? { actions: v.work.actions, advice: v.work.advice ?? null } : null,
    signedBy: v.signOff?.signedBy ?? null,
    signedAt: v.signOff?.at ?? null,
    accepted: !!v.signOff,
  };
}
