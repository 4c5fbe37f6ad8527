/**
 * The state of one service request and the rules for moving it on.
 * Plain class, no I/O: update validators call `check*` (synchronous, throw ApplicationFailure),
 * handlers call the matching `apply*`. Every change records who/what/when (R-RECORD-1) and queues
 * the notifications it causes; the workflow's publisher flushes them.
 */
import { ApplicationFailure } from '@temporalio/common';
import type {
  Actor, Appointment, ClockName, Diagnosis, EngineerCandidate, FollowUp, HistoryEntry, IntakeContext, IntakeInput,
  Notification, Quotation, QuoteDecision, QuoteLine, RequestStatus, ServiceRequestView, Settlement, SignOff, SlaClock, Visit, WorkRecord,
} from '../shared/domain';
import { AFTER_VISIT_STATUSES, CLOCK_NAMES } from '../shared/domain';
import type {
  CustomerContact, EndVisit, InvoiceInput, PaymentInput, QuotationInput, QuoteApproval, QuoteDecline, RemoteGuidance, SettlementApproval, SupportAnswer, SupportAsk,
} from '../shared/schemas';
import { settleAgainst } from '../shared/rules/pricing';
import { FAILURE_FORBIDDEN, FAILURE_NOT_ALLOWED } from '../shared/messages';
import { calendarDay, decideEntitlement } from '../shared/rules/entitlement';
import * as sla from './slaClocks';

const notAllowed = (msg: string) => ApplicationFailure.create({ type: FAILURE_NOT_ALLOWED, message: msg, nonRetryable: true });
const forbidden = (msg: string) => ApplicationFailure.create({ type: FAILURE_FORBIDDEN, message: msg, nonRetryable: true });

/** Work can no longer be cancelled once the engineer is on site (DESIGN: "until work starts"). */
const CANCELLABLE: RequestStatus[] = ['received', 'remote_guidance', 'offered', 'awaiting_assignment', 'assigned', 'scheduled'];
/** A dispatcher can assign or reassign until the work is done (R-DISPATCH-4). */
const ASSIGNABLE: RequestStatus[] = ['offered', 'awaiting_assignment', 'assigned', 'scheduled', 'on_site', 'diagnosed', 'awaiting_approval', 'repairing'];
/** On site, working on the fault: a visit can end, a reassignment interrupts it. */
const ON_SITE: RequestStatus[] = ['on_site', 'diagnosed', 'awaiting_approval', 'repairing'];
const AWAITING_QUOTE = 'awaiting_quotation_approval';
/** Clocks that wait with the customer while they chose a later appointment (R-SLA-5). */
const CUSTOMER_APPOINTMENT = 'customer_chose_later_appointment';
const APPOINTMENT_DEPENDENT: ClockName[] = ['arrival', 'resolution'];

export interface StateFeatures {
  /** SLA clocks, offer deadlines, remote guidance and multi-visit (requests started after `sla-clocks-dispatch`). */
  slaClocks: boolean;
  /** Quotations, approval, settlement and payment (requests started after `quotations`). */
  quotations?: boolean;
}

/** What the pricing activity returns for a quotation. */
export interface PricedQuotation { lines: QuoteLine[]; currency: string; totalMinor: number; coveredMinor: number; declineFee?: QuoteLine }

const money = (minor: number, currency: string) => `${currency} ${(minor / 100).toFixed(2)}`;

export class ServiceRequestState {
  readonly view: ServiceRequestView;
  private context?: IntakeContext;
  private pending: Notification[] = [];
  /** Bumped whenever a clock is paused, resumed or stopped: the clock timer re-plans on it. */
  clockRevision = 0;

  constructor(requestNo: string, workflowId: string, intake: IntakeInput, receivedBy: Actor, private readonly now: () => Date,
    readonly features: StateFeatures = { slaClocks: false }, restore?: { view: ServiceRequestView; context: IntakeContext }) {
    if (restore) { // continued as new: the state carries over as it was
      this.view = restore.view;
      this.context = restore.context;
      return;
    }
    this.view = {
      requestNo, workflowId, intake, receivedBy, status: 'received', receivedAt: now().toISOString(),
      candidates: [], history: [], seq: 0,
    };
    this.record(receivedBy, 'received', { channel: intake.channel, kind: intake.kind, urgency: intake.urgency });
  }

  get status(): RequestStatus { return this.view.status; }
  get policy() { return this.requireContext().policy; }
  get contacts() { return this.requireContext().contacts; }
  get contract() { return this.context?.contract; }
  /** What a continued run needs to carry on (continue-as-new). */
  snapshot(): { view: ServiceRequestView; context: IntakeContext } { return { view: this.view, context: this.requireContext() }; }

  /** Notifications queued since the last call, for the publisher. */
  takeNotifications(): Notification[] {
    const out = this.pending;
    this.pending = [];
    return out;
  }

  // ---- steps driven by the workflow itself -------------------------------------------------

  setContext(ctx: IntakeContext): void {
    this.context = ctx;
    const { entitlement, reason } = decideEntitlement(this.view.intake.kind, ctx.unit, ctx.contract, calendarDay(this.view.receivedAt));
    Object.assign(this.view, { customerName: ctx.customerName, unit: ctx.unit, entitlement, entitlementReason: reason });
    this.record(SYSTEM, 'entitlement_decided', { entitlement, reason, policyVersion: ctx.policy.version });
    if (this.features.slaClocks && ctx.sla && this.view.status !== 'cancelled') {
      // The request keeps this policy version for life; the clocks count from receipt, not from now.
      const { key, version, name } = ctx.sla;
      this.view.slaPolicy = { key, version, name };
      const exempt = ctx.slaExemptClocks ?? [];
      this.view.clocks = sla.startClocks(ctx.sla, this.view.intake.urgency, this.view.intake.kind, this.view.receivedAt)
        .filter((c) => !exempt.includes(c.name));
      this.record(SYSTEM, 'sla_clocks_started', {
        policy: `${key}@${version}`, clocks: this.view.clocks.map((c) => `${c.name}:${c.deadline}`),
        ...(exempt.length ? { exempt, reason: `region ${this.view.intake.region} is exempt (remote area)` } : {}),
      });
      this.clockRevision++;
    }
    if (this.view.status === 'cancelled') return; // cancelled while the context was loading: no welcome message
    this.notify('customer', 'request_received', `Service request ${this.view.requestNo} received`,
      `Dear ${ctx.customerName}, we received your request about unit ${ctx.unit.serialNumber} (${ctx.unit.model}). Service type: ${entitlement} (${reason}).`);
  }

  setCandidates(candidates: EngineerCandidate[]): void {
    this.view.candidates = candidates;
    this.record(SYSTEM, 'candidates_ranked', { candidates: candidates.map((c) => c.engineerId) });
  }

