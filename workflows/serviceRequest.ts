/**
 * serviceRequest: one long-lived workflow per customer service request (R-INTEGRATE-1).
 * Reads top to bottom as the process: intake → entitlement → offer to engineers → appointment →
 * visit (check-in, diagnosis, work) → sign-off → follow-up timer → follow-up → archive → closed.
 * Callers move it on through updates; timers and activities are driven from here.
 */
import { ApplicationFailure } from '@temporalio/common';
import {
  allHandlersFinished, condition, continueAsNew, patched, proxyActivities, proxyLocalActivities, setHandler, sleep, upsertSearchAttributes, workflowInfo,
} from '@temporalio/workflow';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import type { Activities } from '../activities';
import type { Actor, EngineerCandidate, IntakeContext, IntakeInput, RequestStatus, ServiceRequestView } from '../shared/domain';
import { AFTER_VISIT_STATUSES } from '../shared/domain';
import * as m from '../shared/messages';
import { FAILURE_NOT_ALLOWED } from '../shared/messages';
import { SA } from '../shared/searchAttributes';
import { publishInOrder } from './publisher';
import { breachedClocks, nearestDeadline } from './slaClocks';
import { ServiceRequestState, type StateFeatures } from './serviceRequestState';

/**
 * Versions of this workflow's logic. Requests started before a patch keep the old behaviour when
 * their history replays; `patched()` records which one a request runs (see test/workflow/replay).
 */
export const PATCHES = {
  /** SLA clocks, offer deadlines, reassignment at any time, remote guidance, multi-visit, technical support. */
  slaClocksDispatch: 'sla-clocks-dispatch',
  /** Quotations with approval, reminders and expiry; settlement and payment before the archive. */
  quotations: 'quotations',
} as const;

export interface StartServiceRequest {
  requestNo: string;
  intake: IntakeInput;
  receivedBy: Actor;
  /** Set when the request continues as new: its state carries over and nothing is redone. */
  resume?: { view: ServiceRequestView; context: IntakeContext; features: StateFeatures };
  /** Continue as new once the history has this many events (default: when the server suggests it). */
  continueAfterEvents?: number;
}
export interface ServiceRequestOutcome { requestNo: string; status: RequestStatus; archiveKey?: string }

// Short idempotent reads of master data run as local activities: no round trip through the server
// before the offer. Their results are recorded in history (markers), so replay stays deterministic.
const masterData = proxyLocalActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  localRetryThreshold: '10 seconds', // longer back-offs become durable timers
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: ['NotFound'] },
});
// Recording steps must eventually succeed: retried without limit, each retry a no-op once written.
const records = proxyActivities<Activities>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});


