/**
 * Returns to the supplier (R-RMA-1): a faulty module the inspection blames on the supplier goes back with
 * a supplier claim — supplier, their claim number, the serials — and the claim ends credited (an amount),
 * replaced (a unit in stock again) or rejected. The admin's and quality's DTOs.
 */
import { text, z } from '../common/schemaParts';

export const CLAIM_OUTCOMES = ['credited', 'replaced', 'rejected'] as const;

export const supplierClaimSchema = z
  .strictObject({
    supplier: text(120),
    claimNo: text(64).openapi({ description: 'the claim (RMA) number the supplier gave' }),
    serials: z.array(text(64)).min(1).max(50).openapi({ description: 'the serial numbers going back' }),
    note: z.string().trim().max(1000).optional(),
  })
  .openapi('SupplierClaim');

const minor = z.number().int().min(1).max(1_000_000_000);
export const claimOutcomeSchema = z
  .discriminatedUnion('outcome', [
    z.strictObject({
      outcome: z.literal('credited'),
      creditMinor: minor.openapi({ description: 'the credit note, in minor units (分)' }),
      currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code like CNY'),
      note: z.string().trim().max(1000).optional(),
    }),
    z.strictObject({
      outcome: z.literal('replaced'),
      warehouseId: z.string().regex(/^[A-Z0-9-]{2,40}$/, 'a warehouse id like WH-EAST'),
      replacementSerial: text(64).optional(),
      valueMinor: minor.optional().openapi({ description: 'what the replacement is worth, for the recovered amount' }),
      currency: z
        .string()
        .regex(/^[A-Z]{3}$/, 'an ISO 4217 code like CNY')
        .optional(),
      note: z.string().trim().max(1000).optional(),
    }),
    z.strictObject({ outcome: z.literal('rejected'), note: text(1000) }),
  ])
  .openapi('SupplierClaimOutcome');
export const claimParamSchema = z.strictObject({
  id: z.string().regex(/^RMA-[A-Za-z0-9-]{1,80}$/, 'a claim id like RMA-TRIP-20261201-AB12-I1'),
});
export const claimListQuerySchema = z.strictObject({
  status: z.enum(['sent', ...CLAIM_OUTCOMES]).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export type SupplierClaimInput = z.infer<typeof supplierClaimSchema>;
export type ClaimOutcome = z.infer<typeof claimOutcomeSchema>;
