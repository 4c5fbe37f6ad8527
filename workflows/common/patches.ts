/**
 * Patch ids shared by more than one workflow type. Each workflow's own ids live beside it
 * (`workflows/serviceRequest/versions.ts`).
 */

/** Finished processes report their KPI facts to the month's workflow (R-RECORD-3). */
export const KPI_FACTS = 'kpi-facts';
