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
    recordedAt: z.string().optional().openapi({
      description: 'a step done offline: when the server recorded it (`at` is when it was done on the device)',
    }),
    clockSkewMs: z
      .number()
      .optional()
      .openapi({ description: "how far the device's clock was off (flagged over 2 min)" }),
    clockAdjusted: z
      .boolean()
      .optional()
      .openapi({ description: "the device's time was moved to keep the history in order or out of the future" }),
  })
  .openapi('HistoryEntry');
