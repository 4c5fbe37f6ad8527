/** The commissioning record DTO (Node-side). */
import { text, z } from '../common/schemaParts';
import { CHECK_OUTCOMES } from './types';

const check = z
  .strictObject({ result: z.enum(CHECK_OUTCOMES), note: z.string().trim().max(1000).optional() })
  .refine((c) => c.result === 'ok' || !!c.note, {
    message: 'a note saying what was corrected or must be improved',
    path: ['note'],
  });

export const commissioningSchema = z
  .strictObject({
    checks: z.strictObject({ connections: check, grounding: check, environment: check, powerSupply: check }),
    parameters: z
      .array(z.strictObject({ name: text(100), value: text(100), unit: z.string().trim().max(20).optional() }))
      .max(100)
      .default([])
      .openapi({
        description: 'technical parameters set with the customer',
        example: [{ name: 'thermostat', value: '55', unit: '°C' }],
      }),
  })
  .openapi('Commissioning');
export type CommissioningInput = z.infer<typeof commissioningSchema>;
