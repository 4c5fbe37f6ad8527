/**
 * One zod schema per DTO: validates requests at the edge, generates the OpenAPI document and
 * gives the TypeScript types (z.infer). Workflows import these types with `import type` only.
 */
import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { CHANNELS, FAULT_CLASSES, REQUEST_KINDS, REQUEST_STATUSES, URGENCIES } from './domain';

extendZodWithOpenApi(z);

const text = (max: number) => z.string().trim().min(1).max(max);
const isoDateTime = z.iso.datetime({ offset: true }).openapi({ example: '2026-11-23T09:00:00+08:00' });
const score = z.number().int().min(1).max(10);

export const intakeSchema = z.strictObject({
  channel: z.enum(CHANNELS),
  kind: z.enum(REQUEST_KINDS),
  urgency: z.enum(URGENCIES).openapi({ description: 'urgent = safety or basic use affected; important = main function; general = minor' }),
  customerId: text(64).openapi({ example: 'CUST-001' }),
  contactName: text(120),
  contactPhone: z.string().trim().regex(/^\+?[0-9 ()-]{5,20}$/, 'digits, spaces, + ( ) - only, 5 to 20 characters'),
  siteAddress: text(300),
  region: text(64).openapi({ example: 'east' }),
  serialNumber: text(64).openapi({ example: 'SWH-2024-0001' }),
  fault: z.strictObject({
    symptoms: text(2000),
    startedAt: isoDateTime.optional(),
    environment: z.string().trim().max(500).optional(),
    faultClass: z.enum(FAULT_CLASSES).optional(),
  }),
  selfChecks: z.strictObject({ powerChecked: z.boolean(), valvesChecked: z.boolean(), notes: z.string().max(500).optional() }),
  visitNeeded: z.boolean().default(true),
  expectedResolutionBy: isoDateTime.optional(),
}).openapi('Intake');

export const reasonSchema = z.strictObject({ reason: text(500) }).openapi('Reason');
export const assignSchema = z.strictObject({ engineerId: text(64), reason: text(500) }).openapi('Assign');
export const appointmentSchema = z.strictObject({
  windowStart: isoDateTime,
  windowEnd: isoDateTime,
  estimatedDurationMinutes: z.number().int().min(15).max(24 * 60),
  customerConsent: z.boolean(),
  chargingPolicyExplained: z.boolean().default(false),
  toolsAndParts: z.array(text(200)).max(50).default([])
    .openapi({ description: 'tools, test equipment and parts to bring, for the work order (R-DISPATCH-2)', example: ['multimeter', 'P-SWH-SENSOR x1'] }),
}).openapi('Appointment');
export const checkInSchema = z.strictObject({ identityShown: z.boolean() }).openapi('CheckIn');
export const diagnosisSchema = z.strictObject({
  faultConfirmedWithCustomer: z.boolean(), faultClass: z.enum(FAULT_CLASSES), findings: text(4000),
}).openapi('Diagnosis');
export const workSchema = z.strictObject({
  actions: text(4000), functionalTestPassed: z.boolean(), demonstratedToCustomer: z.boolean(), cleanedUp: z.boolean(), advice: text(2000),
}).openapi('WorkRecord');
export const signOffSchema = z.strictObject({ signedBy: text(120), satisfied: z.boolean(), comment: z.string().max(2000).optional() }).openapi('SignOff');
export const followUpSchema = z.strictObject({
  punctuality: score, attitude: score, resolution: score, overall: score,
  reason: z.string().trim().max(2000).optional().openapi({ description: 'required when overall < 8' }),
  comment: z.string().max(2000).optional(),
}).openapi('FollowUp');

export const listQuerySchema = z.strictObject({
  status: z.enum(REQUEST_STATUSES).optional(),
  region: z.string().max(64).optional(),
  engineerId: z.string().max(64).optional(),
  customerId: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export const requestNoParamSchema = z.strictObject({ requestNo: z.string().regex(/^SR-\d{8}-\d{4,}$/, 'a request number like SR-20261122-0001') });

export type IntakeInput = z.infer<typeof intakeSchema>;
export type Appointment = z.infer<typeof appointmentSchema>;
export type Diagnosis = z.infer<typeof diagnosisSchema>;
export type WorkRecord = z.infer<typeof workSchema>;
export type SignOff = z.infer<typeof signOffSchema>;
export type FollowUp = z.infer<typeof followUpSchema>;
