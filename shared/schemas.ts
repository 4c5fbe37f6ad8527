/**
 * One zod schema per DTO: validates requests at the edge, generates the OpenAPI document and
 * gives the TypeScript types (z.infer). Workflows import these types with `import type` only.
 */
import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { CHANNELS, CLOCK_NAMES, FAULT_CLASSES, REQUEST_KINDS, REQUEST_STATUSES, URGENCIES } from './domain';

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
  remoteGuidanceFirst: z.boolean().default(false)
    .openapi({ description: 'triage says phone/video guidance may solve it: an agent tries that before an engineer is dispatched (R-INTAKE-5)' }),
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
  customerChoseTime: z.boolean().optional()
    .openapi({ description: 'the customer asked for this window; if it starts after the arrival deadline, the arrival and resolution clocks wait until it starts (R-SLA-5)' }),
  reason: z.string().trim().max(500).optional().openapi({ description: 'required when changing an agreed appointment (R-DISPATCH-4)' }),
}).openapi('Appointment');
export const endVisitSchema = z.strictObject({
  outcome: z.literal('another_visit_needed'),
  reason: text(500),
  needs: z.array(z.enum(['parts', 'time', 'tools', 'specialist', 'customer_absent', 'other'])).min(1).max(6),
}).openapi('EndVisit');
export const remoteGuidanceSchema = z.strictObject({ solved: z.boolean(), summary: text(2000) }).openapi('RemoteGuidance');
export const customerContactSchema = z.strictObject({
  kind: z.enum(['acknowledgement', 'response']).openapi({ description: 'acknowledgement: the request is confirmed with the customer; response: a first substantive answer (R-SLA-2/3)' }),
  summary: text(2000),
}).openapi('CustomerContact');
export const supportAskSchema = z.strictObject({ mode: z.enum(['remote', 'on_site']), question: text(2000) }).openapi('SupportAsk');
export const supportAnswerSchema = z.strictObject({
  mode: z.enum(['remote', 'on_site']), answer: text(4000), joinOnSiteAt: isoDateTime.optional(),
}).openapi('SupportAnswer');
export const checkInSchema = z.strictObject({ identityShown: z.boolean() }).openapi('CheckIn');
export const diagnosisSchema = z.strictObject({
  faultConfirmedWithCustomer: z.boolean(), faultClass: z.enum(FAULT_CLASSES), findings: text(4000),
}).openapi('Diagnosis');
const partOrServiceCode = z.string().trim().regex(/^[A-Z0-9-]{2,40}$/, 'a price list code like P-SWH-SENSOR or LABOUR-STANDARD');
const usedLine = z.strictObject({
  code: partOrServiceCode,
  quantity: z.number().positive().max(10_000).refine((q) => Number.isInteger(q * 4), 'a multiple of 0.25 (hours) or a whole number'),
});
export const workSchema = z.strictObject({
  used: z.array(usedLine).max(100).optional()
    .openapi({ description: 'parts and labour actually used, for the settlement of chargeable work; default: the approved quotation' }),
  actions: text(4000), functionalTestPassed: z.boolean(), demonstratedToCustomer: z.boolean(), cleanedUp: z.boolean(), advice: text(2000),
}).openapi('WorkRecord');
export const signOffSchema = z.strictObject({ signedBy: text(120), satisfied: z.boolean(), comment: z.string().max(2000).optional() }).openapi('SignOff');
export const followUpSchema = z.strictObject({
  punctuality: score, attitude: score, resolution: score, overall: score,
  reason: z.string().trim().max(2000).optional().openapi({ description: 'required when overall < 8' }),
  comment: z.string().max(2000).optional(),
}).openapi('FollowUp');

