/**
 * The state of one field trip and its rules (R-PARTS-1..5, R-VISIT-2, R-VISIT-4). Plain class, no
 * I/O: validators call `check*`, handlers `apply*`; stock moves are done by the workflow through
 * activities and reported back here.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { Actor, HistoryEntry, NearbyWork, Notification, TripContext, TripLine, TripPart, TripStatus, TripView } from '../shared/domain';
import { FAILURE_FORBIDDEN, FAILURE_NOT_ALLOWED } from '../shared/messages';
import type { Consumption, TripApproval, TripEnd, WriteOff } from '../shared/schemas';

const notAllowed = (msg: string) => ApplicationFailure.create({ type: FAILURE_NOT_ALLOWED, message: msg, nonRetryable: true });
const forbidden = (msg: string) => ApplicationFailure.create({ type: FAILURE_FORBIDDEN, message: msg, nonRetryable: true });
const SYSTEM: Actor = { role: 'service', id: 'workflow' };
const BEFORE_DEPARTURE: TripStatus[] = ['awaiting_approval', 'waiting_for_stock', 'reserved'];

export interface StartFieldTrip {
  tripId: string; engineerId: string; region: string; warehouseId: string; plannedStart: string; plannedEnd: string;
  tools: string[]; lines: TripLine[]; requestNos: string[]; requestedBy: Actor;
}

export const locations = (t: { tripId: string; engineerId: string; warehouseId: string }) => ({
  warehouse: t.warehouseId, reserved: `RESERVED-${t.tripId}`, van: `VAN-${t.engineerId}`, quality: 'QUALITY', consumed: 'CONSUMED', writtenOff: 'WRITTEN-OFF', customer: 'CUSTOMER',
});

export class FieldTripState {
  readonly view: TripView;
  context?: TripContext;
  private pending: Notification[] = [];

  constructor(input: StartFieldTrip, workflowId: string, private readonly now: () => Date) {
    const parts = new Map<string, TripPart>();
    for (const l of input.lines) {
      const p = parts.get(l.partNo) ?? { partNo: l.partNo, requested: 0, reserved: 0, carried: 0, consumed: 0, returned: 0, faulty: 0, writtenOff: 0 };
      p.requested += l.quantity;
      parts.set(l.partNo, p);
    }
    this.view = {
      tripId: input.tripId, workflowId, engineerId: input.engineerId, region: input.region, warehouseId: input.warehouseId,
      plannedStart: input.plannedStart, plannedEnd: input.plannedEnd, status: 'awaiting_approval', tools: input.tools,
      lines: input.lines, parts: [...parts.values()], requests: [...new Set([...input.requestNos, ...input.lines.flatMap((l) => (l.requestNo ? [l.requestNo] : []))])],
      consumptions: [], requisition: { status: 'awaiting_approval' }, missing: [], writeOffs: [], inspections: [], customerKept: [], history: [], seq: 0,
    };
    this.record(input.requestedBy, 'requisition_submitted', { lines: input.lines, tools: input.tools });
  }

  get status(): TripStatus { return this.view.status; }
  part(partNo: string): TripPart | undefined { return this.view.parts.find((p) => p.partNo === partNo); }
  /** Units of a part still out with the engineer. */
  outstanding(p: TripPart): number { return p.carried - p.consumed - p.returned - p.faulty - p.writtenOff; }

  takeNotifications(): Notification[] { const out = this.pending; this.pending = []; return out; }

  setContext(ctx: TripContext): void {
    this.context = ctx;
    this.notify('supervisor', 'requisition', `Parts requisition for trip ${this.view.tripId}`,
      `${ctx.engineer.name} asks for ${this.view.lines.map((l) => `${l.quantity} × ${l.partNo}${l.requestNo ? ` (${l.requestNo})` : ''}`).join(', ')} from ${this.view.warehouseId} for a trip in ${this.view.region}, ${this.view.plannedStart} – ${this.view.plannedEnd}. Please approve.`);
  }

  // ---- requisition (R-PARTS-1, R-PARTS-4) -------------------------------------------------

  checkApprove(actor: Actor, _a: TripApproval): void {
    this.requireRole(actor, 'approve a parts requisition', 'dispatcher', 'admin');
    if (this.view.requisition.status !== 'awaiting_approval') throw notAllowed(`the requisition is already ${this.view.requisition.status}`);
  }
  applyApprove(actor: Actor, a: TripApproval): void {
    this.view.requisition = { status: a.approve ? 'approved' : 'rejected', mode: a.mode, decidedBy: actor.id, ...(a.reason ? { reason: a.reason } : {}) };
    if (!a.approve) this.view.status = 'rejected';
    this.record(actor, a.approve ? 'requisition_approved' : 'requisition_rejected', { mode: a.mode, ...(a.reason ? { reason: a.reason } : {}) });
    if (!a.approve) this.notifyEngineer('requisition_rejected', `Requisition for trip ${this.view.tripId} rejected`, a.reason ?? 'No reason given.');
  }

  reserved(partNo: string, quantity: number): void {
    const p = this.part(partNo)!;
    p.reserved += quantity;
    this.record(SYSTEM, 'reserved', { partNo, quantity, from: this.view.warehouseId });
  }

  waitingForStock(shortfall: { partNo: string; missing: number }[]): void {
    this.view.status = 'waiting_for_stock';
    this.view.requisition.shortfall = shortfall;
    this.record(SYSTEM, 'waiting_for_stock', { shortfall });
  }

  stockEscalated(): void {
    this.record(SYSTEM, 'stock_wait_escalated', { shortfall: this.view.requisition.shortfall });
    this.notify('supervisor', 'stock_wait', `Trip ${this.view.tripId} still waits for parts`,
      `Not in stock at ${this.view.warehouseId}: ${(this.view.requisition.shortfall ?? []).map((s) => `${s.missing} × ${s.partNo}`).join(', ')}. Order them, or approve a partial issue by cancelling and re-requesting.`);
  }

  allReserved(partial: boolean): void {
    const shortfall = this.view.parts.filter((p) => p.reserved < p.requested).map((p) => ({ partNo: p.partNo, missing: p.requested - p.reserved }));
    this.view.requisition.shortfall = shortfall;
    this.view.status = 'reserved';
    this.record(SYSTEM, 'parts_reserved', { partial, shortfall });
    this.notifyEngineer('parts_ready', `Parts for trip ${this.view.tripId} are ready`,
      `Collect at ${this.view.warehouseId}: ${this.view.parts.filter((p) => p.reserved > 0).map((p) => `${p.reserved} × ${p.partNo}`).join(', ')}${shortfall.length ? `. Not available: ${shortfall.map((s) => `${s.missing} × ${s.partNo}`).join(', ')}` : ''}.`);
  }

  // ---- departure, requests, consumption (R-VISIT-2, R-VISIT-4) --------------------------------

  checkDepart(actor: Actor): void {
    this.requireEngineer(actor);
    this.requireStatus('depart', 'reserved');
  }
  applyDepart(actor: Actor): void {
    for (const p of this.view.parts) p.carried = p.reserved;
    this.view.status = 'on_trip';
    this.record(actor, 'departed', { carried: this.view.parts.map((p) => ({ partNo: p.partNo, quantity: p.carried })), tools: this.view.tools });
  }

  checkAttach(actor: Actor, requestNo: string): void {
    if (actor.role !== 'engineer') this.requireRole(actor, 'attach a request to a trip', 'dispatcher', 'admin');
    else this.requireEngineer(actor);
    this.requireStatus('take on requests', ...BEFORE_DEPARTURE, 'on_trip');
    if (this.view.requests.includes(requestNo)) throw notAllowed(`request ${requestNo} is already on trip ${this.view.tripId}`);
  }
  applyAttach(actor: Actor, requestNo: string): void {
    this.view.requests.push(requestNo);
    if (this.view.nearby) this.view.nearby = this.view.nearby.filter((n) => n.requestNo !== requestNo);
    this.record(actor, 'request_attached', { requestNo });
    if (actor.role !== 'engineer') this.notifyEngineer('request_attached', `Request ${requestNo} added to your trip`, `Request ${requestNo} was added to trip ${this.view.tripId} in ${this.view.region}.`);
  }

  checkDetach(actor: Actor, requestNo: string): void {
    this.requireRole(actor, 'detach a request from a trip', 'dispatcher', 'admin', 'service', 'agent');
    if (!this.view.requests.includes(requestNo)) throw notAllowed(`request ${requestNo} is not on trip ${this.view.tripId}`);
  }
  applyDetach(actor: Actor, requestNo: string, reason: string): TripLine[] {
    this.view.requests = this.view.requests.filter((r) => r !== requestNo);
    this.record(actor, 'request_detached', { requestNo, reason });
    // Before departure, the parts reserved for it go back to the warehouse (compensation).
    return BEFORE_DEPARTURE.includes(this.status) ? this.view.lines.filter((l) => l.requestNo === requestNo) : [];
  }
  released(partNo: string, quantity: number, why: string): void {
    const p = this.part(partNo)!;
    p.reserved -= quantity;
    p.requested -= Math.min(p.requested, quantity);
    this.record(SYSTEM, 'reservation_released', { partNo, quantity, why });
  }

  checkConsumption(actor: Actor, c: Consumption): void {
    this.requireEngineer(actor);
    this.requireStatus('record consumption', 'on_trip');
    if (!this.view.requests.includes(c.requestNo)) throw notAllowed(`request ${c.requestNo} is not on trip ${this.view.tripId}; attach it first`);
    const p = this.part(c.partNo);
    const left = p ? this.outstanding(p) : 0;
    if (c.quantity > left) throw notAllowed(`only ${left} × ${c.partNo} left on the trip, ${c.quantity} reported`);
  }
  applyConsumption(actor: Actor, c: Consumption): void {
    this.part(c.partNo)!.consumed += c.quantity;
    this.view.consumptions.push({ ...c, at: this.now().toISOString() });
    if (c.oldPart === 'kept_by_customer') this.view.customerKept.push({ requestNo: c.requestNo, partNo: c.partNo });
    this.record(actor, 'consumed', { ...c });
  }

  checkLeaving(actor: Actor): void {
    this.requireEngineer(actor);
    this.requireStatus('leave the region', 'on_trip');
  }
  applyNearby(actor: Actor, nearby: NearbyWork[]): void {
    this.view.nearby = nearby;
    this.record(actor, 'leaving_region', { nearby: nearby.map((n) => n.requestNo) });
    this.notify('supervisor', 'nearby_work', `${this.context?.engineer.name ?? this.view.engineerId} is about to leave ${this.view.region}`,
      nearby.length
        ? `Open requests nearby that match the engineer's skills: ${nearby.map((n) => `${n.requestNo} (${n.productLine}, ${n.urgency})`).join(', ')}. Attach any to trip ${this.view.tripId} now.`
        : `No other open requests nearby match the engineer's skills.`);
  }

  // ---- trip end and reconciliation (R-PARTS-2, R-PARTS-5) ------------------------------------

  checkEnd(actor: Actor, e: TripEnd): void {
    this.requireEngineer(actor);
    this.requireStatus('end', 'on_trip');
    const sum = (list: { partNo: string; quantity: number }[], partNo: string) => list.filter((x) => x.partNo === partNo).reduce((s, x) => s + x.quantity, 0);
    for (const partNo of new Set([...e.returned, ...e.faulty].map((x) => x.partNo))) {
      const p = this.part(partNo);
      const out = p ? this.outstanding(p) : 0;
      const back = sum(e.returned, partNo) + sum(e.faulty, partNo);
      if (back > out) throw notAllowed(`${back} × ${partNo} reported back, but only ${out} were out on the trip`);
    }
    for (const f of e.faulty) if (!this.view.requests.includes(f.requestNo)) throw notAllowed(`faulty ${f.partNo}: request ${f.requestNo} is not on this trip`);
    const expected = this.view.consumptions.filter((c) => c.oldPart === 'returned');
    const missingOld = expected.filter((c) => e.oldParts.filter((o) => o.requestNo === c.requestNo && o.partNo === c.partNo).length
      < expected.filter((x) => x.requestNo === c.requestNo && x.partNo === c.partNo).length);
    if (missingOld.length) {
      throw notAllowed(`old parts to bring back for inspection are missing: ${[...new Set(missingOld.map((c) => `${c.partNo} of ${c.requestNo}`))].join(', ')}`);
    }
  }
  applyEnd(actor: Actor, e: TripEnd): void {
    this.view.returns = { at: this.now().toISOString(), returned: e.returned, faulty: e.faulty, oldParts: e.oldParts };
    this.view.status = 'reconciling';
    this.record(actor, 'trip_ended', { returned: e.returned, faulty: e.faulty, oldParts: e.oldParts });
  }
  returnedToStock(partNo: string, quantity: number): void { this.part(partNo)!.returned += quantity; }
  returnedFaulty(partNo: string, quantity: number): void { this.part(partNo)!.faulty += quantity; }
  inspectionsOpened(ids: string[]): void {
    this.view.inspections.push(...ids);
    if (ids.length) this.record(SYSTEM, 'quality_inspections_opened', { ids });
  }

  /** Every unit carried is consumed, back in stock, back faulty or written off; what is not keeps the trip open. */
  reconcile(): void {
    this.view.missing = this.view.parts.filter((p) => this.outstanding(p) > 0).map((p) => ({ partNo: p.partNo, quantity: this.outstanding(p) }));
    if (this.view.missing.length === 0) {
      this.view.status = 'closed';
      this.record(SYSTEM, 'reconciled', { parts: this.view.parts });
      return;
    }
    this.record(SYSTEM, 'parts_missing', { missing: this.view.missing });
    this.notify('supervisor', 'parts_missing', `Parts missing after trip ${this.view.tripId}`,
      `Not accounted for: ${this.view.missing.map((m) => `${m.quantity} × ${m.partNo}`).join(', ')}. The trip stays open until they are returned or written off with a reason.`);
  }

  returnOverdue(): void {
    this.record(SYSTEM, 'return_overdue', { status: this.view.status, missing: this.view.missing });
    this.notify('supervisor', 'return_overdue', `Parts of trip ${this.view.tripId} are overdue`,
      `Trip ${this.view.tripId} of ${this.view.engineerId} was due back by ${this.view.plannedEnd} plus the return grace; status ${this.view.status}.`);
    this.notify('manager', 'return_overdue', `Parts of trip ${this.view.tripId} are overdue`, `Escalated: the parts of trip ${this.view.tripId} have not been reconciled.`);
  }

  checkWriteOff(actor: Actor, w: WriteOff): void {
    this.requireRole(actor, 'write off parts', 'dispatcher', 'admin');
    this.requireStatus('write off parts', 'reconciling');
    const m = this.view.missing.find((x) => x.partNo === w.partNo);
    if (!m || w.quantity > m.quantity) throw notAllowed(`only ${m?.quantity ?? 0} × ${w.partNo} are missing on trip ${this.view.tripId}`);
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
    this.notifyEngineer('trip_cancelled', `Trip ${this.view.tripId} cancelled`, `The trip was cancelled (${reason}); reserved parts go back to ${this.view.warehouseId}.`);
  }

  // ---- helpers --------------------------------------------------------------------------------

  private requireStatus(what: string, ...allowed: TripStatus[]): void {
    if (!allowed.includes(this.view.status)) throw notAllowed(`trip can ${what} only while ${allowed.join(', ')} (status: ${this.view.status})`);
  }
  private requireRole(actor: Actor, what: string, ...roles: Actor['role'][]): void {
    if (!roles.includes(actor.role)) throw forbidden(`only ${roles.join(' or ')} may ${what}`);
  }
  private requireEngineer(actor: Actor): void {
    if (actor.role === 'admin') return;
    if (actor.role !== 'engineer' || actor.id !== this.view.engineerId) throw forbidden(`trip ${this.view.tripId} belongs to engineer ${this.view.engineerId}`);
  }
  private record(actor: Actor, action: string, detail?: Record<string, unknown>): void {
    this.view.seq += 1;
    this.view.history.push({ seq: this.view.seq, at: this.now().toISOString(), actor, action, ...(detail ? { detail } : {}) } as HistoryEntry);
  }
  private notifyEngineer(template: string, subject: string, body: string): void {
    this.notify('engineer', template, subject, body, this.view.engineerId);
  }
  private notify(to: Notification['to'], template: string, subject: string, body: string, engineerId?: string): void {
    const key = `${this.view.workflowId}/${this.view.seq}/${template}/${to}${engineerId ? `:${engineerId}` : ''}`;
    const address = to === 'supervisor' ? this.context?.contacts.supervisorEmail : to === 'manager' ? this.context?.contacts.managerEmail
      : to === 'engineer' ? this.context?.engineer.email : undefined;
    this.pending.push({ key, to, template, subject, body, ...(engineerId ? { engineerId } : {}), ...(address ? { address } : {}) });
  }
}
