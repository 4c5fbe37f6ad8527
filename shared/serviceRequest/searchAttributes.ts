/**
 * Custom search attributes so ops can filter requests in the Temporal UI (R-INTEGRATE-1).
 * SQLite visibility allows 10 Keyword and 3 of each other type per namespace: we use 7 Keyword, 1 KeywordList, 1 Bool, 1 Datetime.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const SA = {
  status: defineSearchAttributeKey('RequestStatus', SearchAttributeType.KEYWORD),
  urgency: defineSearchAttributeKey('Urgency', SearchAttributeType.KEYWORD),
  region: defineSearchAttributeKey('Region', SearchAttributeType.KEYWORD),
  engineer: defineSearchAttributeKey('EngineerId', SearchAttributeType.KEYWORD),
  customer: defineSearchAttributeKey('CustomerId', SearchAttributeType.KEYWORD),
  kind: defineSearchAttributeKey('RequestKind', SearchAttributeType.KEYWORD),
  entitlement: defineSearchAttributeKey('Entitlement', SearchAttributeType.KEYWORD),
  slaBreached: defineSearchAttributeKey('SlaBreached', SearchAttributeType.BOOL),
  /** Which SLA clocks breached (R-SLA-4), e.g. BreachedClocks = 'arrival'. */
  breachedClocks: defineSearchAttributeKey('BreachedClocks', SearchAttributeType.KEYWORD_LIST),
  nextDeadline: defineSearchAttributeKey('NextDeadline', SearchAttributeType.DATETIME),
} as const;

/** `--search-attribute Name=Type` arguments for `temporal server start-dev`. */
export const searchAttributeCliArgs = (): string[] =>
  Object.values(SA).flatMap((k) => ['--search-attribute', `${k.name}=${cliType(k.type)}`]);

function cliType(t: string): string {
  return (
    (
      {
        KEYWORD: 'Keyword',
        BOOL: 'Bool',
        DATETIME: 'Datetime',
        INT: 'Int',
        DOUBLE: 'Double',
        TEXT: 'Text',
        KEYWORD_LIST: 'KeywordList',
      } as Record<string, string>
    )[t] ?? t
  );
}
