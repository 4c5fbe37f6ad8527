/**
 * The state of one complaint (R-FOLLOW-4): its view, the context it read at intake, and the guards its
 * steps use. Plain class, no I/O.
 */
import type { Actor } from '../../shared/common/actor';
import { forbidden } from '../../shared/common/failures';
import type { ComplaintContext, ComplaintIntake, ComplaintStatus, ComplaintView } from '../../shared/complaint/types';
import * as sla from '../../shared/sla/clocks';
import { ProcessState } from '../common/processState';
import { customerText, type CustomerParams, type CustomerTemplate } from '../../shared/notifications/customerMessages';

/** Staff who handle complaints: agents take and answer them, quality staff and dispatchers investigate. */
export const HANDLERS: Actor['role'][] = ['agent', 'dispatcher', 'quality', 'admin'];

export interface StartComplaint {
  complaintNo: string;
  intake: ComplaintIntake;
  receivedBy: Actor;
  receivedAt?: string;
}

export class ComplaintState extends ProcessState<ComplaintStatus, ComplaintView> {
  context?: ComplaintContext;
  /** Bumped whenever a clock stops: the clock timer re-plans on it. */
  clockRevision = 0;

  constructor(start: StartComplaint, workflowId: string, now: () => Date) {
    super(
      {
        complaintNo: start.complaintNo,
        workflowId,
        intake: start.intake,
        receivedBy: start.receivedBy,
        receivedAt: start.receivedAt ?? now().toISOString(),
        status: 'received',
        clocks: [],
        proposals: [],
        revisits: [],
        history: [],
        seq: 0,
      },
      now,
      'complaint',
    );
    const { category, channel, relatedRequestNos } = start.intake;
    this.record(start.receivedBy, 'received', { category, channel, relatedRequestNos });
  }

  get clocksDone(): boolean {
    return this.view.clocks.every((c) => !sla.isRunning(c));
  }
  get currentProposal() {
    return this.view.proposals.at(-1);
  }
  get open(): boolean {
    return !['closed', 'follow_up_due', 'followed_up', 'withdrawn'].includes(this.view.status);
  }

  requireHandler(actor: Actor, what: string): void {
    this.requireRole(actor, what, ...HANDLERS);
  }
  /** The customer of this complaint (their link) or staff speaking for them. */
  requireCustomerOrAgent(actor: Actor, what: string): void {
    if (actor.role === 'customer' && actor.id !== this.view.intake.customerId)
      throw forbidden('this link is for another customer');
    if (actor.role !== 'customer') this.requireRole(actor, what, 'customer', 'agent', 'admin');
  }

  /** A message to the customer from the catalogue, in their language (shared/notifications/customerMessages.ts). */
  tellCustomer<T extends CustomerTemplate>(template: T, params: CustomerParams<T>): void {
    const [subject, body] = customerText(template, params, this.context?.language);
    this.tell('customer', template, subject, body);
  }

  /** Notifications with the addresses the complaint read at intake. */
  tell(to: 'customer' | 'agent' | 'supervisor' | 'manager', template: string, subject: string, body: string): void {
    const c = this.context?.contacts ?? {};
    const address = {
      customer: c.customerEmail,
      agent: c.agentQueueEmail,
      supervisor: c.supervisorEmail,
      manager: c.managerEmail,
    }[to];
    this.queue(to, template, subject, body, undefined, address);
  }

  answer(extra: { requestNo?: string } = {}) {
    return { complaintNo: this.view.complaintNo, status: this.view.status, seq: this.view.seq, ...extra };
  }
}
