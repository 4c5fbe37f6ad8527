/**
 * Events other systems receive (R-INTEGRATE-3): which steps of a request become which event type.
 * Pure and sandbox-safe: the workflow's publisher derives them from the history entries it publishes.
 */
import type { HistoryEntry } from '../common/records';
import { TRIP_EVENT_TYPES } from '../fieldTrip/types';

export const EVENT_TYPES = {
  received: 'request.received',
  offered: 'request.offered',
  offer_accepted: 'request.assigned',
  assigned: 'request.assigned',
  reassigned: 'request.assigned',
  appointment_agreed: 'request.appointment_set',
  appointment_changed: 'request.appointment_changed',
  checked_in: 'request.on_site',
  quotation_issued: 'quotation.issued',
  quotation_revised: 'quotation.issued',
  quotation_approved: 'quotation.approved',
  quotation_declined: 'quotation.declined',
  quotation_expired: 'quotation.expired',
  work_recorded: 'request.work_done',
  signed_off: 'request.signed_off',
  deposit_received: 'payment.received',
  payment_received: 'payment.received',
  settled: 'request.settled',
  invoiced: 'request.settled',
  sla_warning: 'sla.warning',
  sla_breached: 'sla.breach',
  follow_up_recorded: 'follow_up.recorded',
  archived_and_closed: 'request.closed',
  cancelled: 'request.cancelled',
} as const satisfies Record<string, string>;
export type EventType =
  (typeof EVENT_TYPES)[keyof typeof EVENT_TYPES] | (typeof TRIP_EVENT_TYPES)[keyof typeof TRIP_EVENT_TYPES];
export const ALL_EVENT_TYPES = [
  ...new Set([...Object.values(EVENT_TYPES), ...Object.values(TRIP_EVENT_TYPES)]),
] as EventType[];

export interface RequestEvent {
  type: EventType;
  seq: number;
  at: string;
  detail?: Record<string, unknown>;
}

/** The events among newly recorded history entries (a request's, or with TRIP_EVENT_TYPES a trip's), in order. */
export function eventsOf(entries: HistoryEntry[], types: Record<string, EventType> = EVENT_TYPES): RequestEvent[] {
  return entries.flatMap((e) => {
    const type = types[e.action];
    return type ? [{ type, seq: e.seq, at: e.at, ...(e.detail ? { detail: e.detail } : {}) }] : [];
  });
}
