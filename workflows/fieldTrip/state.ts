/**
 * The state of one field trip and its rules (R-PARTS-1..5, R-VISIT-2, R-VISIT-4). Plain class, no
 * I/O: validators call `check*`, handlers `apply*`; stock moves are done by the workflow through
 * activities and reported back here.
 */
import type { Actor } from '../../shared/common/actor';
import { forbidden, notAllowed } from '../../shared/common/failures';
import type { Notification } from '../../shared/common/records';
import type { Consumption, TripApproval } from '../../shared/fieldTrip/schemas';
import type { NearbyWork, TripContext, TripLine, TripPart, TripStatus, TripView } from '../../shared/fieldTrip/types';
import { ProcessState, SYSTEM } from '../common/processState';

export const BEFORE_DEPARTURE: TripStatus[] = ['awaiting_approval', 'waiting_for_stock', 'reserved'];

export interface StartFieldTrip {
  tripId: string;
  engineerId: string;
  region: string;
  warehouseId: string;
  plannedStart: string;
  plannedEnd: string;
  tools: string[];
  lines: TripLine[];
  requestNos: string[];
  requestedBy: Actor;
}

/** A trip from its requisition until it ends; reconciliation.ts adds the end of the trip. */
export class TripState extends ProcessState<TripStatus, TripView> {
  context?: TripContext;
  /** Parts that arrived at the trip's warehouse while it waited (each report wakes the requisition). */
  arrivals = 0;

  constructor(input: StartFieldTrip, workflowId: string, now: () => Date) {
    super(TripState.planned(input, workflowId), now, 'trip');
    this.record(input.requestedBy, 'requisition_submitted', { lines: input.lines, tools: input.tools });
  }

  private static planned(input: StartFieldTrip, workflowId: string): TripView {
    const parts = new Map<string, TripPart>();
    for (const l of input.lines) {
      const p = parts.get(l.partNo) ?? {
        partNo: l.partNo,
        requested: 0,
        reserved: 0,
        carried: 0,
        consumed: 0,
        returned: 0,
        faulty: 0,
        writtenOff: 0,
      };
      p.requested += l.quantity;
      parts.set(l.partNo, p);
    }
    return {
      tripId: input.tripId,
      workflowId,
      engineerId: input.engineerId,
      region: input.region,
      warehouseId: input.warehouseId,
      plannedStart: input.plannedStart,
      plannedEnd: input.plannedEnd,
      status: 'awaiting_approval',
      tools: input.tools,
      lines: input.lines,
      parts: [...parts.values()],
      requests: [...new Set([...input.requestNos, ...input.lines.flatMap((l) => (l.requestNo ? [l.requestNo] : []))])],
      consumptions: [],
      requisition: { status: 'awaiting_approval' },
      missing: [],
      writeOffs: [],
      inspections: [],
      customerKept: [],
      history: [],
      seq: 0,
    };
  }

  part(partNo: string): TripPart | undefined {
    return this.view.parts.find((p) => p.partNo === partNo);
  }
  /** Units of a part still out with the engineer. */
  outstanding(p: TripPart): number {
    return p.carried - p.consumed - p.returned - p.faulty - p.writtenOff;
  }

  setContext(ctx: TripContext): void {
    this.context = ctx;
    this.notify(
      'supervisor',
      'requisition',
      `Parts requisition for trip ${this.view.tripId}`,
      `${ctx.engineer.name} asks for ${this.view.lines.map((l) => `${l.quantity} × ${l.partNo}${l.requestNo ? ` (${l.requestNo})` : ''}`).join(', ')} from ${this.view.warehouseId} for a trip in ${this.view.region}, ${this.view.plannedStart} – ${this.view.plannedEnd}. Please approve.`,
    );
  }

  // ---- requisition (R-PARTS-1, R-PARTS-4) -------------------------------------------------

  checkApprove(actor: Actor, _a: TripApproval): void {
    this.requireRole(actor, 'approve a parts requisition', 'dispatcher', 'admin');
    if (this.view.requisition.status !== 'awaiting_approval')
      throw notAllowed(`the requisition is already ${this.view.requisition.status}`);
  }
  applyApprove(actor: Actor, a: TripApproval): void {
    this.view.requisition = {
      status: a.approve ? 'approved' : 'rejected',
      mode: a.mode,
      decidedBy: actor.id,
      ...(a.reason ? { reason: a.reason } : {}),
    };
    if (!a.approve) this.view.status = 'rejected';
    this.record(actor, a.approve ? 'requisition_approved' : 'requisition_rejected', {
      mode: a.mode,
      ...(a.reason ? { reason: a.reason } : {}),
    });
    if (!a.approve)
      this.notifyEngineer(
        'requisition_rejected',
        `Requisition for trip ${this.view.tripId} rejected`,
        a.reason ?? 'No reason given.',
      );
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
    this.notify(
      'supervisor',
      'stock_wait',
      `Trip ${this.view.tripId} still waits for parts`,
      `Not in stock at ${this.view.warehouseId}: ${(this.view.requisition.shortfall ?? []).map((s) => `${s.missing} × ${s.partNo}`).join(', ')}. Order them, or approve a partial issue by cancelling and re-requesting.`,
    );
  }