export async function serviceRequest(input: StartServiceRequest): Promise<ServiceRequestOutcome> {
  const { workflowId } = workflowInfo();
  const resume = input.resume;
  const v2 = resume ? resume.features.slaClocks : patched(PATCHES.slaClocksDispatch);
  const v3 = resume ? !!resume.features.quotations : v2 && patched(PATCHES.quotations);
  const features: StateFeatures = { slaClocks: v2, quotations: v3 };
  const req = new ServiceRequestState(input.requestNo, workflowId, input.intake, input.receivedBy, () => new Date(), features, resume);
  registerHandlers(req);
  const publisher = publishStepsInOrder(req, resume?.view.seq ?? 0);

  // Master data and candidates are independent reads: one round trip before the offer, not two.
  const { customerId, serialNumber, region } = input.intake;
  const rank = () => masterData.rankEngineers({ region, serialNumber, excludeRequestNo: input.requestNo });
  let candidates: EngineerCandidate[] = [];
  if (!resume) {
    const [context, ranked] = await Promise.all([masterData.loadIntakeContext({ customerId, serialNumber, region }), rank()]);
    req.setContext(context);
    candidates = ranked;
  }

  let background: Promise<void>[];
  if (v2) {
    const clocks = runSlaClocks(req);
    if (input.intake.remoteGuidanceFirst && req.status === 'received') {
      req.startRemoteGuidance();
      await condition(() => req.status !== 'remote_guidance');
    }
    // Solved remotely, or cancelled, skips dispatch; otherwise rank again (workloads moved while we talked).
    if (req.status === 'received') offerToBestEngineers(req, req.view.remoteGuidance ? await rank() : candidates);
    background = [clocks, expireUnansweredOffers(req), remindBeforeEachVisit(req)];
    if (v3) background.push(remindThenExpireQuotations(req));
  } else {
    offerToBestEngineers(req, candidates);
    background = [remindBeforeVisit(req)];
  }

  const visitsOver = () => req.status === 'awaiting_follow_up' || req.status === 'cancelled' || req.view.closedAs === 'quotation_expired';
  // A long request (many visits, reschedules, quotations) continues as new before its history grows too long.
  const tooLong = () => v2 && !['received', 'remote_guidance'].includes(req.status) && !req.pricing
    && (workflowInfo().continueAsNewSuggested || (!!input.continueAfterEvents && workflowInfo().historyLength > input.continueAfterEvents));
  await condition(() => visitsOver() || tooLong());
  if (!visitsOver()) {
    await condition(allHandlersFinished);
    await publisher.drain();
    return continueAsNew<typeof serviceRequest>({ ...input, resume: { ...req.snapshot(), features } });
  }
  if (req.view.closedAs === 'quotation_expired') {
    req.archived(await records.archiveRequest({ view: req.view, retentionDays: req.policy.archiveRetentionDays }));
  } else if (req.status === 'awaiting_follow_up') {
    await awaitFollowUp(req);
    if (req.view.followUp!.overall < 8) {
      await records.openImprovementAction({
        key: `${workflowId}/improvement`, requestNo: req.view.requestNo, score: req.view.followUp!.overall,
        reason: req.view.followUp!.reason ?? '', owner: req.contacts.supervisorEmail ?? 'quality',
      });
    }
    // R-SETTLE-1: chargeable work is archived once it is paid or invoiced.
    await condition(() => !req.view.settlement || req.view.settlement.settled);
    // The retention of the policy version the request started with.
    req.archived(await records.archiveRequest({ view: req.view, retentionDays: req.policy.archiveRetentionDays }));
  }

  await Promise.all(background);
  await publisher.drain();
  return { requestNo: req.view.requestNo, status: req.status, archiveKey: req.view.archiveKey };
}

/** R-DISPATCH-1/3: offer to the best candidate; declines move to the next (handled in the state). */
function offerToBestEngineers(req: ServiceRequestState, candidates: EngineerCandidate[]): void {
  if (req.status === 'cancelled') return;
  req.setCandidates(candidates);
  req.offerNext();
}

/**
 * R-SLA-4: one durable timer for the earliest thing due on any clock (warning, breach, manager
 * escalation, end of a customer wait). Any pause, resume or stop re-plans it. Each event fires at its
 * exact moment, across worker restarts, because the timer lives in the Temporal server.
 */
async function runSlaClocks(req: ServiceRequestState): Promise<void> {
  for (;;) {
    if (req.clocksDone) return;
    const revision = req.clockRevision;
    const changed = () => req.clockRevision !== revision || req.clocksDone;
    const at = req.nextClockEventAt();
    if (at === undefined) {
      await condition(changed);
      continue;
    }
    const waitMs = at - Date.now();
    if (waitMs > 0 && await condition(changed, waitMs)) continue;
    req.fireClockEvents();
  }
}

/** R-DISPATCH-3: an offer not accepted by its deadline goes to the next candidate, then to the supervisor. */
async function expireUnansweredOffers(req: ServiceRequestState): Promise<void> {
  const dispatching: RequestStatus[] = ['received', 'remote_guidance', 'offered', 'awaiting_assignment'];
  for (;;) {
    await condition(() => req.status === 'offered' || !dispatching.includes(req.status));
    if (req.status !== 'offered') return;
    const offer = req.view.offer!;
    const timeoutMs = req.offerTimeoutMs;
    if (!timeoutMs) return;
    const answered = await condition(() => req.view.offer !== offer || req.status !== 'offered', Math.max(1, Date.parse(offer.expiresAt!) - Date.now()));
    if (!answered) req.offerTimedOut();
  }
}

/**
 * R-VISIT-1 for every visit (R-VISIT-4): before each agreed window remind the customer and ask the
 * engineer to call. A changed window re-arms both; a later visit gets its own reminders.
 */