export const quotationSchema = z.strictObject({
  lines: z.array(usedLine.extend({ description: z.string().trim().max(200).optional() })).min(1).max(100)
    .openapi({ description: 'items, labour hours, call-out and travel by price list code; prices come from the price list (R-QUOTE-1)' }),
  reason: z.string().trim().max(1000).optional().openapi({ description: 'required for a revision: what new problem was found (R-QUOTE-4)' }),
}).openapi('Quotation');
const minor = z.number().int().min(0).max(1e12);
export const quoteApprovalSchema = z.strictObject({
  version: z.number().int().min(1),
  totalMinor: minor.openapi({ description: 'the total the customer approves, in minor units; must equal the version\'s total' }),
  signedBy: text(120),
  formReference: z.string().trim().max(120).optional().openapi({ description: 'engineer recording a written approval: reference of the signed form (required then)' }),
}).openapi('QuoteApproval');
export const quoteDeclineSchema = z.strictObject({ version: z.number().int().min(1), reason: text(1000) }).openapi('QuoteDecline');
export const settlementApprovalSchema = z.strictObject({
  totalMinor: minor, signedBy: text(120), formReference: z.string().trim().max(120).optional(),
}).openapi('SettlementApproval');
export const paymentSchema = z.strictObject({
  transactionId: text(120).openapi({ description: 'the payer\'s transaction id: a repeated payment with the same id is recorded once' }),
  amountMinor: minor.refine((n) => n > 0, 'greater than 0'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 code like CNY'),
  method: z.enum(['cash', 'electronic']),
  receiptNo: text(120),
}).openapi('Payment');
export const invoiceSchema = z.strictObject({ invoiceNo: text(120), account: text(120) }).openapi('Invoice');

const partNo = z.string().trim().regex(/^[A-Z0-9-]{2,40}$/, 'a part number like P-SWH-SENSOR');
const units = z.number().int().min(1).max(1000);
const requestNo = z.string().regex(/^SR-\d{8}-\d{4,}$/, 'a request number like SR-20261122-0001');
export const tripSchema = z.strictObject({
  engineerId: text(64).optional().openapi({ description: 'dispatchers name the engineer; an engineer plans their own trip' }),
  region: text(64),
  warehouseId: text(64),
  plannedStart: isoDateTime,
  plannedEnd: isoDateTime,
  tools: z.array(text(200)).max(50).default([]).openapi({ description: 'tools, test equipment, documents, safety gear (R-VISIT-2 trip sheet)' }),
  lines: z.array(z.strictObject({ partNo, quantity: units, requestNo: requestNo.optional() })).min(1).max(50),
  requestNos: z.array(requestNo).max(50).default([]),
}).openapi('FieldTrip');
export const tripApprovalSchema = z.strictObject({
  approve: z.boolean(),
  mode: z.enum(['wait', 'partial']).default('wait').openapi({ description: 'what stock cannot meet: wait for it (escalated after a while) or issue in part' }),
  reason: z.string().trim().max(500).optional(),
}).openapi('TripApproval');
export const tripAttachSchema = z.strictObject({ requestNo }).openapi('TripAttach');
export const tripDetachSchema = z.strictObject({ requestNo, reason: text(500) }).openapi('TripDetach');
export const consumptionSchema = z.strictObject({
  requestNo, partNo, quantity: units,
  oldPart: z.enum(['returned', 'kept_by_customer', 'none']).openapi({ description: 'the removed part: brought back for inspection, kept by the customer (recorded), or none' }),
  symptom: z.string().trim().max(500).optional(),
}).openapi('Consumption');
export const tripEndSchema = z.strictObject({
  returned: z.array(z.strictObject({ partNo, quantity: units })).max(50).default([]),
  faulty: z.array(z.strictObject({ partNo, quantity: units, requestNo, symptom: text(500) })).max(50).default([])
    .openapi({ description: 'carried units found faulty, with the request and the symptom' }),
  oldParts: z.array(z.strictObject({ requestNo, partNo, symptom: text(500) })).max(100).default([])
    .openapi({ description: 'removed faulty modules brought back for quality inspection' }),
}).openapi('TripEnd');
export const writeOffSchema = z.strictObject({ partNo, quantity: units, reason: text(500) }).openapi('WriteOff');
export const tripIdParamSchema = z.strictObject({ tripId: z.string().regex(/^TRIP-\d{8}-[A-Z0-9]{4,8}$/, 'a trip id like TRIP-20261122-AB12') });
export const stockQuerySchema = z.strictObject({ location: z.string().max(80).optional(), partNo: z.string().max(40).optional() });
export const inspectionParamSchema = z.strictObject({ id: z.string().regex(/^TRIP-\d{8}-[A-Z0-9]{4,8}-I\d{1,4}$/, 'an inspection id like TRIP-20261122-AB12CD-I1') });
export const inspectionFindingSchema = z.strictObject({ finding: text(2000) }).openapi('InspectionFinding');

export const listQuerySchema = z.strictObject({
  status: z.enum(REQUEST_STATUSES).optional(),
  region: z.string().max(64).optional(),
  engineerId: z.string().max(64).optional(),
  customerId: z.string().max(64).optional(),
  breached: z.enum(['true', 'false']).optional().openapi({ description: 'only requests with (true) or without (false) a breached SLA clock' }),
  open: z.enum(['true', 'false']).optional().openapi({ description: 'true: only requests not yet signed off, closed or cancelled' }),
  sort: z.enum(['received', 'deadline']).default('received').openapi({ description: 'received: newest first; deadline: nearest SLA deadline first (dispatcher list)' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export const requestNoParamSchema = z.strictObject({ requestNo: z.string().regex(/^SR-\d{8}-\d{4,}$/, 'a request number like SR-20261122-0001') });

const budgetMs = z.number().int().min(60_000).max(90 * 86_400_000);
const clockBudgets = z.strictObject(Object.fromEntries(CLOCK_NAMES.map((n) => [n, budgetMs.optional()])) as Record<(typeof CLOCK_NAMES)[number], z.ZodOptional<typeof budgetMs>>);
export const slaPolicySchema = z.strictObject({
  name: text(120),
  budgets: z.strictObject({ urgent: clockBudgets, important: clockBudgets, general: clockBudgets })
    .openapi({ description: 'per urgency, the budget of each clock in ms (acknowledge, response, dispatch, arrival, resolution)' }),
  byKind: z.partialRecord(z.enum(REQUEST_KINDS), clockBudgets).optional(),
  warnAtShare: z.number().gt(0).lt(1),
  managerEscalationDelayMs: budgetMs,
  offerAcceptanceMs: budgetMs,
}).openapi('SlaPolicy');
export const slaPolicyParamSchema = z.strictObject({ key: z.string().regex(/^[a-z0-9-]{2,40}$/, 'lower-case letters, digits and -, 2 to 40 characters') });

export type IntakeInput = z.infer<typeof intakeSchema>;
export type EndVisit = z.infer<typeof endVisitSchema>;
export type RemoteGuidance = z.infer<typeof remoteGuidanceSchema>;
export type CustomerContact = z.infer<typeof customerContactSchema>;
export type SupportAsk = z.infer<typeof supportAskSchema>;
export type SupportAnswer = z.infer<typeof supportAnswerSchema>;
export type SlaPolicyInput = z.infer<typeof slaPolicySchema>;
export type QuotationInput = z.infer<typeof quotationSchema>;
export type TripInput = z.infer<typeof tripSchema>;
export type TripApproval = z.infer<typeof tripApprovalSchema>;
export type Consumption = z.infer<typeof consumptionSchema>;
export type TripEnd = z.infer<typeof tripEndSchema>;
export type WriteOff = z.infer<typeof writeOffSchema>;
export type QuoteApproval = z.infer<typeof quoteApprovalSchema>;
export type QuoteDecline = z.infer<typeof quoteDeclineSchema>;
export type SettlementApproval = z.infer<typeof settlementApprovalSchema>;
export type PaymentInput = z.infer<typeof paymentSchema>;
export type InvoiceInput = z.infer<typeof invoiceSchema>;
export type Appointment = z.infer<typeof appointmentSchema>;
export type Diagnosis = z.infer<typeof diagnosisSchema>;
export type WorkRecord = z.infer<typeof workSchema>;
export type SignOff = z.infer<typeof signOffSchema>;
export type FollowUp = z.infer<typeof followUpSchema>;
