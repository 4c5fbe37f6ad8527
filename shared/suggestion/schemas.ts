/** Suggestion DTOs, one schema each (Node-side). */
import { periodFrom, periodTo, requestNo, text, z } from '../common/schemaParts';
import { SUGGESTION_DECISIONS, SUGGESTION_STATUSES, SUGGESTION_TOPICS } from './types';

export const suggestionIntakeSchema = z
  .strictObject({
    customerId: text(64).openapi({ example: 'CUST-001' }),
    channel: z.enum(['hotline', 'web', 'email', 'app', 'messaging', 'dealer', 'sales', 'visit']),
    topic: z.enum(SUGGESTION_TOPICS),
    text: text(4000).openapi({ example: 'Send the visit window by SMS as well as by e-mail' }),
    contactName: text(120).optional(),
    requestNo: requestNo.optional().openapi({ description: 'the request the suggestion came up in' }),
  })
  .openapi('SuggestionIntake');
export type SuggestionIntakeInput = z.infer<typeof suggestionIntakeSchema>;

export const suggestionReviewSchema = z
  .strictObject({
    decision: z.enum(SUGGESTION_DECISIONS),
    response: text(2000).openapi({ description: 'what the customer is told' }),
    improvement: z
      .strictObject({
        title: text(200),
        ownerId: text(64).openapi({ description: 'the staff id that carries it out' }),
        dueInDays: z.number().int().min(1).max(365).optional(),
      })
      .optional()
      .openapi({ description: 'an adopted suggestion may open an improvement action that carries it out' }),
  })
  .superRefine((b, ctx) => {
    if (b.improvement && b.decision !== 'adopted')
      ctx.addIssue({ code: 'custom', path: ['improvement'], message: 'only an adopted suggestion opens an action' });
  })
  .openapi('SuggestionReview');
export type SuggestionReviewInput = z.infer<typeof suggestionReviewSchema>;

export const suggestionNoParamSchema = z.strictObject({
  suggestionNo: z.string().regex(/^SG-\d{8}-\d{4,}$/, 'a suggestion number like SG-20261203-0001'),
});
export const listSuggestionsQuerySchema = z.strictObject({
  status: z.enum(SUGGESTION_STATUSES).optional(),
  customerId: z.string().max(64).optional(),
  receivedFrom: periodFrom.optional(),
  receivedTo: periodTo.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