async function remindBeforeEachVisit(req: ServiceRequestState): Promise<void> {
  let planned: number | undefined;
  const finished = () => AFTER_VISIT_STATUSES.includes(req.status);
  for (;;) {
    await condition(() => (req.status === 'scheduled' && req.view.appointmentSeq !== planned) || finished());
    if (finished()) return;
    const seq = req.view.appointmentSeq;
    planned = seq;
    const start = Date.parse(req.view.appointment!.windowStart);
    const reminders = [
      { at: start - req.policy.appointmentReminderLeadMs, send: () => req.appointmentReminder() },
      { at: start - req.policy.engineerCallLeadMs, send: () => req.engineerCallReminder() },
    ].sort((a, b) => a.at - b.at);
    for (const reminder of reminders) {
      const waitMs = reminder.at - Date.now();
      if (waitMs <= 0) continue; // agreed too late for this reminder: a late "reminder" would only confuse
      if (await condition(() => req.status !== 'scheduled' || req.view.appointmentSeq !== seq, waitMs)) break;
      reminder.send();
    }
  }
}

/**
 * R-VISIT-1 (requests started before multi-visit): before each agreed window, remind the customer (policy: a day before) and ask the engineer
 * to call the customer (about 30 min before). A reschedule re-arms both; the visit starting ends it.
 */
async function remindBeforeVisit(req: ServiceRequestState): Promise<void> {
  let plannedFor: string | undefined;
  for (;;) {
    await condition(() => (req.status === 'scheduled' && req.view.appointment?.windowStart !== plannedFor) || !['received', 'offered', 'awaiting_assignment', 'assigned', 'scheduled'].includes(req.status));
    if (req.status !== 'scheduled') return;
    const start = req.view.appointment!.windowStart;
    plannedFor = start;
    const reminders = [
      { at: Date.parse(start) - req.policy.appointmentReminderLeadMs, send: () => req.appointmentReminder() },
      { at: Date.parse(start) - req.policy.engineerCallLeadMs, send: () => req.engineerCallReminder() },
    ].sort((a, b) => a.at - b.at);
    for (const reminder of reminders) {
      const waitMs = reminder.at - Date.now();
      const moved = waitMs > 0 && await condition(() => req.status !== 'scheduled' || req.view.appointment?.windowStart !== start, waitMs);
      if (moved) break;
      reminder.send();
    }
  }
}

/** R-QUOTE-3: each quotation awaiting approval is reminded after a policy delay and expires after a longer one. */
async function remindThenExpireQuotations(req: ServiceRequestState): Promise<void> {
  let handled = 0;
  const finished = () => AFTER_VISIT_STATUSES.includes(req.status) || req.view.closedAs === 'quotation_expired';
  for (;;) {
    await condition(() => (req.pendingQuotation?.version ?? 0) > handled || finished());
    if (finished()) return;
    const q = req.pendingQuotation!;
    handled = q.version;
    const decided = () => req.pendingQuotation?.version !== q.version;
    const reminderMs = req.policy.quoteReminderMs ?? 24 * 3_600_000;
    const expiryMs = Math.max(req.policy.quoteExpiryMs ?? 72 * 3_600_000, reminderMs);
    const issuedAt = Date.parse(q.createdAt);
    if (await condition(decided, Math.max(1, issuedAt + reminderMs - Date.now()))) continue;
    req.quotationReminder(q.version);
    if (await condition(decided, Math.max(1, issuedAt + expiryMs - Date.now()))) continue;
    req.quotationExpired(q.version);
  }
}

/** R-FOLLOW-1: the follow-up falls due a policy-set time after sign-off; escalate when it is late. */
async function awaitFollowUp(req: ServiceRequestState): Promise<void> {
  const dueInMs = Date.parse(req.view.followUpDueAt!) - Date.now();
  if (dueInMs > 0) await sleep(dueInMs);
  req.followUpFellDue();
  if (!(await condition(() => !!req.view.followUp, req.policy.followUpGraceMs))) {
    req.followUpOverdue();
    await condition(() => !!req.view.followUp);
  }
}

