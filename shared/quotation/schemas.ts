/** Quotations, approvals, settlement and payments (R-QUOTE, R-SETTLE): request DTOs. */
import { signatureIdSchema, text, z } from '../common/schemaParts';

const partOrServiceCode = z
  .string()
  .trim()
  .regex(/^[A-Z0-9-]{2,40}$/, 'a price list code like P-SWH-SENSOR or LABOUR-STANDARD');
export const usedLine = z.strictObject({
  code: partOrServiceCode,
  quantity: z
    .number()
    .positive()
    .max(10_000)
    .refine((q) => Number.isInteger(q * 4), 'a multiple of 0.25 (hours) or a whole number'),
});
export const quotationSchema = z
  .strictObject({
    lines: z
      .array(usedLine.extend({ description: z.string().trim().max(200).optional() }))
      .min(1)
      .max(100)
      .openapi({
        description:
          'items, labour hours, call-out and travel by price list code; prices come from the price list (R-QUOTE-1). ' +
          'The whole scope of the job: a revision replaces the version before it in full, so it lists every line to be charged, including lines of an approved version (R-QUOTE-4)',
      }),
    reason: z
      .string()
      .trim()
      .max(1000)
      .optional()
      .openapi({ description: 'required for a revision: what new problem was found (R-QUOTE-4)' }),
  })
  .openapi('Quotation');
const minor = z.number().int().min(0).max(1e12);
export const quoteApprovalSchema = z
  .strictObject({
    version: z.number().int().min(1),
    totalMinor: minor.openapi({
      description: "the total the customer approves, in minor units; must equal the version's total",
    }),
    signedBy: text(120),
    formReference: z
      .string()
      .trim()
      .max(120)
      .optional()
      .openapi({ description: 'engineer recording a written approval: reference of the signed form (required then)' }),
    signatureId: signatureIdSchema.optional(),
  })
  .openapi('QuoteApproval');
export const quoteDeclineSchema = z
  .strictObject({ version: z.number().int().min(1), reason: text(1000) })
  .openapi('QuoteDecline');
export const settlementApprovalSchema = z
  .strictObject({
    totalMinor: minor,
    signedBy: text(120),
    formReference: z.string().trim().max(120).optional(),
    signatureId: signatureIdSchema.optional(),
  })
  .openapi('SettlementApproval');
export const paymentSchema = z
  .strictObject({
    transactionId: text(120).openapi({
      description: "the payer's transaction id: a repeated payment with the same id is recorded once",
    }),
    amountMinor: minor.refine((n) => n > 0, 'greater than 0'),
    currency: z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 code like CNY'),
    method: z.enum(['cash', 'electronic']),
    receiptNo: text(120),
  })
  .openapi('Payment');
export const invoiceSchema = z.strictObject({ invoiceNo: text(120), account: text(120) }).openapi('Invoice');

export type QuotationInput = z.infer<typeof quotationSchema>;
export type QuoteApproval = z.infer<typeof quoteApprovalSchema>;
export type QuoteDecline = z.infer<typeof quoteDeclineSchema>;
export type SettlementApproval = z.infer<typeof settlementApprovalSchema>;
export type PaymentInput = z.infer<typeof paymentSchema>;
export type InvoiceInput = z.infer<typeof invoiceSchema>;
