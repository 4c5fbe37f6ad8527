/** Each step of an improvement action: a validator (check…) and what it records (apply…). */
import type { Actor } from '../../shared/common/actor';
import { notAllowed } from '../../shared/common/failures';
import { SYSTEM } from '../common/processState';
import type { ImprovementState } from './state';

export function checkStart(s: ImprovementState, actor: Actor): void {
  s.requireOwner(actor, 'start work on it');
  s.requireStatus('start', 'open');
}
export function applyStart(s: ImprovementState, actor: Actor, note?: string): void {
  s.view.status = 'in_progress';
  s.record(actor, 'started', note ? { note } : undefined);
}

export function checkNote(s: ImprovementState, actor: Actor): void {
  s.requireOwner(actor, 'add a note');
  s.requireOpen('add a note');
}
export function applyNote(s: ImprovementState, actor: Actor, note: string): void {
  s.view.notes.push({ at: s.now().toISOString(), by: actor.id, note });
  s.record(actor, 'note_added', { note });
}

export function checkDone(s: ImprovementState, actor: Actor): void {
  s.requireOwner(actor, 'mark it done');
  s.requireStatus('be marked done', 'open', 'in_progress');
}
export function applyDone(s: ImprovementState, actor: Actor, outcome: string): void {
  s.view.status = 'done';
  s.view.outcome = outcome;
  s.record(actor, 'done', { outcome });
}

export function checkVerify(s: ImprovementState, actor: Actor): void {
  s.requireVerifier(actor, 'verify');
  s.requireStatus('be verified', 'done');
}
export function applyVerify(s: ImprovementState, actor: Actor, note?: string): void {
  s.view.status = 'verified';
  s.view.closedAt = s.now().toISOString();
  s.record(actor, 'verified', { adopted: true, ...(note ? { note } : {}) });
}

export function checkReject(s: ImprovementState, actor: Actor): void {
  s.requireVerifier(actor, 'reject');
  s.requireOpen('reject it');
}
export function applyReject(s: ImprovementState, actor: Actor, reason: string): void {
  s.view.status = 'rejected';
  s.view.rejectedReason = reason;
  s.view.closedAt = s.now().toISOString();
  s.record(actor, 'rejected', { reason });
}

export function checkReassign(s: ImprovementState, actor: Actor, ownerId: string): void {
  s.requireRole(actor, 'reassign it', 'quality', 'dispatcher', 'admin');
  s.requireOpen('reassign it');
  if (ownerId === s.view.owner.id) throw notAllowed(`${ownerId} already owns it`);
}
export function applyReassign(
  s: ImprovementState,
  actor: Actor,
  r: { ownerId: string; ownerEmail?: string; reason: string },
) {
  const from = s.view.owner.id;
  s.view.owner = { id: r.ownerId, ...(r.ownerEmail ? { email: r.ownerEmail } : {}) };
  s.record(actor, 'reassigned', { from, to: r.ownerId, reason: r.reason });
  s.tell('owner', 'improvement_opened', `Improvement action ${s.view.actionId} is now yours: ${s.view.title}`, [
    `Reassigned to you (${r.reason}); due ${s.view.dueAt.slice(0, 10)}.`,
    s.view.description,
  ]);
}

/** Before the due date: the owner is reminded once, if work is left. */
export function remind(s: ImprovementState): void {
  s.view.remindedAt = s.now().toISOString();
  s.record(SYSTEM, 'reminded', { dueAt: s.view.dueAt });
  s.tell('owner', 'improvement_reminder', `Improvement action ${s.view.actionId} is due ${s.view.dueAt.slice(0, 10)}`, [
    `"${s.view.title}" is still ${s.view.status.replace('_', ' ')}.`,
  ]);
}

/** Past the due date with work left: escalated to the manager (R-FOLLOW-2). */
export function escalateOverdue(s: ImprovementState): void {
  s.view.escalatedAt = s.now().toISOString();
  s.record(SYSTEM, 'overdue_escalated', { dueAt: s.view.dueAt, owner: s.view.owner.id });
  s.tell('manager', 'improvement_overdue', `Improvement action ${s.view.actionId} is overdue`, [
    `"${s.view.title}", owned by ${s.view.owner.id}, was due ${s.view.dueAt.slice(0, 10)} and is still ${s.view.status.replace('_', ' ')}.`,
  ]);
}
