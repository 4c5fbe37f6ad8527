/**
 * The end of a trip (R-PARTS-2, R-PARTS-5): every unit carried is reconciled as consumed, returned or
 * faulty; what is missing keeps the trip open until a supervisor writes it off; a trip not yet departed
 * can be cancelled. Plain class, no I/O.
 */
import type { Actor } from '../../shared/common/actor';
import { notAllowed } from '../../shared/common/failures';
import type { TripEnd, WriteOff } from '../../shared/fieldTrip/schemas';
import { SYSTEM } from '../common/processState';
import { BEFORE_DEPARTURE, TripState } from './state';

export type { StartFieldTrip } from './state';

export class FieldTripState extends TripState {
  // ---- trip end and reconciliation (R-PARTS-2, R-PARTS-5) ------------------------------------

  checkEnd(actor: Actor, e: TripEnd): void {
    this.requireEngineer(actor);
    this.requireStatus('end', 'on_trip');
    const sum = (list: { partNo: string; quantity: number }[], partNo: string) =>
      list.filter((x) => x.partNo === partNo).reduce((s, x) => s + x.quantity, 0);
    for (const partNo of new Set([...e.returned, ...e.faulty].map((x) => x.partNo))) {
      const p = this.part(partNo);
      const out = p ? this.outstanding(p) : 0;
      const back = sum(e.returned, partNo) + sum(e.faulty, partNo);
      if (back > out) throw notAllowed(`${back} × ${partNo} reported back, but only ${out} were out on the trip`);
    }
    for (const f of e.faulty)
      if (!this.view.requests.includes(f.requestNo))
        throw notAllowed(`faulty ${f.partNo}: request ${f.requestNo} is not on this trip`);
    const expected = this.view.consumptions.filter((c) => c.oldPart === 'returned');
    const missingOld = expected.filter(
      (c) =>
        e.oldParts.filter((o) => o.requestNo === c.requestNo && o.partNo === c.partNo).length <
        expected.filter((x) => x.requestNo === c.requestNo && x.partNo === c.partNo).length,
    );
    if (missingOld.length) {
      throw notAllowed(
        `old parts to bring back for inspection are missing: ${[...new Set(missingOld.map((c) => `${c.partNo} of ${c.requestNo}`))].join(', ')}`,
      );
    }
  }
  applyEnd(actor: Actor, e: TripEnd): void {
    this.view.returns = { at: this.now().toISOString(), returned: e.returned, faulty: e.faulty, oldParts: e.oldParts };
    this.view.status = 'reconciling';
    this.record(actor, 'trip_ended', { returned: e.returned, faulty: e.faulty, oldParts: e.oldParts });
  }
  returnedToStock(partNo: string, quantity: number): void {
    this.part(partNo)!.returned += quantity;
  }
  returnedFaulty(partNo: string, quantity: number): void {
    this.part(partNo)!.faulty += quantity;
  }
  inspectionsOpened(ids: string[]): void {
    this.view.inspections.push(...ids);
    if (ids.length) this.record(SYSTEM, 'quality_inspections_opened', { ids });
  }

  /** Every unit carried is consumed, back in stock, back faulty or written off; what is not keeps the trip open. */
  reconcile(): void {
    this.view.missing = this.view.parts
      .filter((p) => this.outstanding(p) > 0)
      .map((p) => ({ partNo: p.partNo, quantity: this.outstanding(p) }));
    if (this.view.missing.length === 0) {
      this.view.status = 'closed';
      this.record(SYSTEM, 'reconciled', { parts: this.view.parts });
      return;
    }
    this.record(SYSTEM, 'parts_missing', { missing: this.view.missing });
    this.notify(
      'supervisor',
      'parts_missing',
      `Parts missing after trip ${this.view.tripId}`,
      `Not accounted for: ${this.view.missing.map((m) => `${m.quantity} × ${m.partNo}`).join(', ')}. The trip stays open until they are returned or written off with a reason.`,
    );
  }

  returnOverdue(): void {
    this.record(SYSTEM, 'return_overdue', { status: this.view.status, missing: this.view.missing });
    this.notify(
      'supervisor',
      'return_overdue',
      `Parts of trip ${this.view.tripId} are overdue`,
      `Trip ${this.view.tripId} of ${this.view.engineerId} was due back by ${this.view.plannedEnd} plus the return grace; status ${this.view.status}.`,
    );
    this.notify(
      'manager',
      'return_overdue',
      `Parts of trip ${this.view.tripId} are overdue`,
      `Escalated: the parts of trip ${this.view.tripId} have not been reconciled.`,
    );
  }

  checkWriteOff(actor: Actor, w: WriteOff): void {
    this.requireRole(actor, 'write off parts', 'dispatcher', 'admin');
    this.requireStatus('write off parts', 'reconciling');
    const m = this.view.missing.find((x) => x.partNo === w.partNo);
    if (!m || w.quantity > m.quantity)
      throw notAllowed(`only ${m?.quantity ?? 0} × ${w.partNo} are missing on trip ${this.view.tripId}`);
  }
  applyWriteOff(actor: Actor, w: WriteOff): void {
    this.part(w.partNo)!.writtenOff += w.quantity;
    this.view.writeOffs.push({ ...w, by: actor.id, at: this.now().toISOString() });
    this.record(actor, 'written_off', { ...w });
  }

  // ---- cancellation (compensation) ------------------------------------------------------------

  checkCancel(actor: Actor): void {
    this.requireRole(actor, 'cancel a trip', 'dispatcher', 'admin');
    this.requireStatus('be cancelled', ...BEFORE_DEPARTURE);
  }
  applyCancel(actor: Actor, reason: string): void {
    this.view.status = 'cancelled';
    this.view.cancelReason = reason;
    this.record(actor, 'cancelled', { reason });
    this.notifyEngineer(
      'trip_cancelled',
      `Trip ${this.view.tripId} cancelled`,
      `The trip was cancelled (${reason}); reserved parts go back to ${this.view.warehouseId}.`,
    );
  }
}
