/**
 * The state of one service request and the rules for moving it on.
 * Plain class, no I/O: update validators call `check*` (synchronous, throw ApplicationFailure),
 * handlers call the matching `apply*`. Every change records who/what/when (R-RECORD-1) and queues
 * the notifications it causes; the workflow's publisher flushes them.
 */
import { ApplicationFailure } from '@temporalio/common';
import type {
  Actor, Appointment, Diagnosis, EngineerCandidate, FollowUp, HistoryEntry, IntakeContext, IntakeInput,
  Notification, RequestStatus, ServiceRequestView, SignOff, WorkRecord,
} from '../shared/domain';
import { FAILURE_FORBIDDEN, FAILURE_NOT_ALLOWED } from '../shared/messages';
import { calendarDay, decideEntitlement } from '../shared/rules/entitlement';

const notAllowed = (msg: string) => ApplicationFailure.create({ type: FAILURE_NOT_ALLOWED, message: msg, nonRetryable: true });
const forbidden = (msg: string) => ApplicationFailure.create({ type: FAILURE_FORBIDDEN, message: msg, nonRetryable: true });

/** Work can no longer be cancelled once the engineer is on site (DESIGN: "until work starts"). */
const CANCELLABLE: RequestStatus[] = ['received', 'offered', 'awaiting_assignment', 'assigned', 'scheduled'];

export class ServiceRequestState {
  readonly view: ServiceRequestView;
  private context?: IntakeContext;
  private pending: Notification[] = [];

  constructor(requestNo: string, workflowId: string, intake: IntakeInput, receivedBy: Actor, private readonly now: () => Date) {
    this.view = {
      requestNo, workflowId, intake, receivedBy, status: 'received', receivedAt: now().toISOString(),
      candidates: [], history: [], seq: 0,
    };
    this.record(receivedBy, 'received', { channel: intake.channel, kind: intake.kind, urgency: intake.urgency });
  }