  /** Offers the request to the next candidate; false when none is left. */
  offerNext(): boolean {
    const next = this.view.offer ? this.view.offer.candidateIndex + 1 : 0;
    const candidate = this.view.candidates[next];
    if (!candidate) {
      this.view.offer = undefined;
      this.view.status = 'awaiting_assignment';
      this.record(SYSTEM, 'no_candidate_left', { tried: next });
      this.notify('supervisor', 'needs_assignment', `Request ${this.view.requestNo} needs an engineer`,
        `No engineer in region ${this.view.intake.region} accepted or could take request ${this.view.requestNo}; please assign one.`);
      return false;
    }
    const now = this.now();
    const timeoutMs = this.offerTimeoutMs;
    this.view.offer = {
      engineerId: candidate.engineerId, offeredAt: now.toISOString(), candidateIndex: next,
      ...(timeoutMs ? { expiresAt: new Date(now.getTime() + timeoutMs).toISOString() } : {}),
    };
    this.view.status = 'offered';
    this.record(SYSTEM, 'offered', { engineerId: candidate.engineerId, ...(this.view.offer.expiresAt ? { expiresAt: this.view.offer.expiresAt } : {}) });
    this.notify('engineer', 'offer', `New job offer ${this.view.requestNo}`,
      `Request ${this.view.requestNo} at ${this.view.intake.siteAddress}: ${this.view.intake.fault.symptoms}. Please accept or decline${this.view.offer.expiresAt ? ` by ${this.view.offer.expiresAt}` : ''}.`, candidate.engineerId);
    return true;
  }

  /** How long an engineer has to accept an offer; undefined: no limit (requests from before SLA clocks). */
  get offerTimeoutMs(): number | undefined {
    return this.features.slaClocks ? this.context?.sla?.offerAcceptanceMs : undefined;
  }

  /** R-DISPATCH-3: the offered engineer did not answer in time; the next candidate gets it. */
  offerTimedOut(): void {
    const engineerId = this.view.offer!.engineerId;
    this.record(SYSTEM, 'offer_timed_out', { engineerId, expiresAt: this.view.offer!.expiresAt });
    this.notify('engineer', 'offer_expired', `Offer ${this.view.requestNo} expired`,
      `You did not accept request ${this.view.requestNo} in time; it was offered to another engineer.`, engineerId);
    this.offerNext();
  }

  /** R-INTAKE-5: triage says phone or video guidance may solve it; an agent tries first. */
  startRemoteGuidance(): void {
    this.view.status = 'remote_guidance';
    this.record(SYSTEM, 'remote_guidance_started');
    this.notify('agent', 'remote_guidance', `Remote guidance for ${this.view.requestNo}`,
      `Please call ${this.view.intake.contactName} (${this.view.intake.contactPhone}) and guide them through the fault: ${this.view.intake.fault.symptoms}. Record whether it was solved.`);
  }

  // ---- SLA clocks ---------------------------------------------------------------------------

  get clocks(): SlaClock[] { return this.view.clocks ?? []; }
  get clocksDone(): boolean { return this.clocks.every((c) => !sla.isRunning(c)); }
  nextClockEventAt(): number | undefined {
    return this.context?.sla ? sla.nextEventAt(this.clocks, this.context.sla) : undefined;
  }

  /** Fires every clock event due now: warn the owner, escalate a breach to the supervisor, then the manager. */
  fireClockEvents(): void {
    const policy = this.context?.sla;
    if (!policy) return;
    for (const e of sla.fireDue(this.clocks, policy, this.now().getTime())) {
      const c = e.clock;
      const at = new Date(e.at).toISOString();
      switch (e.kind) {
        case 'resume':
          this.record(SYSTEM, 'sla_clock_resumed', { clock: c.name, pausedMs: c.pausedMs, deadline: c.deadline });
          if (this.view.waitingOn === 'customer' && !this.clocks.some(sla.isPaused)) delete this.view.waitingOn;
          break;
        case 'warning': {
          this.record(SYSTEM, 'sla_warning', { clock: c.name, at, deadline: c.deadline });
          const engineerOwned = (c.name === 'arrival' || c.name === 'resolution') && this.view.engineerId;
          this.notify(engineerOwned ? 'engineer' : 'agent', 'sla_warning', `SLA warning: ${c.name} of ${this.view.requestNo}`,
            `The ${c.name} deadline of request ${this.view.requestNo} (${this.view.intake.urgency}) is ${c.deadline}; ${Math.round((1 - policy.warnAtShare) * 100)}% of its budget is left.`,
            engineerOwned ? this.view.engineerId : undefined);
          break;
        }
        case 'breach':
          this.record(SYSTEM, 'sla_breached', { clock: c.name, deadline: at, escalatedTo: 'supervisor' });
          this.notify('supervisor', 'sla_breached', `SLA breached: ${c.name} of ${this.view.requestNo}`,
            `The ${c.name} deadline of request ${this.view.requestNo} (${this.view.intake.urgency}, region ${this.view.intake.region}) passed at ${at}. Status: ${this.view.status}${this.view.engineerId ? `, engineer ${this.view.engineerId}` : ''}.`);
          break;
        case 'manager':
          this.record(SYSTEM, 'sla_escalated', { clock: c.name, breachedAt: c.breachedAt, escalatedTo: 'manager' });
          this.notify('manager', 'sla_escalated', `SLA escalation: ${c.name} of ${this.view.requestNo}`,
            `The ${c.name} deadline of request ${this.view.requestNo} passed at ${c.breachedAt} and the clock still runs. The supervisor was told at the breach.`);
          break;
      }
    }
  }

  private stopClocks(names: readonly ClockName[], outcome?: 'not_needed' | 'cancelled'): void {
    const stopped = sla.stopClocks(this.clocks, names, this.now().getTime(), outcome);
    if (stopped.length === 0) return;
    this.clockRevision++;
    this.record(SYSTEM, 'sla_clocks_stopped', {
      clocks: stopped.map((c) => ({ clock: c.name, outcome: c.outcome, ...(c.overrunMs !== undefined ? { overrunMs: c.overrunMs } : {}) })),
    });
  }

  private pauseClocks(names: ClockName[], reason: string, until?: number): void {
    const paused = sla.pauseClocks(this.clocks, names, reason, this.now().getTime(), until);
    if (paused.length === 0) return;
    this.clockRevision++;
    this.view.waitingOn = 'customer';
    this.record(SYSTEM, 'sla_clocks_paused', { clocks: paused.map((c) => c.name), reason, ...(until ? { until: new Date(until).toISOString() } : {}) });
  }

  private resumeClocks(reason: string): void {
    const resumed = sla.resumeClocks(this.clocks, this.now().getTime(), reason);
    if (this.view.waitingOn === 'customer') delete this.view.waitingOn;
    if (resumed.length === 0) return;
    this.clockRevision++;
    this.record(SYSTEM, 'sla_clocks_resumed', { clocks: resumed.map((c) => ({ clock: c.name, pausedMs: c.pausedMs, deadline: c.deadline })), reason });
  }

