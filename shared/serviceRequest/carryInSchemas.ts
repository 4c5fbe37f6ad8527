/** Carry-in repair (R-TRIAGE-2, 002 §2.1.3 送修): the counter's receipt of a unit the customer brought in. */
import { text, z } from '../common/schemaParts';

export const unitReceiptSchema = z
  .strictObject({
    engineerId: text(64).openapi({ description: 'the bench engineer who diagnoses and repairs the unit' }),
    condition: text(1000).openapi({
      description: 'the unit as it was handed in (scratches, missing covers), agreed with the customer',
      example: 'outer casing scratched on the left; display works',
    }),
    accessories: z.array(text(120)).max(20).default([]).openapi({ description: 'what came with it: cables, remote' }),
  })
  .openapi('UnitReceipt');
export type UnitReceipt = z.infer<typeof unitReceiptSchema>;

/** Another bench engineer takes over the unit (the first is away or lacks the skill), with the reason. */
export const benchEngineerSchema = z
  .strictObject({
    engineerId: text(64).openapi({ description: 'the bench engineer who takes over the unit' }),
    reason: text(500).openapi({ example: 'Zhang Wei is on a field trip this week' }),
  })
  .openapi('BenchEngineerChange');
export type BenchEngineerChange = z.infer<typeof benchEngineerSchema>;
