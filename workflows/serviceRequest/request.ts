/**
 * The state of one service request: its view (what callers read), the master data it started with,
 * and the guards every step uses. Plain class, no I/O. The steps themselves live in one module each
 * (dispatch, appointment, visit, support, quotation, settlement, closure), as functions of this state.
 */
import type { Actor } from '../../shared/common/actor';
import { forbidden, notAllowed, tryAgain } from '../../shared/common/failures';
import type { Notification } from '../../shared/common/records';
import type { MaintenanceOrder } from '../../shared/maintenance/types';
import type { Quotation } from '../../shared/quotation/types';
import type { IntakeInput } from '../../shared/serviceRequest/schemas';
import type {
  IntakeContext,
  RecurrenceOf,
  ServiceRequestView,
  StepAnswer,
  Visit,
} from '../../shared/serviceRequest/types';
import type { RequestStatus } from '../../shared/serviceRequest/vocabulary';
import * as sla from '../../shared/sla/clocks';
import type { SlaClock } from '../../shared/sla/types';
import { ProcessState } from '../common/processState';
import { requireRoom } from './limits';
import { customerText, type CustomerParams, type CustomerTemplate } from '../../shared/notifications/customerMessages';

/** On site, working on the fault: a visit can end, a reassignment interrupts it. */
export const ON_SITE: RequestStatus[] = ['on_site', 'diagnosed', 'awaiting_approval', 'repairing'];
/** At the unit: on site, or (a carry-in repair, R-TRIAGE-2) with the unit received at the service point. */
export const AT_THE_UNIT: RequestStatus[] = [...ON_SITE, 'unit_received'];

export interface RequestStart {
  requestNo: string;
  workflowId: string;
  intake: IntakeInput;
  receivedBy: Actor;
  recurrenceOf?: RecurrenceOf;
  maintenance?: MaintenanceOrder;
}

export class RequestState extends ProcessState<RequestStatus, ServiceRequestView> {
  /** Customer, unit, contract, policies and contacts, read once at intake (absent until then). */
  context?: IntakeContext;
  /** Bumped whenever a clock is paused, resumed or stopped: the clock timer re-plans on it. */
  clockRevision = 0;
  /** True while a submitted quotation is being priced (the handler awaits the price list). */
  quoting = false;
  /** True once the request is moving to a new run (continue-as-new): updates wait for the new run. */
  moving = false;

  constructor(start: RequestStart, now: () => Date, restore?: { view: ServiceRequestView; context: IntakeContext }) {
    // Continued as new: the state carries over as it was.
    super(restore?.view ?? RequestState.received(start, now), now, 'request');
    if (restore) {
      this.context = restore.context;
      return;
    }
    const { intake } = start;
    this.record(start.receivedBy, 'received', {
      channel: intake.channel,
      kind: intake.kind,
      urgency: intake.urgency,
      ...(start.recurrenceOf ? { recurrenceOf: start.recurrenceOf.requestNo } : {}),
      ...(start.maintenance ? { planId: start.maintenance.planId, dueDate: start.maintenance.dueDate } : {}),
    });
  }

  private static received(s: RequestStart, now: () => Date): ServiceRequestView {
    const { requestNo, workflowId, intake, receivedBy, recurrenceOf, maintenance } = s;
    return {
      ...(recurrenceOf ? { recurrenceOf } : {}),
      ...(maintenance ? { maintenance } : {}),
      requestNo,
      workflowId,
      intake,
      receivedBy,
      status: 'received',
      receivedAt: now().toISOString(),
      candidates: [],
      history: [],
      seq: 0,
    };
  }

  get policy() {
    return this.requireContext().policy;
  }
  get contacts() {
    return this.requireContext().contacts;
  }
  get contract() {
    return this.context?.contract;
  }

  /** What a continued run needs to carry on (continue-as-new). */
  snapshot(): { view: ServiceRequestView; context: IntakeContext } {
    return { view: this.view, context: this.requireContext() };
  }

  /** How long an engineer has to accept an offer (the SLA policy's offer acceptance time). */
  get offerTimeoutMs(): number | undefined {
    return this.context?.sla?.offerAcceptanceMs;
  }

  get clocks(): SlaClock[] {
    return this.view.clocks ?? [];
  }
  get clocksDone(): boolean {
    return this.clocks.every((c) => !sla.isRunning(c));
  }

  /** Chargeable work needs a quotation: paid, or a contract that may not cover everything. */
  get quotationRequired(): boolean {
    const { entitlement } = this.view;
    return entitlement === 'paid' || entitlement === 'contract';
  }
  get pendingQuotation(): Quotation | undefined {
    return this.view.quotations?.find((q) => q.status === 'awaiting_approval');
  }
  get approvedQuotation(): Quotation | undefined {
    return this.view.quotations?.filter((q) => q.status === 'approved').at(-1);
  }

