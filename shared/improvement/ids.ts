/** Business keys of improvement actions (sandbox-safe). */
export const IMPROVEMENT_PREFIX = 'improvement:';
export const improvementWorkflowId = (actionId: string): string => `${IMPROVEMENT_PREFIX}${actionId}`;
/** One action per low follow-up of a request: the id says which, so it is opened once. */
export const followUpActionId = (requestNo: string): string => `IA-${requestNo}-FU`;
export const ACTION_ID_PATTERN = /^IA-[A-Z0-9-]{4,60}$/;
