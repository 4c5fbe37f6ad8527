/** Response DTOs every context shares, for the OpenAPI document (and the fuzz test that checks answers). */
import { z } from './schemaParts';

export const errorSchema = z
  .object({
    error: z.string().openapi({ description: 'what was wrong and what is allowed' }),
    details: z.array(z.object({ field: z.string(), rule: z.string() })).optional(),
  })
  .openapi('Error');

export const historyEntrySchema = z
  .object({
    seq: z.number().int(),
    at: z.string(),
    actor: z.object({ role: z.string(), id: z.string() }),
    action: z.string(),
    detail: z.record(z.string(), z.unknown()).optional(),
  })
  .openapi('HistoryEntry');
