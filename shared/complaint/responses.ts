/** What the complaint endpoints answer (OpenAPI). */
import { z } from '../common/schemaParts';
import { COMPLAINT_STATUSES } from './types';

export const complaintAnswerSchema = z
  .object({
    complaintNo: z.string(),
    status: z.enum(COMPLAINT_STATUSES),
    seq: z.number().int(),
    requestNo: z.string().optional().openapi({ description: 'a revisit: the linked service request it opened' }),
  })
  .openapi('ComplaintAnswer');
export const complaintCreatedSchema = z
  .object({
    complaintNo: z.string(),
    workflowId: z.string(),
    status: z.literal('received'),
    customerLink: z.string().openapi({ description: "the customer's signed link to follow and answer it" }),
  })
  .openapi('ComplaintCreated');
const row = z.looseObject({ complaintNo: z.string(), status: z.string() });
export const complaintListSchema = z
  .object({ items: z.array(row), total: z.number().int(), limit: z.number().int(), offset: z.number().int() })
  .openapi('ComplaintList');
export const complaintViewSchema = z
  .looseObject({ complaintNo: z.string(), status: z.string(), history: z.array(z.looseObject({ action: z.string() })) })
  .openapi('Complaint');