  followUpFellDue(): void {
    this.view.status = 'follow_up_due';
    this.record(SYSTEM, 'follow_up_due');
    this.notify('agent', 'follow_up_due', `Follow-up due for ${this.view.requestNo}`,
      `Please call ${this.view.customerName} about request ${this.view.requestNo} and record the follow-up.`);
  }

  followUpOverdue(): void {
    this.record(SYSTEM, 'follow_up_escalated');
    this.notify('supervisor', 'follow_up_overdue', `Follow-up overdue for ${this.view.requestNo}`,
      `The follow-up of request ${this.view.requestNo} fell due at ${this.view.followUpDueAt} and is still not recorded.`);
  }

  appointmentReminder(): void {
    this.record(SYSTEM, 'appointment_reminder_sent');
    this.notify('customer', 'appointment_reminder', `Reminder: service visit for ${this.view.requestNo}`,
      `Our engineer will visit between ${this.view.appointment?.windowStart} and ${this.view.appointment?.windowEnd}.`);
  }

  engineerCallReminder(): void {
    this.record(SYSTEM, 'engineer_call_reminder_sent');
    this.notify('engineer', 'call_customer', `Call the customer before arriving: ${this.view.requestNo}`,
      `Please call ${this.view.intake.contactName} (${this.view.intake.contactPhone}) now; the visit window starts at ${this.view.appointment?.windowStart}.`, this.view.engineerId);
  }

  archived(archiveKey: string): void {
    this.stopClocks(CLOCK_NAMES, 'not_needed'); // none should still run; never leave one behind
    this.view.archiveKey = archiveKey;
    this.view.status = 'closed';
    this.record(SYSTEM, 'archived_and_closed', { archiveKey });
  }

  // ---- caller actions: check (validator) + apply (handler) --------------------------------------

  checkAcceptOffer(actor: Actor): void {
    this.requireStatus('accept an offer', 'offered');
    this.requireOfferedEngineer(actor);
  }
  applyAcceptOffer(actor: Actor): void {
    this.view.engineerId = actor.id;
    this.view.status = 'assigned';
    this.record(actor, 'offer_accepted', { engineerId: actor.id });
    this.stopClocks(['dispatch', 'response', 'acknowledge']);
    this.notify('customer', 'engineer_assigned', `Engineer assigned to ${this.view.requestNo}`,
      `Engineer ${this.candidateName(actor.id)} will contact you to agree a visit time.`);
  }

  checkDeclineOffer(actor: Actor): void {
    this.requireStatus('decline an offer', 'offered');
    this.requireOfferedEngineer(actor);
  }
  applyDeclineOffer(actor: Actor, reason: string): void {
    this.record(actor, 'offer_declined', { engineerId: actor.id, reason });
    this.offerNext();
  }

  checkAssign(actor: Actor, engineerId: string): void {
    this.requireRole(actor, 'assign an engineer', 'dispatcher', 'admin');
    const allowed = this.features.slaClocks ? ASSIGNABLE : ['awaiting_assignment', 'offered'] as RequestStatus[];
    this.requireStatus('be assigned by a dispatcher', ...allowed);
    if (engineerId === this.view.engineerId) throw notAllowed(`engineer ${engineerId} is already assigned`);
  }
  /**
   * R-DISPATCH-4: assign, or reassign (engineer sick, wrong skill) with a reason. A reassignment keeps
   * the agreed window for the new engineer; one during a visit ends that visit, and the new engineer
   * agrees the next one with the customer.
   */
  applyAssign(actor: Actor, engineerId: string, reason: string): void {
    const previous = this.view.engineerId;
    const duringVisit = ON_SITE.includes(this.view.status);
    this.view.offer = undefined;
    this.view.engineerId = engineerId;
    if (duringVisit) {
      this.endCurrentVisit('interrupted', `engineer reassigned: ${reason}`);
      this.view.appointment = undefined;
      this.view.status = 'assigned';
    } else if (this.view.status !== 'scheduled') {
      this.view.status = 'assigned';
    }
    this.record(actor, previous ? 'reassigned' : 'assigned', { engineerId, reason, ...(previous ? { previousEngineerId: previous } : {}) });
    this.stopClocks(['dispatch', 'response', 'acknowledge']);
    const keeps = this.view.status === 'scheduled' && this.view.appointment
      ? ` The agreed visit window ${this.view.appointment.windowStart} – ${this.view.appointment.windowEnd} stays; please call the customer to confirm.` : '';
    this.notify('engineer', 'assigned', `Request ${this.view.requestNo} assigned to you`,
      `You were assigned request ${this.view.requestNo} at ${this.view.intake.siteAddress} (${reason}).${keeps}`, engineerId);
    if (previous) {
      this.notify('engineer', 'unassigned', `Request ${this.view.requestNo} reassigned`,
        `Request ${this.view.requestNo} was reassigned to another engineer: ${reason}. You need not visit.`, previous);
    }
    this.notify('customer', 'engineer_assigned', `Engineer ${previous ? 'changed' : 'assigned'} for ${this.view.requestNo}`,
      previous ? 'Another engineer will look after your request and will contact you.' : 'An engineer will contact you to agree a visit time.');
  }

  checkAppointment(actor: Actor, a: Appointment): void {
    this.requireStatus('agree an appointment', 'assigned', 'scheduled');
    this.requireAssignedEngineerOr(actor, 'dispatcher', 'admin');
    if (!a.customerConsent) throw notAllowed('an appointment needs the customer\'s consent (customerConsent: true)');
    if (this.view.entitlement !== 'free' && !a.chargingPolicyExplained) {
      throw notAllowed(`outside warranty (${this.view.entitlement}) the charging policy must be explained first (chargingPolicyExplained: true)`);
    }
    if (Date.parse(a.windowEnd) <= Date.parse(a.windowStart)) throw notAllowed('windowEnd must be after windowStart');
    if (this.features.slaClocks && this.view.status === 'scheduled' && !a.reason?.trim()) {
      throw notAllowed('a reschedule needs a reason (reason), and the customer\'s consent');
    }
  }
  applyAppointment(actor: Actor, a: Appointment): void {
    const rescheduled = this.view.status === 'scheduled';
    this.view.appointment = a;
    this.view.appointmentSeq = (this.view.appointmentSeq ?? 0) + 1;
    this.view.status = 'scheduled';
    this.record(actor, rescheduled ? 'appointment_changed' : 'appointment_agreed', { ...a, visitNo: (this.view.visits?.length ?? 0) + 1 });
    this.waitForCustomersWindow(a);
    this.notify('customer', 'appointment', `Visit ${rescheduled ? 'rescheduled' : 'scheduled'} for ${this.view.requestNo}`,
      `Visit window ${a.windowStart} – ${a.windowEnd}, expected duration about ${a.estimatedDurationMinutes} minutes.`);
    if (actor.id !== this.view.engineerId) { // set by a dispatcher: the engineer must hear of it
      this.notify('engineer', 'appointment', `Visit ${rescheduled ? 'rescheduled' : 'scheduled'} for ${this.view.requestNo}`,
        `Visit window ${a.windowStart} – ${a.windowEnd} at ${this.view.intake.siteAddress}. Bring: ${a.toolsAndParts.join(', ') || 'standard kit'}.`, this.view.engineerId);
    }
  }

