/** What the service-request endpoints answer (OpenAPI); views are open objects: fields are added over time. */
import { historyEntrySchema } from '../common/responses';
import { z } from '../common/schemaParts';
import { REQUEST_STATUSES } from './vocabulary';

const requestNo = z.string();
const row = z.looseObject({ requestNo, status: z.string() });

export const stepAnswerSchema = z
  .object({
    requestNo,
    status: z.enum(REQUEST_STATUSES),
    seq: z.number().int(),
    recorded: z.array(historyEntrySchema).openapi({ description: 'the history entries this step recorded' }),
  })
  .openapi('StepAnswer');

export const intakeAnswerSchema = z
  .object({
    requestNo,
    workflowId: z.string(),
    status: z.literal('received').optional(),
    customerLink: z.string().optional(),
    earlierRequests: z.array(row).optional(),
    replayed: z.literal(true).optional().openapi({ description: 'true: an earlier call with this Idempotency-Key' }),
  })
  .openapi('IntakeAnswer');

export const recurrenceAnswerSchema = intakeAnswerSchema
  .extend({ recurrenceOf: requestNo })
  .openapi('RecurrenceAnswer');
export const followUpAnswerSchema = stepAnswerSchema
  .extend({ recurrence: recurrenceAnswerSchema.optional() })
  .openapi('FollowUpAnswer');

export const requestListSchema = z
  .object({ items: z.array(row), total: z.number().int(), limit: z.number().int(), offset: z.number().int() })
  .openapi('RequestList');

export const requestViewSchema = z
  .looseObject({
    requestNo,
    status: z.string(),
    history: z
      .array(z.looseObject({ action: z.string(), at: z.string() }))
      .openapi({ description: 'every recorded step, oldest first (also those moved out of the running workflow)' }),
    ended: z
      .object({ state: z.string(), at: z.string(), lastSeq: z.number() })
      .optional()
      .openapi({ description: 'only when the workflow ended abnormally (terminated, failed): the state it left' }),
  })
  .openapi('RequestView');

export const inspectionsSchema = z.object({ requestNo, items: z.array(z.looseObject({})) }).openapi('Inspections');
export const workOrderSchema = z
  .looseObject({ requestNo, status: z.string(), earlierRequests: z.array(row) })
  .openapi('WorkOrder');
export const slaViewSchema = z
  .looseObject({
    requestNo,
    status: z.string(),
    clocks: z.array(z.looseObject({ name: z.string(), state: z.string() })),
  })
  .openapi('SlaView');
export const statementSchema = z
  .looseObject({ requestNo, settlement: z.looseObject({}).nullable(), warranty: z.looseObject({}) })
  .openapi('Statement');
export const paymentAcceptedSchema = z
  .object({
    accepted: z.literal(true),
    transactionId: z.string(),
    recordedAs: z.enum(['payment_received', 'deposit_received']).optional().openapi({
      description: 'deposit_received: paid before the settlement; credited to it when the work is recorded',
    }),
  })
  .openapi('PaymentAccepted');
export const messageAcceptedSchema = z
  .object({ accepted: z.literal(true), messageId: z.string() })
  .openapi('MessageAccepted');

export const commissioningReportSchema = z
  .looseObject({ requestNo, checks: z.looseObject({}), parameters: z.array(z.looseObject({})), accepted: z.boolean() })
  .openapi('CommissioningReport');