  get status(): RequestStatus { return this.view.status; }
  get policy() { return this.requireContext().policy; }
  get contacts() { return this.requireContext().contacts; }

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
    this.view.offer = { engineerId: candidate.engineerId, offeredAt: this.now().toISOString(), candidateIndex: next };
    this.view.status = 'offered';
    this.record(SYSTEM, 'offered', { engineerId: candidate.engineerId });
    this.notify('engineer', 'offer', `New job offer ${this.view.requestNo}`,
      `Request ${this.view.requestNo} at ${this.view.intake.siteAddress}: ${this.view.intake.fault.symptoms}. Please accept or decline.`, candidate.engineerId);
    return true;
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
    this.requireStatus('be assigned by a dispatcher', 'awaiting_assignment', 'offered');
    if (engineerId === this.view.engineerId) throw notAllowed(`engineer ${engineerId} is already assigned`);
  }
  applyAssign(actor: Actor, engineerId: string, reason: string): void {
    this.view.offer = undefined;
    this.view.engineerId = engineerId;
    this.view.status = 'assigned';
    this.record(actor, 'assigned', { engineerId, reason });
    this.notify('engineer', 'assigned', `Request ${this.view.requestNo} assigned to you`,
      `You were assigned request ${this.view.requestNo} at ${this.view.intake.siteAddress} (${reason}).`, engineerId);
    this.notify('customer', 'engineer_assigned', `Engineer assigned to ${this.view.requestNo}`,
      'An engineer will contact you to agree a visit time.');
  }

  checkAppointment(actor: Actor, a: Appointment): void {
    this.requireStatus('agree an appointment', 'assigned', 'scheduled');
    this.requireAssignedEngineerOr(actor, 'dispatcher', 'admin');
    if (!a.customerConsent) throw notAllowed('an appointment needs the customer\'s consent (customerConsent: true)');
    if (this.view.entitlement !== 'free' && !a.chargingPolicyExplained) {
      throw notAllowed(`outside warranty (${this.view.entitlement}) the charging policy must be explained first (chargingPolicyExplained: true)`);
    }
    if (Date.parse(a.windowEnd) <= Date.parse(a.windowStart)) throw notAllowed('windowEnd must be after windowStart');
  }
  applyAppointment(actor: Actor, a: Appointment): void {
    const rescheduled = this.view.status === 'scheduled';
    this.view.appointment = a;
    this.view.status = 'scheduled';
    this.record(actor, rescheduled ? 'appointment_changed' : 'appointment_agreed', { ...a });
    this.notify('customer', 'appointment', `Visit ${rescheduled ? 'rescheduled' : 'scheduled'} for ${this.view.requestNo}`,
      `Visit window ${a.windowStart} – ${a.windowEnd}, expected duration about ${a.estimatedDurationMinutes} minutes.`);
    if (actor.id !== this.view.engineerId) { // set by a dispatcher: the engineer must hear of it
      this.notify('engineer', 'appointment', `Visit ${rescheduled ? 'rescheduled' : 'scheduled'} for ${this.view.requestNo}`,
        `Visit window ${a.windowStart} – ${a.windowEnd} at ${this.view.intake.siteAddress}. Bring: ${a.toolsAndParts.join(', ') || 'standard kit'}.`, this.view.engineerId);
    }
  }

  checkCheckIn(actor: Actor, identityShown: boolean): void {
    this.requireStatus('check in on site', 'scheduled');
    this.requireAssignedEngineer(actor);
    if (!identityShown) throw notAllowed('check-in requires showing identity to the customer (identityShown: true)');
  }
  applyCheckIn(actor: Actor): void {
    this.view.checkedInAt = this.now().toISOString();
    this.view.status = 'on_site';
    this.record(actor, 'checked_in', { identityShown: true });
  }

  checkDiagnosis(actor: Actor, d: Diagnosis): void {
    this.requireStatus('record a diagnosis', 'on_site', 'diagnosed');
    this.requireAssignedEngineer(actor);
    if (!d.faultConfirmedWithCustomer) throw notAllowed('the fault must be confirmed with the customer before diagnosis is recorded');
  }
  applyDiagnosis(actor: Actor, d: Diagnosis): void {
    this.view.diagnosis = d;
    this.view.status = 'diagnosed';
    this.record(actor, 'diagnosed', { ...d });
  }

  checkWork(actor: Actor, w: WorkRecord): void {
    this.requireStatus('record work', 'diagnosed');
    this.requireAssignedEngineer(actor);
    if (this.view.entitlement === 'paid') {
      // No chargeable work before an approved quotation (R-QUOTE-2); quotations are not built yet.
      throw notAllowed('chargeable work needs an approved quotation first (entitlement: paid)');
    }
    if (!w.functionalTestPassed) throw notAllowed('work can be completed only after a passed functional test (functionalTestPassed: true)');
  }
  applyWork(actor: Actor, w: WorkRecord): void {
    this.view.work = w;
    this.view.status = 'work_done';
    this.record(actor, 'work_recorded', { ...w });
  }

  checkSignOff(actor: Actor): void {
    this.requireStatus('be signed off', 'work_done');
    this.requireAssignedEngineerOr(actor, 'customer');
  }
  applySignOff(actor: Actor, s: SignOff): void {
    const at = this.now();
    this.view.signOff = { ...s, at: at.toISOString() };
    this.view.followUpDueAt = new Date(at.getTime() + this.policy.followUpDelayMs).toISOString();
    this.view.status = 'awaiting_follow_up';
    this.record(actor, 'signed_off', { ...s, followUpDueAt: this.view.followUpDueAt });
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
    this.view.offer = undefined;
    this.record(actor, 'cancelled', { reason });
    if (engineerId) {
      this.notify('engineer', 'cancelled', `Request ${this.view.requestNo} cancelled`, `No visit is needed any more: ${reason}.`, engineerId);
    }
    this.notify('customer', 'cancelled', `Request ${this.view.requestNo} cancelled`, `Your request was cancelled: ${reason}.`);
  }

  // ---- helpers ------------------------------------------------------------------------------

  private requireContext(): IntakeContext {
    if (!this.context) throw notAllowed('the request is still being received');
    return this.context;
  }

  private requireStatus(what: string, ...allowed: RequestStatus[]): void {
    if (!allowed.includes(this.view.status)) {
      throw notAllowed(`request can ${what} only while ${allowed.join(' or ')} (status: ${this.view.status})`);
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
      case 'agent': return contacts?.agentQueueEmail;
      case 'engineer': return this.view.candidates.find((c) => c.engineerId === engineerId)?.email;
    }
  }
}

const SYSTEM: Actor = { role: 'service', id: 'workflow' };