  /**
   * R-SLA-5: when the customer chose a window that starts after the deadline the visit serves (arrival;
   * on a later visit, resolution), the arrival and resolution clocks wait with them until the window
   * starts (or the engineer checks in earlier).
   */
  private waitForCustomersWindow(a: Appointment): void {
    if (!this.features.slaClocks) return;
    this.resumeClocks(CUSTOMER_APPOINTMENT); // a new window replaces an earlier wait
    // The earliest deadline the visit serves: arrival on a first visit, resolution on a later one.
    const deadlines = this.clocks.filter((c) => APPOINTMENT_DEPENDENT.includes(c.name) && sla.isRunning(c) && c.deadline).map((c) => Date.parse(c.deadline!));
    const start = Date.parse(a.windowStart);
    if (!a.customerChoseTime || deadlines.length === 0 || start <= Math.min(...deadlines)) return;
    this.pauseClocks(APPOINTMENT_DEPENDENT, CUSTOMER_APPOINTMENT, start);
  }

  checkCheckIn(actor: Actor, identityShown: boolean): void {
    this.requireStatus('check in on site', 'scheduled');
    this.requireAssignedEngineer(actor);
    if (!identityShown) throw notAllowed('check-in requires showing identity to the customer (identityShown: true)');
  }
  applyCheckIn(actor: Actor): void {
    const at = this.now().toISOString();
    this.view.checkedInAt ??= at; // the first arrival
    this.view.status = 'on_site';
    const visits = (this.view.visits ??= []);
    visits.push({ no: visits.length + 1, checkedInAt: at, ...(this.view.appointment ? { appointment: this.view.appointment } : {}) });
    this.record(actor, 'checked_in', { identityShown: true, visitNo: visits.length });
    this.resumeClocks(CUSTOMER_APPOINTMENT);
    this.stopClocks(['arrival']);
  }

  checkDiagnosis(actor: Actor, d: Diagnosis): void {
    this.requireStatus('record a diagnosis', 'on_site', 'diagnosed');
    this.requireAssignedEngineer(actor);
    if (!d.faultConfirmedWithCustomer) throw notAllowed('the fault must be confirmed with the customer before diagnosis is recorded');
  }
  applyDiagnosis(actor: Actor, d: Diagnosis): void {
    this.view.diagnosis = d;
    this.view.status = 'diagnosed';
    this.record(actor, 'diagnosed', { ...d, visitNo: this.view.visits?.length ?? 1 });
    if (this.features.quotations && d.faultClass === 'misuse' && (this.view.entitlement === 'free' || this.view.entitlement === 'contract')) {
      // R-INTAKE-6: misuse is not covered; the work becomes paid and needs a quotation first.
      const from = this.view.entitlement;
      this.view.entitlement = 'paid';
      this.view.entitlementReason = `misuse found on site: ${d.findings}`;
      this.record(actor, 'entitlement_changed', { from, to: 'paid', reason: this.view.entitlementReason });
      this.notify('customer', 'entitlement_changed', `Request ${this.view.requestNo}: repair is chargeable`,
        `Our engineer found misuse (${d.findings}); this is not covered by ${from === 'free' ? 'the warranty' : 'your service contract'}. You will receive a quotation to approve before any chargeable work.`);
    }
  }

  checkWork(actor: Actor, w: WorkRecord): void {
    if (this.quotationRequired) {
      this.checkChargeableWork(actor, w);
    } else {
      if (this.view.status === 'on_site' && this.view.diagnosis && (this.view.visits?.length ?? 0) > 1) {
        // a later visit works on the diagnosis of an earlier one
      } else {
        this.requireStatus('record work', 'diagnosed');
      }
      this.requireAssignedEngineer(actor);
      if (this.view.entitlement === 'paid' && !this.features.quotations) {
        // Requests started before quotations existed: no chargeable work (R-QUOTE-2).
        throw notAllowed('chargeable work needs an approved quotation first (entitlement: paid)');
      }
    }
    this.requireNoOpenSupport('record the work');
    if (!w.functionalTestPassed) throw notAllowed('work can be completed only after a passed functional test (functionalTestPassed: true)');
  }

  /** R-QUOTE-2/4/5: chargeable work only on an approved quotation, and only what it approved. */
  private checkChargeableWork(actor: Actor, w: WorkRecord): void {
    const pending = this.pendingQuotation;
    if (pending) throw notAllowed(`work waits for the customer's approval of quotation v${pending.version}`);
    const approved = this.approvedQuotation;
    if (!approved) throw notAllowed(`chargeable work needs an approved quotation first (entitlement: ${this.view.entitlement})`);
    const laterVisit = this.view.status === 'on_site' && (this.view.visits?.length ?? 0) > 1;
    if (!laterVisit) this.requireStatus('record chargeable work', 'repairing');
    this.requireAssignedEngineer(actor);
    const { notApproved } = settleAgainst(approved.lines, w.used ?? approved.lines);
    if (notApproved.length) {
      throw notAllowed(`${notApproved.join(', ')} not in the approved quotation v${approved.version}: submit a revised quotation first`);
    }
  }

  applyWork(actor: Actor, w: WorkRecord): void {
    this.view.work = w;
    this.view.status = 'work_done';
    this.record(actor, 'work_recorded', { ...w });
    if (this.quotationRequired) this.prepareSettlement(w);
  }

  checkSignOff(actor: Actor): void {
    this.requireStatus('be signed off', 'work_done');
    this.requireAssignedEngineerOr(actor, 'customer');
    const st = this.view.settlement;
    if (st?.status === 'difference_pending') {
      throw notAllowed(`the settlement total ${money(st.totalMinor, st.currency)} differs from the approved ${money(st.approvedTotalMinor, st.currency)}: the customer must approve the difference first`);
    }
  }
  applySignOff(actor: Actor, s: SignOff): void {
    const at = this.now();
    this.endCurrentVisit('completed');
    this.view.signOff = { ...s, at: at.toISOString() };
    this.view.followUpDueAt = new Date(at.getTime() + this.policy.followUpDelayMs).toISOString();
    this.view.status = 'awaiting_follow_up';
    this.view.closedAs = 'completed';
    this.record(actor, 'signed_off', { ...s, followUpDueAt: this.view.followUpDueAt, ...(this.view.settlement ? { settlementTotalMinor: this.view.settlement.totalMinor } : {}) });
    this.stopClocks(CLOCK_NAMES);
    this.notify('customer', 'completed', `Service ${this.view.requestNo} completed`,
      `Thank you, ${s.signedBy}. The work on unit ${this.view.unit?.serialNumber} is complete. We will follow up with you.`);
  }

