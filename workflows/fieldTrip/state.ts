/**
 * The state of one field trip (R-PARTS-1..5, R-VISIT-2, R-VISIT-4): its view, context and the guards its
 * steps share. The steps are functions of it, one module each (decision 0005): the requisition
 * (`requisition.ts`), the requests it serves (`tripRequests.ts`) and its end (`reconciliation.ts`).
 */
import type { Actor } from '../../shared/common/actor';
import { forbidden } from '../../shared/common/failures';
import type { Notification } from '../../shared/common/records';
import type { TripContext, TripLine, TripPart, TripStatus, TripView } from '../../shared/fieldTrip/types';
import { ProcessState } from '../common/processState';

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

/** A trip from its requisition until it ends. */
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

  // ---- departure, requests, consumption (R-VISIT-2, R-VISIT-4) --------------------------------

  // ---- helpers --------------------------------------------------------------------------------

  requireEngineer(actor: Actor): void {
    if (actor.role === 'admin') return;
    if (actor.role !== 'engineer' || actor.id !== this.view.engineerId)
      throw forbidden(`trip ${this.view.tripId} belongs to engineer ${this.view.engineerId}`);
  }
  notifyEngineer(template: string, subject: string, body: string): void {
    this.notify('engineer', template, subject, body, this.view.engineerId);
  }
  notify(to: Notification['to'], template: string, subject: string, body: string, engineerId?: string): void {
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
