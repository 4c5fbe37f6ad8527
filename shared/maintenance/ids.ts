/** Business keys of maintenance plans and their occurrences (sandbox-safe). */
export const maintenanceScheduleId = (planId: string): string => `maintenance-plan:${planId}`;
export const maintenanceTickId = (planId: string): string => `maintenance-tick:${planId}`;
/** One occurrence per plan, unit and due date: the id is the claim that opens its request once. */
export const occurrenceWorkflowId = (planId: string, serialNumber: string, due: string): string =>
  `maintenance:${planId}:${serialNumber}:${due}`;
export const PLAN_ID_PATTERN = /^MP-[A-Z0-9]{6,12}$/;
/** One usage meter per unit and counter (R-ASSET-2): it takes the readings one at a time. */
export const usageMeterWorkflowId = (serialNumber: string, counter: string): string =>
  `usage-meter:${serialNumber}:${counter}`;
/** A usage occurrence's "due" part of its id: the counter and the threshold it serves. */
export const usageOccurrenceKey = (counter: string, threshold: number): string => `${counter}@${threshold}`;