  /** Ends the visit in progress, if any, with its outcome and duration (R-VISIT-4). */
  endCurrentVisit(outcome: NonNullable<Visit['outcome']>, reason?: string, needs?: string[]) {
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

  // ---- guards for update validators ---------------------------------------------------------

  requireNoOpenSupport(what: string): void {
    const open = this.view.support?.find((s) => !s.answeredAt);
    if (open) {
      throw notAllowed(
        `cannot ${what} while waiting for technical support (request ${open.no} of ${open.requestedAt})`,
      );
    }
  }

  requireContext(): IntakeContext {
    if (!this.context) throw notAllowed('the request is still being received');
    return this.context;
  }

  /**
   * An engineer may act only on a request that is, or was, offered or assigned to them: anyone else gets
   * 403 before anything about its state is said.
   */
  requireInvolved(actor: Actor): void {
    if (actor.role !== 'engineer') return;
    const { engineerId, offer, history } = this.view;
    if (actor.id === engineerId || actor.id === offer?.engineerId) return;
    if (history.some((e) => e.detail?.engineerId === actor.id)) return; // offered or assigned earlier
    if (this.view.earlierHistory?.engineers.includes(actor.id)) return; // ... among the entries moved out
    throw forbidden(`request ${this.view.requestNo} is for another engineer (never offered or assigned to you)`);
  }

  requireOfferedEngineer(actor: Actor): void {
    if (actor.role !== 'engineer' || actor.id !== this.view.offer?.engineerId) {
      throw forbidden(`the offer of ${this.view.requestNo} is for another engineer`);
    }
  }

  requireAssignedEngineer(actor: Actor): void {
    if (actor.role !== 'engineer' || actor.id !== this.view.engineerId) {
      throw forbidden(`request ${this.view.requestNo} is assigned to another engineer`);
    }
  }

  requireAssignedEngineerOr(actor: Actor, ...roles: Actor['role'][]): void {
    if (roles.includes(actor.role) || actor.role === 'admin') return;
    this.requireAssignedEngineer(actor);
  }

  // ---- notifications ------------------------------------------------------------------------

  candidateName(engineerId: string): string {
    return this.view.candidates.find((c) => c.engineerId === engineerId)?.name ?? engineerId;
  }

  /** Queues a message to a role, addressed from the contacts read at intake. */
  /** A message to the customer from the catalogue, in their language (shared/notifications/customerMessages.ts). */
  tellCustomer<T extends CustomerTemplate>(template: T, params: CustomerParams<T>): void {
    const [subject, body] = customerText(template, params, this.context?.language);
    this.notify('customer', template, subject, body);
  }

  notify(to: Notification['to'], template: string, subject: string, body: string, engineerId?: string): void {
    this.queue(to, template, subject, body, engineerId, this.addressOf(to, engineerId));
  }

  private addressOf(to: Notification['to'], engineerId?: string): string | undefined {
    const contacts = this.context?.contacts;
    switch (to) {
      case 'customer':
        return contacts?.customerEmail;
      case 'supervisor':
        return contacts?.supervisorEmail;
      case 'manager':
        return contacts?.managerEmail;
      case 'technical':
        return contacts?.technicalEmail;
      case 'agent':
        return contacts?.agentQueueEmail;
      case 'engineer':
        return this.view.candidates.find((c) => c.engineerId === engineerId)?.email;
    }
  }
}

/** Every update's validator starts here: not while moving to a new run; an uninvolved engineer gets 403. */
export function admit(req: RequestState, actor: Actor): void {
  if (req.moving) throw tryAgain(`request ${req.view.requestNo} is moving to a new run; retry in a moment`);
  req.requireInvolved(actor);
  requireRoom(req.view.requestNo, 'steps', req.view.seq);
}

/**
 * An update's answer: the status and the history entries the step recorded. Small on purpose: every
 * answer is stored in the workflow's history, so it must not grow with the request.
 */
export function answered(req: RequestState, actor: Actor, step: () => void): StepAnswer {
  const from = req.view.seq;
  req.beginStep(actor);
  try {
    step();
  } finally {
    req.endStep();
  }
  return answerSince(req, from);
}

export function answerSince(req: RequestState, from: number): StepAnswer {
  const { requestNo, status, seq, history } = req.view;
  return { requestNo, status, seq, recorded: history.filter((e) => e.seq > from) };
}
