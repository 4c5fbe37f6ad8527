/**
 * The maintenance checklist (R-MAINT-1): the assigned engineer records each item of the plan's
 * checklist on site (done, not applicable, or a defect with a note); the work is recorded only once
 * every item has a result.
 */
import type { Actor } from '../../shared/common/actor';
import { notAllowed } from '../../shared/common/failures';
import type { CheckResult } from '../../shared/maintenance/types';
import { ON_SITE, type RequestState } from './request';

type Items = { items: { item: string; result: CheckResult; note?: string }[] };

export function checkChecklist(req: RequestState, actor: Actor, { items }: Items): void {
  const list = req.view.maintenance?.checklist;
  if (!list) throw notAllowed('this request has no maintenance checklist');
  req.requireAssignedEngineer(actor);
  req.requireStatus('record the checklist', ...ON_SITE);
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
