/** The words of a service request: channels, kinds, urgencies, statuses. Pure values, sandbox-safe. */
export const CHANNELS = ['hotline', 'web', 'email', 'app', 'messaging', 'dealer', 'api', 'iot'] as const;
export type Channel = (typeof CHANNELS)[number];
export const REQUEST_KINDS = ['fault_repair', 'maintenance', 'commissioning', 'consultation', 'complaint'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];
/** How the work is done: an engineer visits the site, or the customer brings the unit to a service point (送修). */
export const SERVICE_MODES = ['on_site', 'carry_in'] as const;
export type ServiceMode = (typeof SERVICE_MODES)[number];
export const URGENCIES = ['urgent', 'important', 'general'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const FAULT_CLASSES = [
  'hardware',
  'software',
  'misuse',
  'electrical',
  'water_circuit',
  'collector',
  'mounting',
  'unknown',
] as const;
export type FaultClass = (typeof FAULT_CLASSES)[number];
export const ENTITLEMENTS = ['free', 'contract', 'paid', 'other'] as const;
export type Entitlement = (typeof ENTITLEMENTS)[number];

export const REQUEST_STATUSES = [
  'received',
  'remote_guidance',
  'awaiting_unit',
  'unit_received',
  'offered',
  'awaiting_assignment',
  'assigned',
  'scheduled',
  'on_site',
  'diagnosed',
  'awaiting_approval',
  'repairing',
  'work_done',
  'ready_for_collection',
  'awaiting_follow_up',
  'follow_up_due',
  'closed',
  'cancelled',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
/** The read model also knows `aborted`: the workflow was terminated, timed out or failed (never set by it). */
export const LISTED_STATUSES = [...REQUEST_STATUSES, 'aborted'] as const;
/** Statuses in which the request is finished with its visits (no more clocks, offers or reminders). */
export const AFTER_VISIT_STATUSES: RequestStatus[] = ['awaiting_follow_up', 'follow_up_due', 'closed', 'cancelled'];
/** Statuses in which the request still occupies its engineer (workload for dispatch). */
export const ENGINEER_BUSY_STATUSES: RequestStatus[] = [
  'unit_received',
  'offered',
  'assigned',
  'scheduled',
  'on_site',
  'diagnosed',
  'awaiting_approval',
  'repairing',
];