  allReserved(partial: boolean): void {
    const shortfall = this.view.parts
      .filter((p) => p.reserved < p.requested)
      .map((p) => ({ partNo: p.partNo, missing: p.requested - p.reserved }));
    this.view.requisition.shortfall = shortfall;
    this.view.status = 'reserved';
    this.record(SYSTEM, 'parts_reserved', { partial, shortfall });
    this.notifyEngineer(
      'parts_ready',
      `Parts for trip ${this.view.tripId} are ready`,
      `Collect at ${this.view.warehouseId}: ${this.view.parts
        .filter((p) => p.reserved > 0)
        .map((p) => `${p.reserved} × ${p.partNo}`)
        .join(
          ', ',
        )}${shortfall.length ? `. Not available: ${shortfall.map((s) => `${s.missing} × ${s.partNo}`).join(', ')}` : ''}.`,
    );
  }

  // ---- departure, requests, consumption (R-VISIT-2, R-VISIT-4) --------------------------------

  checkDepart(actor: Actor): void {
    this.requireEngineer(actor);
    this.requireStatus('depart', 'reserved');
  }
  applyDepart(actor: Actor): void {
    for (const p of this.view.parts) p.carried = p.reserved;
    this.view.status = 'on_trip';
    this.record(actor, 'departed', {
      carried: this.view.parts.map((p) => ({ partNo: p.partNo, quantity: p.carried })),
      tools: this.view.tools,
    });
  }

  checkAttach(actor: Actor, requestNo: string): void {
    if (actor.role !== 'engineer') this.requireRole(actor, 'attach a request to a trip', 'dispatcher', 'admin');
    else this.requireEngineer(actor);
    this.requireStatus('take on requests', ...BEFORE_DEPARTURE, 'on_trip');
    if (this.view.requests.includes(requestNo))
      throw notAllowed(`request ${requestNo} is already on trip ${this.view.tripId}`);
  }
  applyAttach(actor: Actor, requestNo: string): void {
    this.view.requests.push(requestNo);
    if (this.view.nearby) this.view.nearby = this.view.nearby.filter((n) => n.requestNo !== requestNo);
    this.record(actor, 'request_attached', { requestNo });
    if (actor.role !== 'engineer')
      this.notifyEngineer(
        'request_attached',
        `Request ${requestNo} added to your trip`,
        `Request ${requestNo} was added to trip ${this.view.tripId} in ${this.view.region}.`,
      );
  }

  checkDetach(actor: Actor, requestNo: string): void {
    this.requireRole(actor, 'detach a request from a trip', 'dispatcher', 'admin', 'service', 'agent');
    if (!this.view.requests.includes(requestNo))
      throw notAllowed(`request ${requestNo} is not on trip ${this.view.tripId}`);
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
    if (!this.view.requests.includes(c.requestNo))
      throw notAllowed(`request ${c.requestNo} is not on trip ${this.view.tripId}; attach it first`);
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
    this.notify(
      'supervisor',
      'nearby_work',
      `${this.context?.engineer.name ?? this.view.engineerId} is about to leave ${this.view.region}`,
      nearby.length
        ? `Open requests nearby that match the engineer's skills: ${nearby.map((n) => `${n.requestNo} (${n.productLine}, ${n.urgency})`).join(', ')}. Attach any to trip ${this.view.tripId} now.`
        : `No other open requests nearby match the engineer's skills.`,
    );
  }

  // ---- helpers --------------------------------------------------------------------------------

  protected requireEngineer(actor: Actor): void {
    if (actor.role === 'admin') return;
    if (actor.role !== 'engineer' || actor.id !== this.view.engineerId)
      throw forbidden(`trip ${this.view.tripId} belongs to engineer ${this.view.engineerId}`);
  }
  protected notifyEngineer(template: string, subject: string, body: string): void {
    this.notify('engineer', template, subject, body, this.view.engineerId);
  }
  protected notify(to: Notification['to'], template: string, subject: string, body: string, engineerId?: string): void {
    const address =
      to === 'supervisor'
        ? this.context?.contacts.supervisorEmail
        : to === 'manager'
          ? this.context?.contacts.managerEmail
          : to === 'engineer'
            ? this.context?.engineer.email
            : undefined;
    this.queue(to, template, subject, body, engineerId, address);
  }
}
