/** Preventive maintenance plans (R-MAINT-1/2): the words and the plan. Sandbox-safe. */
export const CHECK_KINDS = ['inspection', 'cleaning', 'calibration', 'other'] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];
export const CHECK_RESULTS = ['done', 'not_applicable', 'defect'] as const;
export type CheckResult = (typeof CHECK_RESULTS)[number];
/** Intervals a calendar can repeat exactly: divisors of a year, or whole years. */
export const PLAN_INTERVALS_MONTHS = [1, 2, 3, 4, 6, 12, 24, 36] as const;

export interface ChecklistItem {
  item: string;
  kind: CheckKind;
}
export interface ChecklistEntry extends ChecklistItem {
  result?: CheckResult;
  note?: string;
  at?: string;
  by?: string;
}

/** What a maintenance request carries from its plan (a service request's `maintenance`). */
export interface MaintenanceOrder {
  planId: string;
  dueDate: string;
  checklist: ChecklistEntry[];
  preferredWindow?: string;
}

/**
 * R-ASSET-2 maintenance by usage (003 §3.1 使用频率): an occurrence opens each time a counter the unit
 * reports (running hours, starts, litres) passes `from + k × every`, `openBefore` units ahead of it.
 */
export interface UsageRule {
  counter: string;
  every: number;
  from: number;
  openBefore: number;
}

export interface MaintenancePlan {
  planId: string;
  serialNumber?: string;
  contractNo?: string;
  customerId: string;
  region?: string;
  /** The calendar (absent on a plan that follows usage only). */
  everyMonths?: number;
  firstDue?: string;
  /** Calendar plans: days before the due date the request opens; usage plans: days it has once opened. */
  leadDays: number;
  usage?: UsageRule;
  checklist: ChecklistItem[];
  preferredWindow?: string;
  status: 'active' | 'paused' | 'ended';
  /** The contract's end: the plan ends with it. */
  endsOn?: string;
}
