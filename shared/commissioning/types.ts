/** Commissioning a new installation (R-VISIT-7, 001 §5.5): the checks, parameters and report. Sandbox-safe. */
export const COMMISSIONING_CHECKS = ['connections', 'grounding', 'environment', 'powerSupply'] as const;
export type CommissioningCheck = (typeof COMMISSIONING_CHECKS)[number];
/** ok; corrected on site by the engineer; or the customer must improve it (recorded and told to them). */
export const CHECK_OUTCOMES = ['ok', 'corrected', 'customer_must_improve'] as const;
export type CheckOutcome = (typeof CHECK_OUTCOMES)[number];

export interface CommissioningRecord {
  checks: Record<CommissioningCheck, { result: CheckOutcome; note?: string }>;
  /** Technical parameters set with the customer. */
  parameters: { name: string; value: string; unit?: string }[];
  recordedAt: string;
  by: string;
}

export interface Commissioning {
  /** Requests of kind commissioning started after `commissioning-report` need the record before the work. */
  required: boolean;
  record?: CommissioningRecord;
  /** Set when the customer signed the report (the sign-off): the installation is accepted. */
  acceptedAt?: string;
  acceptedBy?: string;
}
