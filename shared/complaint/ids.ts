/** Business keys of complaints (sandbox-safe). CP-YYYYMMDD-NNNN, the number a customer reads out. */
export const COMPLAINT_PREFIX = 'complaint:';
export const complaintWorkflowId = (complaintNo: string): string => `${COMPLAINT_PREFIX}${complaintNo}`;
export const COMPLAINT_NO_PATTERN = /^CP-\d{8}-\d{4,}$/;
export const formatComplaintNo = (day: string, seq: number): string => `CP-${day}-${String(seq).padStart(4, '0')}`;
/** The improvement action a complaint's root cause opens: one per complaint. */
export const rootCauseActionId = (complaintNo: string): string => `IA-${complaintNo}-RC`;
