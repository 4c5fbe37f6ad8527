/** Business keys of a service request (sandbox-safe: no Node APIs). */
export const SERVICE_REQUEST_PREFIX = 'service-request:';

export const serviceRequestWorkflowId = (requestNo: string): string => `${SERVICE_REQUEST_PREFIX}${requestNo}`;

/** SR-YYYYMMDD-NNNN, the number a customer reads out on the phone. */
export const REQUEST_NO_PATTERN = /^SR-\d{8}-\d{4,}$/;
export const formatRequestNo = (day: string, seq: number): string => `SR-${day}-${String(seq).padStart(4, '0')}`;
