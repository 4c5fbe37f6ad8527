/** Business keys of suggestions (sandbox-safe). SG-YYYYMMDD-NNNN, the number a customer is told. */
export const SUGGESTION_PREFIX = 'suggestion:';
export const suggestionWorkflowId = (suggestionNo: string): string => `${SUGGESTION_PREFIX}${suggestionNo}`;
export const SUGGESTION_NO_PATTERN = /^SG-\d{8}-\d{4,}$/;
export const formatSuggestionNo = (day: string, seq: number): string => `SG-${day}-${String(seq).padStart(4, '0')}`;
/** The improvement action an adopted suggestion opens: one per suggestion. */
export const suggestionActionId = (suggestionNo: string): string => `IA-${suggestionNo}-SG`;