  checkFollowUp(actor: Actor, f: FollowUp): void {
    this.requireRole(actor, 'record a follow-up', 'agent', 'admin');
    this.requireStatus('record a follow-up', 'follow_up_due');
    if (f.overall < 8 && !f.reason?.trim()) throw notAllowed('an overall score below 8 needs a reason');
  }
  applyFollowUp(actor: Actor, f: FollowUp): void {
    this.view.followUp = { ...f, at: this.now().toISOString() };
    this.record(actor, 'follow_up_recorded', { ...f });
    if (f.overall < 8) {
      this.notify('supervisor', 'improvement_action', `Improvement action for ${this.view.requestNo}`,
        `Follow-up score ${f.overall}/10: ${f.reason}. An improvement action was opened for you.`);
    }
  }

  checkCancel(actor: Actor): void {
    this.requireRole(actor, 'cancel a request', 'agent', 'dispatcher', 'admin', 'customer');
    this.requireStatus('be cancelled', ...CANCELLABLE);
  }
  applyCancel(actor: Actor, reason: string): void {
    const engineerId = this.view.engineerId ?? this.view.offer?.engineerId;
    this.view.cancelReason = reason;
    this.view.status = 'cancelled';
    this.view.closedAs = 'cancelled';
    this.view.offer = undefined;
    this.record(actor, 'cancelled', { reason });
    this.stopClocks(CLOCK_NAMES, 'cancelled');
    if (engineerId) {
      this.notify('engineer', 'cancelled', `Request ${this.view.requestNo} cancelled`, `No visit is needed any more: ${reason}.`, engineerId);
    }
    this.notify('customer', 'cancelled', `Request ${this.view.requestNo} cancelled`, `Your request was cancelled: ${reason}.`);
  }

  // ---- quotations and settlement (R-QUOTE-1..5, R-SETTLE-1..3) -----------------------------

  /** Chargeable work needs a quotation: paid, or a contract that may not cover everything. */
  get quotationRequired(): boolean {
    return !!this.features.quotations && (this.view.entitlement === 'paid' || this.view.entitlement === 'contract');
  }
  get pendingQuotation(): Quotation | undefined { return this.view.quotations?.find((q) => q.status === 'awaiting_approval'); }
  get approvedQuotation(): Quotation | undefined { return this.view.quotations?.filter((q) => q.status === 'approved').at(-1); }
  /** True while a submitted quotation is being priced (the handler awaits the price list). */
  private quoting = false;

  checkSubmitQuotation(actor: Actor, q: QuotationInput): void {
    if (!this.features.quotations) throw notAllowed('this request was started before quotations existed');
    this.requireStatus('get a quotation', 'diagnosed', 'awaiting_approval', 'repairing');
    this.requireAssignedEngineer(actor);
    if (!this.quotationRequired) throw notAllowed(`no quotation needed: the work is ${this.view.entitlement === 'free' ? 'free of charge (in warranty)' : 'not chargeable'}`);
    if (this.quoting) throw notAllowed('another quotation is being priced right now; try again');
    const earlier = this.pendingQuotation ?? this.approvedQuotation;
    if (earlier && !q.reason?.trim()) throw notAllowed(`a revision of quotation v${earlier.version} needs a reason: what new problem was found (reason)`);
  }
  startPricing(): void { this.quoting = true; }
  get pricing(): boolean { return this.quoting; }
  endPricing(): void { this.quoting = false; }

  applyQuotation(actor: Actor, q: QuotationInput, priced: PricedQuotation): Quotation {
    const list = (this.view.quotations ??= []);
    const superseded = this.pendingQuotation;
    if (superseded) superseded.status = 'superseded';
    const quote: Quotation = {
      version: list.length + 1, lines: priced.lines, currency: priced.currency, totalMinor: priced.totalMinor, coveredMinor: priced.coveredMinor,
      createdAt: this.now().toISOString(), createdBy: actor.id, status: 'awaiting_approval',
      ...(q.reason ? { reason: q.reason } : {}), ...(priced.declineFee ? { declineFee: priced.declineFee } : {}),
    };
    list.push(quote);
    this.view.status = 'awaiting_approval';
    this.record(actor, list.length > 1 ? 'quotation_revised' : 'quotation_issued', {
      version: quote.version, totalMinor: quote.totalMinor, coveredMinor: quote.coveredMinor, currency: quote.currency,
      ...(q.reason ? { reason: q.reason } : {}), ...(superseded ? { supersedes: superseded.version } : {}),
    });
    this.pauseClocks(['resolution'], AWAITING_QUOTE); // R-SLA-5: the customer decides
    const lines = quote.lines.map((l) => `- ${l.description}: ${l.quantity} ${l.unit ?? ''} × ${money(l.unitPriceMinor, quote.currency)} = ${l.covered ? 'covered' : money(l.lineTotalMinor, quote.currency)}`).join('\n');
    this.notify('customer', 'quotation', `Quotation v${quote.version} for ${this.view.requestNo}: ${money(quote.totalMinor, quote.currency)}`,
      `${q.reason ? `New problem found: ${q.reason}\n` : ''}${lines}\nTotal: ${money(quote.totalMinor, quote.currency)}${quote.coveredMinor ? ` (covered: ${money(quote.coveredMinor, quote.currency)})` : ''}.` +
      ` No chargeable work starts before you approve it through your service link.${quote.declineFee ? ` If you decline, a diagnosis fee of ${money(quote.declineFee.lineTotalMinor, quote.currency)} applies.` : ''}`);
    return quote;
  }

  /** The customer through their link, or the engineer recording a signed form (with its reference). */
  private checkDecider(actor: Actor, formReference: string | undefined, what: string): void {
    if (actor.role === 'customer') return;
    if (actor.role === 'engineer') {
      this.requireAssignedEngineer(actor);
      if (what === 'approve' && !formReference?.trim()) throw notAllowed('an engineer records an approval only with the reference of the signed form (formReference)');
      return;
    }
    throw forbidden(`only the customer (signed link) or the assigned engineer (signed form) may ${what} a quotation`);
  }

  private requirePendingVersion(version: number, what: string): Quotation {
    const q = this.view.quotations?.find((x) => x.version === version);
    if (q?.status === 'approved') throw notAllowed(`quotation v${version} was already approved at ${q.decision!.at} by ${q.decision!.signedBy ?? q.decision!.by.id}`);
    const pending = this.pendingQuotation;
    if (!pending) throw notAllowed(`no quotation is awaiting approval (status: ${this.view.status})`);
    if (version !== pending.version) throw notAllowed(`quotation v${version} is ${q ? q.status : 'unknown'}: v${pending.version} is the one to ${what}`);
    return pending;
  }

