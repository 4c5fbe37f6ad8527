/**
 * The state of one improvement action and its steps (R-FOLLOW-2): open → in progress → done → verified
 * (adopted), or rejected with a reason. Its owner carries it out; quality staff or an admin verify it,
 * never the owner of their own action. Plain class, no I/O.
 */
import type { Actor } from '../../shared/common/actor';
import { forbidden, notAllowed } from '../../shared/common/failures';
import {
  CLOSED_IMPROVEMENT,
  type ImprovementStatus,
  type ImprovementView,
  type StartImprovement,
} from '../../shared/improvement/types';
import { ProcessState } from '../common/processState';

const VERIFIERS: Actor['role'][] = ['quality', 'admin'];

export class ImprovementState extends ProcessState<ImprovementStatus, ImprovementView> {
  constructor(
    readonly start: StartImprovement,
    workflowId: string,
    now: () => Date,
    restore?: ImprovementView,
  ) {
    super(restore ?? ImprovementState.opened(start, workflowId, now), now, 'improvement action');
    if (restore) return;
    const { source, sourceRef, owner, dueAt } = start;
    this.record(start.openedBy, 'opened', { source, ...(sourceRef ? { sourceRef } : {}), owner: owner.id, dueAt });
    this.tell('owner', 'improvement_opened', `Improvement action ${start.actionId}: ${start.title}`, [
      `You own this improvement action, due ${dueAt.slice(0, 10)}.`,
      start.description,
    ]);
  }

  private static opened(s: StartImprovement, workflowId: string, now: () => Date): ImprovementView {
    const { actionId, source, sourceRef, title, description, owner, dueAt, openedBy } = s;
    return {
      actionId,
      workflowId,
      source,
      ...(sourceRef ? { sourceRef } : {}),
      title,
      description,
      owner,
      dueAt,
      openedAt: now().toISOString(),
      openedBy,
      status: 'open',
      notes: [],
      history: [],
      seq: 0,
    };
  }

  get closed(): boolean {
    return CLOSED_IMPROVEMENT.includes(this.view.status);
  }
  get workLeft(): boolean {
    return this.view.status === 'open' || this.view.status === 'in_progress';
  }

  /** Owner or manager-level staff: the owner carries it out; quality and admin may step in. */
  requireOwner(actor: Actor, what: string): void {
    if (actor.id !== this.view.owner.id && !VERIFIERS.includes(actor.role))
      throw forbidden(`only the owner (${this.view.owner.id}), quality staff or an admin may ${what}`);
  }
  requireVerifier(actor: Actor, what: string): void {
    this.requireRole(actor, what, ...VERIFIERS);
    if (actor.id === this.view.owner.id) throw forbidden(`the owner may not ${what} their own action`);
  }
  requireOpen(what: string): void {
    if (this.closed) throw notAllowed(`the improvement action is already ${this.view.status}: cannot ${what}`);
  }

  tell(to: 'owner' | 'manager', template: string, subject: string, lines: string[]): void {
    const address = to === 'owner' ? this.view.owner.email : this.start.managerEmail;
    this.queue(to === 'owner' ? 'supervisor' : 'manager', template, subject, lines.join('\n'), undefined, address);
  }

  answer() {
    return { actionId: this.view.actionId, status: this.view.status, seq: this.view.seq };
  }
}
