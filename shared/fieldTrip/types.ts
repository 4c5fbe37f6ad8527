/** Field trips and parts custody (R-PARTS, R-VISIT-2, R-VISIT-4). Sandbox-safe types and values. */
import type { HistoryEntry } from '../common/records';

export const TRIP_STATUSES = [
  'awaiting_approval',
  'waiting_for_stock',
  'reserved',
  'on_trip',
  'reconciling',
  'closed',
  'rejected',
  'cancelled',
] as const;
export type TripStatus = (typeof TRIP_STATUSES)[number];

export interface TripLine {
  partNo: string;
  quantity: number;
  requestNo?: string;
}

/** Where every unit of one part on the trip is (R-PARTS-2): carried = consumed + returned + faulty + written off + still out. */
export interface TripPart {
  partNo: string;
  requested: number;
  reserved: number;
  carried: number;
  consumed: number;
  returned: number;
  faulty: number;
  writtenOff: number;
}

export interface TripConsumption {
  requestNo: string;
  partNo: string;
  quantity: number;
  at: string;
  /** The removed old part: brought back for inspection, kept by the customer, or none was removed. */
  oldPart: 'returned' | 'kept_by_customer' | 'none';
  symptom?: string;
}

export interface TripContext {
  engineer: { engineerId: string; name: string; email?: string; skills: string[] };
  contacts: { supervisorEmail?: string; managerEmail?: string };
  /** Retry a requisition that waits for stock this often; escalate once after the longer wait. */
  stockRetryMs: number;
  stockEscalationMs: number;
  /** Parts are due back this long after the planned end of the trip. */
  returnGraceMs: number;
}

export interface NearbyWork {
  requestNo: string;
  productLine: string | null;
  status: string;
  urgency: string;
  siteAddress?: string;
  nextDeadline: string | null;
}

export interface TripView {
  tripId: string;
  workflowId: string;
  engineerId: string;
  region: string;
  warehouseId: string;
  plannedStart: string;
  plannedEnd: string;
  status: TripStatus;
  tools: string[];
  lines: TripLine[];
  parts: TripPart[];
  requests: string[];
  consumptions: TripConsumption[];
  requisition: {
    status: 'awaiting_approval' | 'approved' | 'rejected';
    mode?: 'wait' | 'partial';
    decidedBy?: string;
    reason?: string;
    shortfall?: { partNo: string; missing: number }[];
  };
  nearby?: NearbyWork[];
  returns?: {
    at: string;
    returned: { partNo: string; quantity: number }[];
    faulty: { partNo: string; quantity: number; requestNo: string; symptom: string }[];
    oldParts: { requestNo: string; partNo: string; symptom: string }[];
  };
  missing: { partNo: string; quantity: number }[];
  writeOffs: { partNo: string; quantity: number; reason: string; by: string; at: string }[];
  inspections: string[];
  customerKept: { requestNo: string; partNo: string }[];
  cancelReason?: string;
  history: HistoryEntry[];
  seq: number;
}

/** Trip and stock events other systems receive (R-INTEGRATE-3), from the trip's history actions. */
export const TRIP_EVENT_TYPES = {
  requisition_submitted: 'trip.requisition_submitted',
  requisition_approved: 'trip.requisition_approved',
  requisition_rejected: 'trip.requisition_rejected',
  waiting_for_stock: 'stock.waiting',
  parts_reserved: 'stock.reserved',
  departed: 'trip.departed',
  consumed: 'stock.consumed',
  trip_ended: 'trip.ended',
  reconciled: 'trip.reconciled',
  parts_missing: 'stock.missing',
  written_off: 'stock.written_off',
  return_overdue: 'trip.return_overdue',
  cancelled: 'trip.cancelled',
} as const satisfies Record<string, string>;