  private decision(actor: Actor, approved: boolean, totalMinor: number, d: { signedBy?: string; formReference?: string; reason?: string }): QuoteDecision {
    return {
      approved, at: this.now().toISOString(), by: actor, method: actor.role === 'customer' ? 'signed_link' : 'written_form', totalMinor,
      ...(d.signedBy ? { signedBy: d.signedBy } : {}), ...(d.formReference ? { formReference: d.formReference } : {}), ...(d.reason ? { reason: d.reason } : {}),
    };
  }

  checkApproveQuotation(actor: Actor, a: QuoteApproval): void {
    this.checkDecider(actor, a.formReference, 'approve');
    const q = this.requirePendingVersion(a.version, 'approve');
    if (a.totalMinor !== q.totalMinor) {
      throw notAllowed(`the total of quotation v${q.version} is ${q.totalMinor} (${money(q.totalMinor, q.currency)}), not ${a.totalMinor}`);
    }
  }
  applyApproveQuotation(actor: Actor, a: QuoteApproval): void {
    const q = this.pendingQuotation!;
    q.status = 'approved';
    q.decision = this.decision(actor, true, q.totalMinor, a);
    this.view.status = 'repairing';
    this.record(actor, 'quotation_approved', { version: q.version, totalMinor: q.totalMinor, currency: q.currency, method: q.decision.method, signedBy: a.signedBy, ...(a.formReference ? { formReference: a.formReference } : {}) });
    this.resumeClocks(AWAITING_QUOTE);
    this.notify('engineer', 'quotation_approved', `Quotation v${q.version} approved: ${this.view.requestNo}`,
      `${a.signedBy} approved ${money(q.totalMinor, q.currency)}. You may start the work it lists.`, this.view.engineerId);
  }

  checkDeclineQuotation(actor: Actor, d: QuoteDecline): void {
    this.checkDecider(actor, undefined, 'decline');
    this.requirePendingVersion(d.version, 'decline');
  }
  applyDeclineQuotation(actor: Actor, d: QuoteDecline): void {
    const q = this.pendingQuotation!;
    q.status = 'declined';
    q.decision = this.decision(actor, false, q.totalMinor, d);
    this.record(actor, 'quotation_declined', { version: q.version, totalMinor: q.totalMinor, reason: d.reason, method: q.decision.method });
    this.resumeClocks(AWAITING_QUOTE);
    this.quotationLapsed(q, 'declined');
  }

  /** R-QUOTE-3: an unanswered quotation is reminded once… */
  quotationReminder(version: number): void {
    const q = this.pendingQuotation;
    if (!q || q.version !== version || q.remindedAt) return; // once per version, also across continue-as-new
    q.remindedAt = this.now().toISOString();
    this.record(SYSTEM, 'quotation_reminder_sent', { version });
    this.notify('customer', 'quotation_reminder', `Reminder: quotation v${version} for ${this.view.requestNo} awaits your decision`,
      `Please approve or decline quotation v${version} (${money(q.totalMinor, q.currency)}) through your service link; it expires if unanswered.`);
  }

  /** …and finally expires. */
  quotationExpired(version: number): void {
    const q = this.pendingQuotation;
    if (!q || q.version !== version) return;
    q.status = 'expired';
    this.record(SYSTEM, 'quotation_expired', { version });
    this.resumeClocks(AWAITING_QUOTE);
    this.quotationLapsed(q, 'expired');
  }

  /**
   * A revision that lapses leaves the approved scope standing: the repair continues on it. A first
   * quotation that lapses ends the visit: declined → diagnosis fee (if any) and the follow-up;
   * expired → the request closes as expired.
   */
  private quotationLapsed(q: Quotation, how: 'declined' | 'expired'): void {
    const approved = this.approvedQuotation;
    if (approved) {
      this.view.status = 'repairing';
      this.notify('engineer', `quotation_${how}`, `Quotation v${q.version} ${how}: ${this.view.requestNo}`,
        `The revision was ${how}; finish only the work of the approved quotation v${approved.version}.`, this.view.engineerId);
      return;
    }
    const visit = this.endCurrentVisit('ended_without_repair', `quotation ${how}`);
    this.stopClocks(CLOCK_NAMES, 'not_needed'); // the customer chose not to have it repaired
    if (how === 'expired') {
      this.view.closedAs = 'quotation_expired';
      this.record(SYSTEM, 'closing_as_expired', { visitNo: visit?.no });
      this.notify('customer', 'quotation_expired', `Quotation for ${this.view.requestNo} expired`,
        `We did not hear from you about quotation v${q.version}; the request is closed. Call us any time to open a new one.`);
      return;
    }
    this.view.closedAs = 'quotation_declined';
    const fee = q.declineFee;
    if (fee && this.policy.diagnosisFeeOnDecline !== false) {
      this.view.settlement = this.newSettlement([fee], fee.lineTotalMinor, undefined, q.currency);
      this.record(SYSTEM, 'settlement_prepared', { totalMinor: fee.lineTotalMinor, currency: q.currency, lines: ['DIAGNOSIS'] });
    }
    this.view.followUpDueAt = new Date(this.now().getTime() + this.policy.followUpDelayMs).toISOString();
    this.view.status = 'awaiting_follow_up';
    this.notify('customer', 'quotation_declined', `Quotation for ${this.view.requestNo} declined`,
      `We noted your decision. Our engineer ends the visit without repair${fee ? `; a diagnosis fee of ${money(fee.lineTotalMinor, q.currency)} applies` : ''}. We will follow up with you.`);
  }

  private newSettlement(lines: QuoteLine[], approvedTotalMinor: number, version: number | undefined, currency: string): Settlement {
    const totalMinor = lines.reduce((sum, l) => sum + l.lineTotalMinor, 0);
    return {
      lines, currency, totalMinor, approvedTotalMinor, differenceMinor: totalMinor - approvedTotalMinor,
      status: totalMinor === approvedTotalMinor ? 'agreed' : 'difference_pending', ...(version ? { quotationVersion: version } : {}),
      payments: [], paidMinor: 0, settled: totalMinor === 0, workWarrantyDays: this.policy.workWarrantyDays ?? 90,
    };
  }

  /** R-QUOTE-5: the statement prices what was recorded at the approved prices; a difference needs approval. */
  private prepareSettlement(w: WorkRecord): void {
    const approved = this.approvedQuotation!;
    const { lines } = settleAgainst(approved.lines, w.used ?? approved.lines);
    const st = this.newSettlement(lines, approved.totalMinor, approved.version, approved.currency);
    this.view.settlement = st;
    this.record(SYSTEM, 'settlement_prepared', { quotationVersion: approved.version, totalMinor: st.totalMinor, approvedTotalMinor: st.approvedTotalMinor, differenceMinor: st.differenceMinor });
    if (st.status === 'difference_pending') {
      this.notify('customer', 'settlement_difference', `Settlement of ${this.view.requestNo} differs from the approved quotation`,
        `The work as recorded comes to ${money(st.totalMinor, st.currency)}; you approved ${money(st.approvedTotalMinor, st.currency)}. Please approve the difference of ${money(st.differenceMinor, st.currency)} before signing off.`);
    }
  }