function registerHandlers(req: ServiceRequestState): void {
  setHandler(m.getStateQuery, () => req.view);
  setHandler(m.acceptOfferUpdate, (actor) => (req.applyAcceptOffer(actor), req.view),
    { validator: (actor) => req.checkAcceptOffer(actor) });
  setHandler(m.declineOfferUpdate, (actor, { reason }) => (req.applyDeclineOffer(actor, reason), req.view),
    { validator: (actor, _b) => req.checkDeclineOffer(actor) });
  setHandler(m.assignEngineerUpdate, (actor, { engineerId, reason }) => (req.applyAssign(actor, engineerId, reason), req.view),
    { validator: (actor, { engineerId }) => req.checkAssign(actor, engineerId) });
  setHandler(m.agreeAppointmentUpdate, (actor, a) => (req.applyAppointment(actor, a), req.view),
    { validator: (actor, a) => req.checkAppointment(actor, a) });
  setHandler(m.checkInUpdate, (actor) => (req.applyCheckIn(actor), req.view),
    { validator: (actor, { identityShown }) => req.checkCheckIn(actor, identityShown) });
  setHandler(m.recordDiagnosisUpdate, (actor, d) => (req.applyDiagnosis(actor, d), req.view),
    { validator: (actor, d) => req.checkDiagnosis(actor, d) });
  setHandler(m.recordWorkUpdate, (actor, w) => (req.applyWork(actor, w), req.view),
    { validator: (actor, w) => req.checkWork(actor, w) });
  setHandler(m.signOffUpdate, (actor, s) => (req.applySignOff(actor, s), req.view),
    { validator: (actor, _s) => req.checkSignOff(actor) });
  setHandler(m.recordFollowUpUpdate, (actor, f) => (req.applyFollowUp(actor, f), req.view),
    { validator: (actor, f) => req.checkFollowUp(actor, f) });
  setHandler(m.endVisitUpdate, (actor, e) => (req.applyEndVisit(actor, e), req.view),
    { validator: (actor, e) => req.checkEndVisit(actor, e) });
  setHandler(m.recordRemoteGuidanceUpdate, (actor, r) => (req.applyRemoteGuidance(actor, r), req.view),
    { validator: (actor, r) => req.checkRemoteGuidance(actor, r) });
  setHandler(m.recordCustomerContactUpdate, (actor, c) => (req.applyCustomerContact(actor, c), req.view),
    { validator: (actor, c) => req.checkCustomerContact(actor, c) });
  setHandler(m.askSupportUpdate, (actor, q) => (req.applyAskSupport(actor, q), req.view),
    { validator: (actor, q) => req.checkAskSupport(actor, q) });
  setHandler(m.answerSupportUpdate, (actor, a) => (req.applyAnswerSupport(actor, a), req.view),
    { validator: (actor, a) => req.checkAnswerSupport(actor, a) });
  setHandler(m.submitQuotationUpdate, async (actor, q) => {
    // Priced from the price list by a local activity: the prices are recorded in history with the quotation.
    req.startPricing();
    try {
      const priced = await masterData.priceQuotation({
        lines: q.lines, entitlement: req.view.entitlement!, coverage: req.contract?.coverage,
        declineFee: req.view.entitlement === 'paid' && req.policy.diagnosisFeeOnDecline !== false && !req.approvedQuotation,
      }).catch((err: unknown) => {
        throw ApplicationFailure.create({ type: FAILURE_NOT_ALLOWED, message: (err as { cause?: Error }).cause?.message ?? String(err), nonRetryable: true });
      });
      req.applyQuotation(actor, q, priced);
    } finally {
      req.endPricing();
    }
    return req.view;
  }, { validator: (actor, q) => req.checkSubmitQuotation(actor, q) });
  setHandler(m.approveQuotationUpdate, (actor, a) => (req.applyApproveQuotation(actor, a), req.view),
    { validator: (actor, a) => req.checkApproveQuotation(actor, a) });
  setHandler(m.declineQuotationUpdate, (actor, d) => (req.applyDeclineQuotation(actor, d), req.view),
    { validator: (actor, d) => req.checkDeclineQuotation(actor, d) });
  setHandler(m.approveSettlementUpdate, (actor, a) => (req.applyApproveSettlement(actor, a), req.view),
    { validator: (actor, a) => req.checkApproveSettlement(actor, a) });
  setHandler(m.invoiceToContractUpdate, (actor, i) => (req.applyInvoice(actor, i), req.view),
    { validator: (actor, i) => req.checkInvoice(actor, i) });
  setHandler(m.paymentReceivedSignal, (p) => req.applyPayment(p));
  setHandler(m.cancelRequestUpdate, (actor, { reason }) => (req.applyCancel(actor, reason), req.view),
    { validator: (actor, _b) => req.checkCancel(actor) });
}

/**
 * Every state change (from the main flow or a handler) bumps `seq`; this loop writes the read model,
 * the outbox and the search attributes for it, in order, coalescing changes that arrive together.
 */
