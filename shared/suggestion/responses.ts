/** What the suggestion endpoints answer (OpenAPI). */
import { z } from '../common/schemaParts';

export const suggestionAnswerSchema = z
  .looseObject({ suggestionNo: z.string(), status: z.string(), seq: z.number() })
  .openapi('SuggestionAnswer');
export const suggestionCreatedSchema = z
  .looseObject({ suggestionNo: z.string(), workflowId: z.string(), status: z.string() })
  .openapi('SuggestionCreated');
export const suggestionViewSchema = z
  .looseObject({
    suggestionNo: z.string(),
    status: z.string(),
    history: z.array(z.looseObject({ action: z.string() })),
  })
  .openapi('Suggestion');
export const suggestionListSchema = z
  .strictObject({
    items: z.array(z.looseObject({ suggestionNo: z.string(), status: z.string() })),
    total: z.number(),
    limit: z.number(),
    offset: z.number(),
  })
  .openapi('SuggestionList');
