/** Complaint DTOs, one schema each (Node-side). */
import { isoDateTime, periodFrom, periodTo, requestNo, text, z } from '../common/schemaParts';
import { CHANNELS } from '../serviceRequest/vocabulary';
import { COMPLAINT_CATEGORIES, COMPLAINT_STATUSES, RESPONSIBLE_PARTIES } from './types';

export { reasonSchema } from '../common/schemaParts';

export const complaintIntakeSchema = z
  .strictObject({
    channel: z.enum(CHANNELS),
    category: z.enum(COMPLAINT_CATEGORIES).openapi({ description: 'service quality, the result, or response speed' }),
    customerId: text(64),
    contactName: text(120),
    contactPhone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ()-]{5,20}$/, 'digits, spaces, + ( ) - only, 5 to 20 characters'),
    description: text(4000),
    relatedRequestNos: z
      .array(requestNo)
      .max(20)
      .default([])
      .openapi({ description: 'the service requests it is about (the customer’s own)' }),
    receivedAt: isoDateTime.optional().openapi({ description: 'when the customer complained, if earlier than now' }),
  })
  .openapi('ComplaintIntake');
/** What a customer writes on their request's page; channel, contact and the request come from the link. */
export const customerComplaintSchema = complaintIntakeSchema
  .pick({ category: true, description: true })
  .openapi('CustomerComplaint');
export const acknowledgeSchema = z.strictObject({ summary: text(2000) }).openapi('ComplaintAcknowledge');
export const respondSchema = z.strictObject({ summary: text(4000) }).openapi('ComplaintResponse');
export const investigationSchema = z
  .strictObject({
    findings: text(4000),
    responsibleParty: z.enum(RESPONSIBLE_PARTIES),
    rootCause: text(2000),
    improvementNeeded: z.boolean().openapi({ description: 'true: closing the complaint opens an improvement action' }),
  })
  .openapi('ComplaintInvestigation');
export const proposalSchema = z.strictObject({ resolution: text(4000) }).openapi('ComplaintProposal');
export const decisionSchema = z
  .strictObject({
    version: z.number().int().min(1),
    accept: z.boolean(),
    reason: z.string().trim().max(2000).optional().openapi({ description: 'required when rejecting' }),
  })
  .openapi('ComplaintDecision');
export const revisitSchema = z
  .strictObject({
    requestNo: requestNo.openapi({
      description: 'the related request to revisit: the new one copies its unit and site',
    }),
    symptoms: text(2000),
  })
  .openapi('ComplaintRevisit');
export const complaintFollowUpSchema = z
  .strictObject({ overall: z.number().int().min(1).max(10), comment: z.string().trim().max(2000).optional() })
  .openapi('ComplaintFollowUp');
export const complaintNoParamSchema = z.strictObject({
  complaintNo: z.string().regex(/^CP-\d{8}-\d{4,}$/, 'a complaint number like CP-20261123-0001'),
});
export const complaintListQuerySchema = z.strictObject({
  status: z.enum(COMPLAINT_STATUSES).optional(),
  customerId: z.string().max(64).optional(),
  requestNo: z.string().max(40).optional(),
  breached: z.enum(['true', 'false']).optional(),
  receivedFrom: periodFrom.optional(),
  receivedTo: periodTo.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type ComplaintIntakeInput = z.infer<typeof complaintIntakeSchema>;
export type InvestigationInput = z.infer<typeof investigationSchema>;
export type DecisionInput = z.infer<typeof decisionSchema>;
