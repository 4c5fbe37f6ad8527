/**
 * The maintenance checklist (R-MAINT-1): the assigned engineer records each item of the plan's
 * checklist on site (done, not applicable, or a defect with a note); the work is recorded only once
 * every item has a result.
 */
import { condition } from '@temporalio/workflow';
import type { Actor } from '../../shared/common/actor';
import { notAllowed } from '../../shared/common/failures';
import type { CheckResult } from '../../shared/maintenance/types';
import { AFTER_VISIT_STATUSES } from '../../shared/serviceRequest/vocabulary';
import { SYSTEM } from '../common/processState';
import { hasRecorded } from './historyWindow';
import { AT_THE_UNIT, type RequestState } from './request';

type Items = { items: { item: string; result: CheckResult; note?: string }[] };

export function checkChecklist(req: RequestState, actor: Actor, { items }: Items): void {
  const list = req.view.maintenance?.checklist;
  if (!list) throw notAllowed('this request has no maintenance checklist');
  req.requireAssignedEngineer(actor);
  req.requireStatus('record the checklist', ...AT_THE_UNIT);
  const unknown = items.filter((i) => !list.some((e) => e.item === i.item)).map((i) => i.item);
  if (unknown.length)
    throw notAllowed(
      `not on this request's checklist: ${unknown.join(', ')}; the items are ${list.map((e) => e.item).join(', ')}`,
    );
  const bare = items.filter((i) => i.result === 'defect' && !i.note?.trim()).map((i) => i.item);
  if (bare.length) throw notAllowed(`a defect needs a note saying what was found: ${bare.join(', ')}`);
}

export function applyChecklist(req: RequestState, actor: Actor, { items }: Items): void {
  const at = req.now().toISOString();
  for (const i of items) {
    const entry = req.view.maintenance!.checklist.find((e) => e.item === i.item)!;
    Object.assign(entry, { result: i.result, at, by: actor.id, ...(i.note ? { note: i.note } : {}) });
  }
  req.record(actor, 'checklist_recorded', { items });
  for (const d of items.filter((i) => i.result === 'defect'))
    req.record(actor, 'defect_found', { item: d.item, note: d.note });
}

/** Items still without a result: the work waits for them. */
export const pendingChecks = (req: RequestState): string[] =>
  (req.view.maintenance?.checklist ?? []).filter((e) => !e.result).map((e) => e.item);

/**
 * R-MAINT-1: maintenance not done by its due date is escalated to the supervisor, once (also across
 * continue-as-new), like the other clocks. Only requests opened by a plan run this timer.
 */
export async function escalateOverdueMaintenance(req: RequestState): Promise<void> {
  const { dueDate } = req.view.maintenance!;
  const done = () => req.status === 'work_done' || AFTER_VISIT_STATUSES.includes(req.status);
  const escalated = () => hasRecorded(req, 'maintenance_overdue');
  const ms = Date.parse(`${dueDate}T23:59:59Z`) - Date.now();
  if (ms > 0 && (await condition(done, ms, { summary: `maintenance due ${dueDate}` }))) return;
  if (done() || escalated()) return;
  req.record(SYSTEM, 'maintenance_overdue', { dueDate, status: req.status });
  req.notify(
    'supervisor',
    'maintenance_overdue',
    `Maintenance ${req.view.requestNo} is overdue`,
    `The maintenance of unit ${req.view.intake.serialNumber} (plan ${req.view.maintenance!.planId}) was due ${dueDate} and is still ${req.status}.`,
  );
}