  checkApproveSettlement(actor: Actor, a: SettlementApproval): void {
    this.checkDecider(actor, a.formReference, 'approve');
    const st = this.view.settlement;
    if (!st || st.status !== 'difference_pending') throw notAllowed('no settlement difference awaits approval');
    if (a.totalMinor !== st.totalMinor) throw notAllowed(`the settlement total is ${st.totalMinor} (${money(st.totalMinor, st.currency)}), not ${a.totalMinor}`);
  }
  applyApproveSettlement(actor: Actor, a: SettlementApproval): void {
    const st = this.view.settlement!;
    st.differenceApproval = this.decision(actor, true, st.totalMinor, a);
    st.status = 'agreed';
    this.record(actor, 'settlement_difference_approved', { totalMinor: st.totalMinor, differenceMinor: st.differenceMinor, method: st.differenceApproval.method, signedBy: a.signedBy });
  }

  /** R-SETTLE-1: a payment from the billing service; the same transaction id twice is recorded once. */
  applyPayment(p: PaymentInput & { at: string }): void {
    const st = this.view.settlement;
    if (st?.payments.some((x) => x.transactionId === p.transactionId)) return; // a redelivered signal
    if (!st) {
      this.record(SERVICE_BILLING, 'payment_ignored', { transactionId: p.transactionId, reason: 'no settlement to pay yet' });
      return;
    }
    if (p.currency !== st.currency) {
      this.record(SERVICE_BILLING, 'payment_ignored', { transactionId: p.transactionId, reason: `currency ${p.currency}, settlement in ${st.currency}` });
      this.notify('agent', 'payment_problem', `Payment for ${this.view.requestNo} needs attention`, `Payment ${p.transactionId} is in ${p.currency}; the settlement is in ${st.currency}.`);
      return;
    }
    st.payments.push({ transactionId: p.transactionId, amountMinor: p.amountMinor, currency: p.currency, method: p.method, receiptNo: p.receiptNo, at: p.at });
    st.paidMinor += p.amountMinor;
    this.record(SERVICE_BILLING, 'payment_received', { transactionId: p.transactionId, amountMinor: p.amountMinor, method: p.method, receiptNo: p.receiptNo, paidMinor: st.paidMinor });
    if (!st.settled && st.paidMinor >= st.totalMinor) {
      st.settled = true;
      this.record(SERVICE_BILLING, 'settled', { paidMinor: st.paidMinor, totalMinor: st.totalMinor });
      this.notify('customer', 'receipt', `Payment received for ${this.view.requestNo}`,
        `We received ${money(st.paidMinor, st.currency)} (${p.method}, receipt ${p.receiptNo}). Thank you.`);
    }
  }

  checkInvoice(actor: Actor, _i: InvoiceInput): void {
    this.requireRole(actor, 'invoice to a contract account', 'service', 'admin');
    if (this.view.entitlement !== 'contract') throw notAllowed(`only contract work is invoiced to a contract account (entitlement: ${this.view.entitlement})`);
    const st = this.view.settlement;
    if (!st) throw notAllowed('there is no settlement to invoice yet');
    if (st.status !== 'agreed') throw notAllowed('the settlement difference must be approved before invoicing');
    if (st.settled) throw notAllowed(`the settlement is already ${st.invoice ? `invoiced (${st.invoice.invoiceNo})` : 'paid'}`);
  }
  applyInvoice(actor: Actor, i: InvoiceInput): void {
    const st = this.view.settlement!;
    st.invoice = { invoiceNo: i.invoiceNo, account: i.account, at: this.now().toISOString(), by: actor.id };
    st.settled = true;
    this.record(actor, 'invoiced', { invoiceNo: i.invoiceNo, account: i.account, totalMinor: st.totalMinor });
  }

  // R-VISIT-4: a visit can end without finishing the job; the request goes back to scheduling.
  checkEndVisit(actor: Actor, _e: EndVisit): void {
    this.requireFeature('end a visit without completing it');
    this.requireStatus('end a visit', ...(this.features.quotations ? ON_SITE : ['on_site', 'diagnosed'] as RequestStatus[]));
    this.requireAssignedEngineer(actor);
  }
  applyEndVisit(actor: Actor, e: EndVisit): void {
    const visit = this.endCurrentVisit('another_visit_needed', e.reason, e.needs);
    this.view.appointment = undefined;
    this.view.status = 'assigned';
    this.record(actor, 'visit_ended', { visitNo: visit?.no, outcome: 'another_visit_needed', reason: e.reason, needs: e.needs, durationMinutes: visit?.durationMinutes });
    this.notify('customer', 'another_visit_needed', `Another visit is needed for ${this.view.requestNo}`,
      `Our engineer needs to come back (${e.reason}). They will contact you to agree a time for the next visit.`);
  }

  private endCurrentVisit(outcome: NonNullable<Visit['outcome']>, reason?: string, needs?: string[]) {
    const visit = this.view.visits?.at(-1);
    if (!visit || visit.endedAt) return undefined;
    const end = this.now();
    visit.endedAt = end.toISOString();
    visit.durationMinutes = Math.round((end.getTime() - Date.parse(visit.checkedInAt)) / 60_000);
    visit.outcome = outcome;
    if (reason) visit.reason = reason;
    if (needs?.length) visit.needs = needs;
    return visit;
  }

  // R-INTAKE-5: the agent records how the remote guidance went.
  checkRemoteGuidance(actor: Actor, _r: RemoteGuidance): void {
    this.requireRole(actor, 'record remote guidance', 'agent', 'admin');
    this.requireStatus('record remote guidance', 'remote_guidance');
  }
  applyRemoteGuidance(actor: Actor, r: RemoteGuidance): void {
    const at = this.now();
    this.view.remoteGuidance = { solved: r.solved, summary: r.summary, at: at.toISOString(), by: actor.id };
    this.record(actor, r.solved ? 'solved_remotely' : 'remote_guidance_failed', { summary: r.summary });
    this.stopClocks(['acknowledge', 'response']);
    if (!r.solved) {
      this.view.status = 'received'; // the workflow ranks candidates again and dispatch continues
      return;
    }
    this.stopClocks(['dispatch', 'arrival'], 'not_needed');
    this.stopClocks(['resolution']);
    this.view.followUpDueAt = new Date(at.getTime() + this.policy.followUpDelayMs).toISOString();
    this.view.status = 'awaiting_follow_up';
    this.view.closedAs = 'solved_remotely';
    this.notify('customer', 'solved_remotely', `Service ${this.view.requestNo} solved remotely`,
      `Thank you, ${this.view.customerName}. The fault on unit ${this.view.unit?.serialNumber} was solved by remote guidance: ${r.summary}. We will follow up with you.`);
  }

