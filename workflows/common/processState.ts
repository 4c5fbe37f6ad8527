/**
 * What the state of every process (service request, field trip) shares: the history every change
 * records (R-RECORD-1), the notifications it queues for the publisher, and the guards update
 * validators use. Plain class, no I/O; validators throw NotAllowed (409) or Forbidden (403).
 */
import type { Actor } from '../../shared/common/actor';
import { forbidden, notAllowed } from '../../shared/common/failures';
import type { HistoryEntry, Notification } from '../../shared/common/records';

/** The workflow itself, as the actor of the steps it takes on its own (timers, ranking). */
export const SYSTEM: Actor = { role: 'service', id: 'workflow' };

export interface ProcessView<S extends string> {
  workflowId: string;
  status: S;
  history: HistoryEntry[];
  seq: number;
}

export abstract class ProcessState<S extends string, V extends ProcessView<S>> {
  private pending: Notification[] = [];

  /** While a step done offline is applied: its time on the device, bounded (see `beginStep`). */
  private step?: { at: Date; skew?: number; adjusted: boolean };

  /** `noun` names the process in refusals: "request can … only while …". */
  protected constructor(
    readonly view: V,
    private readonly clock: () => Date,
    private readonly noun: string,
  ) {}

  /** The time of the step being applied: the device's for a step done offline, else the workflow's clock. */
  readonly now = (): Date => this.step?.at ?? this.clock();

  /**
   * A step done offline counts at the device's time (docs/offline.md), bounded by what the server knows:
   * never before the last recorded step (the history stays in order) and never after now.
   */
  beginStep(actor: Actor): void {
    if (!actor.doneAt) return;
    const told = Date.parse(actor.doneAt);
    const last = this.view.history.length ? Date.parse(this.view.history[this.view.history.length - 1].at) : told;
    const at = Math.min(Math.max(told, last), this.clock().getTime());
    this.step = { at: new Date(at), skew: actor.clockSkewMs, adjusted: at !== told };
  }

  endStep(): void {
    this.step = undefined;
  }

  get status(): S {
    return this.view.status;
  }

  /** Notifications queued since the last call, for the publisher. */
  takeNotifications(): Notification[] {
    const out = this.pending;
    this.pending = [];
    return out;
  }

  /** Every change bumps `seq` and records who did what when; the publisher publishes each seq. */
  record(actor: Actor, action: string, detail?: Record<string, unknown>): void {
    this.view.seq += 1;
    const who: Actor = { role: actor.role, id: actor.id };
    const entry: HistoryEntry = { seq: this.view.seq, at: this.now().toISOString(), actor: who, action };
    if (detail) entry.detail = detail;
    if (this.step) {
      entry.recordedAt = this.clock().toISOString();
      if (this.step.skew !== undefined) entry.clockSkewMs = this.step.skew;
      if (this.step.adjusted) entry.clockAdjusted = true;
    }
    this.view.history.push(entry);
  }

  /** Keyed by workflow + step + recipient so a retried publish never sends twice (R-INTEGRATE-4). */
  protected queue(
    to: Notification['to'],
    template: string,
    subject: string,
    body: string,
    engineerId?: string,
    address?: string,
  ): void {
    const key = `${this.view.workflowId}/${this.view.seq}/${template}/${to}${engineerId ? `:${engineerId}` : ''}`;
    this.pending.push({
      key,
      to,
      template,
      subject,
      body,
      ...(engineerId ? { engineerId } : {}),
      ...(address ? { address } : {}),
    });
  }

  requireStatus(what: string, ...allowed: S[]): void {
    if (!allowed.includes(this.view.status)) {
      const list = allowed.length > 1 ? `${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1)}` : allowed[0];
      throw notAllowed(`${this.noun} can ${what} only while ${list} (status: ${this.view.status})`);
    }
  }

  requireRole(actor: Actor, what: string, ...roles: Actor['role'][]): void {
    if (!roles.includes(actor.role)) throw forbidden(`only ${roles.join(' or ')} may ${what}`);
  }
}