function publishStepsInOrder(req: ServiceRequestState, alreadyPublished: number): { drain(): Promise<void> } {
  return publishInOrder(() => req.view.seq, async () => {
    upsertSearchAttributes(searchAttributesOf(req.view));
    await records.publishStep({ summary: summaryOf(req.view), notifications: req.takeNotifications() });
  }, alreadyPublished);
}

function searchAttributesOf(v: ServiceRequestView): SearchAttributeUpdatePair[] {
  const pairs: SearchAttributeUpdatePair[] = [
    { key: SA.status, value: v.status },
    { key: SA.urgency, value: v.intake.urgency },
    { key: SA.region, value: v.intake.region },
    { key: SA.customer, value: v.intake.customerId },
    { key: SA.kind, value: v.intake.kind },
  ];
  const breached = breachedClocks(v.clocks);
  pairs.push({ key: SA.slaBreached, value: breached.length > 0 });
  pairs.push({ key: SA.breachedClocks, value: breached.length ? breached : null });
  if (v.entitlement) pairs.push({ key: SA.entitlement, value: v.entitlement });
  const engineer = v.engineerId ?? v.offer?.engineerId;
  pairs.push({ key: SA.engineer, value: engineer ?? null });
  const deadline = nextDeadlineOf(v);
  pairs.push({ key: SA.nextDeadline, value: deadline ? new Date(deadline) : null });
  return pairs;
}

/** The nearest deadline: an SLA clock's, else the follow-up's or the appointment window's end. */
function nextDeadlineOf(v: ServiceRequestView): string | undefined {
  return nearestDeadline(v.clocks)
    ?? (v.status === 'awaiting_follow_up' ? v.followUpDueAt : v.status === 'scheduled' ? v.appointment?.windowEnd : undefined);
}

export type RequestSummary = ReturnType<typeof summaryOf>;
export function summaryOf(v: ServiceRequestView) {
  return {
    requestNo: v.requestNo, workflowId: v.workflowId, version: v.seq, status: v.status,
    kind: v.intake.kind, urgency: v.intake.urgency, channel: v.intake.channel, region: v.intake.region,
    customerId: v.intake.customerId, customerName: v.customerName ?? null, serialNumber: v.intake.serialNumber,
    productLine: v.unit?.productLine ?? null, entitlement: v.entitlement ?? null,
    engineerId: v.engineerId ?? v.offer?.engineerId ?? null, offeredTo: v.status === 'offered' ? v.offer?.engineerId ?? null : null,
    appointmentStart: v.appointment?.windowStart ?? null, followUpDueAt: v.followUpDueAt ?? null,
    receivedAt: v.receivedAt, lastAction: v.history[v.history.length - 1]?.action ?? null,
    lastActionAt: v.history[v.history.length - 1]?.at ?? null,
    open: !AFTER_VISIT_STATUSES.includes(v.status),
    nextDeadline: nextDeadlineOf(v) ?? null,
    // Sort key for the dispatcher list: requests without a deadline after all that have one.
    deadlineOrder: nextDeadlineOf(v) ?? '9999-12-31T23:59:59.999Z',
    slaPolicy: v.slaPolicy ? `${v.slaPolicy.key}@${v.slaPolicy.version}` : null,
    slaBreached: breachedClocks(v.clocks).length > 0,
    breachedClocks: breachedClocks(v.clocks),
    breaches: (v.clocks ?? []).filter((c) => c.breachedAt).map((c) => ({ clock: c.name, breachedAt: c.breachedAt!, overrunMs: c.overrunMs ?? null, escalatedTo: c.escalatedTo })),
    pausedMs: (v.clocks ?? []).reduce((max, c) => Math.max(max, c.pausedMs), 0),
    waitingOn: v.waitingOn ?? null,
    visits: v.visits?.length ?? 0,
    quotationVersion: v.quotations?.at(-1)?.version ?? null,
    quotationStatus: v.quotations?.at(-1)?.status ?? null,
    settlementTotalMinor: v.settlement?.totalMinor ?? null,
    currency: v.settlement?.currency ?? v.quotations?.at(-1)?.currency ?? null,
    settled: v.settlement ? v.settlement.settled : null,
    closedAs: v.closedAs ?? null,
    // R-INTAKE-7: how it was solved, shown with later requests for the same unit.
    resolution: v.remoteGuidance?.solved ? `remote guidance: ${v.remoteGuidance.summary}`
      : v.work ? `${v.diagnosis ? `${v.diagnosis.faultClass}: ${v.diagnosis.findings}; ` : ''}${v.work.actions}` : null,
  };
}