  // R-SLA-3: an agent acknowledges the request or gives the customer a first response.
  checkCustomerContact(actor: Actor, _c: CustomerContact): void {
    this.requireFeature('record a customer contact');
    this.requireRole(actor, 'record a customer contact', 'agent', 'dispatcher', 'admin');
    if (AFTER_VISIT_STATUSES.includes(this.view.status)) throw notAllowed(`request ${this.view.requestNo} is already ${this.view.status}`);
  }
  applyCustomerContact(actor: Actor, c: CustomerContact): void {
    this.record(actor, c.kind === 'acknowledgement' ? 'acknowledged' : 'responded', { summary: c.summary });
    this.stopClocks(c.kind === 'acknowledgement' ? ['acknowledge'] : ['acknowledge', 'response']);
  }

  // R-VISIT-5: the engineer asks the technical department; the request waits for the answer.
  checkAskSupport(actor: Actor, _q: SupportAsk): void {
    this.requireFeature('ask for technical support');
    this.requireStatus('ask for technical support', 'assigned', 'scheduled', ...ON_SITE);
    this.requireAssignedEngineer(actor);
    this.requireNoOpenSupport('ask again');
  }
  applyAskSupport(actor: Actor, q: SupportAsk): void {
    const list = (this.view.support ??= []);
    list.push({ no: list.length + 1, requestedAt: this.now().toISOString(), requestedBy: actor.id, mode: q.mode, question: q.question });
    this.view.waitingOn = 'technical_support';
    this.record(actor, 'support_requested', { no: list.length, mode: q.mode, question: q.question });
    this.notify('technical', 'support_requested', `Technical support needed: ${this.view.requestNo}`,
      `Engineer ${actor.id} asks for ${q.mode === 'on_site' ? 'help on site' : 'remote help'} with unit ${this.view.unit?.model} (${this.view.unit?.serialNumber}) at ${this.view.intake.siteAddress}: ${q.question}`);
  }
  checkAnswerSupport(actor: Actor, _a: SupportAnswer): void {
    this.requireRole(actor, 'answer a support request', 'support', 'admin');
    const open = this.view.support?.find((s) => !s.answeredAt);
    if (!open) throw notAllowed(`request ${this.view.requestNo} has no open support request`);
  }
  applyAnswerSupport(actor: Actor, a: SupportAnswer): void {
    const open = this.view.support!.find((s) => !s.answeredAt)!;
    Object.assign(open, { answeredAt: this.now().toISOString(), answeredBy: actor.id, answer: a.answer, answerMode: a.mode, ...(a.joinOnSiteAt ? { joinOnSiteAt: a.joinOnSiteAt } : {}) });
    if (this.view.waitingOn === 'technical_support') delete this.view.waitingOn;
    this.record(actor, 'support_answered', { no: open.no, mode: a.mode, ...(a.joinOnSiteAt ? { joinOnSiteAt: a.joinOnSiteAt } : {}) });
    this.notify('engineer', 'support_answered', `Technical support answered: ${this.view.requestNo}`,
      a.mode === 'on_site' ? `Technical support will join you on site${a.joinOnSiteAt ? ` at ${a.joinOnSiteAt}` : ''}: ${a.answer}` : `Answer: ${a.answer}`, this.view.engineerId);
  }

  // ---- helpers ------------------------------------------------------------------------------

  private requireFeature(what: string): void {
    if (!this.features.slaClocks) throw notAllowed(`this request was started before it was possible to ${what}`);
  }

  private requireNoOpenSupport(what: string): void {
    const open = this.view.support?.find((s) => !s.answeredAt);
    if (open) throw notAllowed(`cannot ${what} while waiting for technical support (request ${open.no} of ${open.requestedAt})`);
  }

  private requireContext(): IntakeContext {
    if (!this.context) throw notAllowed('the request is still being received');
    return this.context;
  }

  private requireStatus(what: string, ...allowed: RequestStatus[]): void {
    if (!allowed.includes(this.view.status)) {
      const list = allowed.length > 1 ? `${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1)}` : allowed[0];
      throw notAllowed(`request can ${what} only while ${list} (status: ${this.view.status})`);
    }
  }

  private requireRole(actor: Actor, what: string, ...roles: Actor['role'][]): void {
    if (!roles.includes(actor.role)) throw forbidden(`only ${roles.join(' or ')} may ${what}`);
  }

  private requireOfferedEngineer(actor: Actor): void {
    if (actor.role !== 'engineer' || actor.id !== this.view.offer?.engineerId) {
      throw forbidden(`the offer of ${this.view.requestNo} is for another engineer`);
    }
  }

  private requireAssignedEngineer(actor: Actor): void {
    if (actor.role !== 'engineer' || actor.id !== this.view.engineerId) {
      throw forbidden(`request ${this.view.requestNo} is assigned to another engineer`);
    }
  }

  private requireAssignedEngineerOr(actor: Actor, ...roles: Actor['role'][]): void {
    if (roles.includes(actor.role) || actor.role === 'admin') return;
    this.requireAssignedEngineer(actor);
  }

  private candidateName(engineerId: string): string {
    return this.view.candidates.find((c) => c.engineerId === engineerId)?.name ?? engineerId;
  }

  private record(actor: Actor, action: string, detail?: Record<string, unknown>): void {
    this.view.seq += 1;
    const entry: HistoryEntry = { seq: this.view.seq, at: this.now().toISOString(), actor, action };
    if (detail) entry.detail = detail;
    this.view.history.push(entry);
  }

  private notify(to: Notification['to'], template: string, subject: string, body: string, engineerId?: string): void {
    // Keyed by workflow + step + recipient so a retried publish never sends twice (R-INTEGRATE-4).
    const key = `${this.view.workflowId}/${this.view.seq}/${template}/${to}${engineerId ? `:${engineerId}` : ''}`;
    const address = this.addressOf(to, engineerId);
    this.pending.push({ key, to, template, subject, body, ...(engineerId ? { engineerId } : {}), ...(address ? { address } : {}) });
  }

  private addressOf(to: Notification['to'], engineerId?: string): string | undefined {
    const contacts = this.context?.contacts;
    switch (to) {
      case 'customer': return contacts?.customerEmail;
      case 'supervisor': return contacts?.supervisorEmail;
      case 'manager': return contacts?.managerEmail;
      case 'technical': return contacts?.technicalEmail;
      case 'agent': return contacts?.agentQueueEmail;
      case 'engineer': return this.view.candidates.find((c) => c.engineerId === engineerId)?.email;
    }
  }
}

const SYSTEM: Actor = { role: 'service', id: 'workflow' };
const SERVICE_BILLING: Actor = { role: 'service', id: 'billing' };
