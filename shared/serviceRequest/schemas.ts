/** Intake and every step of a service request: request DTOs, one schema each. */
import { isoDateTime, periodFrom, periodTo, requestNo, signatureIdSchema, text, z } from '../common/schemaParts';
import { faultCode } from '../iot/schemas';
import { usedLine } from '../quotation/schemas';
import { CHANNELS, FAULT_CLASSES, LISTED_STATUSES, REQUEST_KINDS, SERVICE_MODES, URGENCIES } from './vocabulary';

export { reasonSchema } from '../common/schemaParts';

const score = z.number().int().min(1).max(10);

export const intakeSchema = z
  .strictObject({
    channel: z.enum(CHANNELS),
    kind: z.enum(REQUEST_KINDS),
    urgency: z
      .enum(URGENCIES)
      .openapi({ description: 'urgent = safety or basic use affected; important = main function; general = minor' }),
    customerId: text(64).openapi({ example: 'CUST-001' }),
    contactName: text(120),
    contactPhone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ()-]{5,20}$/, 'digits, spaces, + ( ) - only, 5 to 20 characters'),
    siteAddress: text(300),
    region: text(64).openapi({ example: 'east' }),
    serialNumber: text(64).openapi({ example: 'SWH-2024-0001' }),
    assetId: text(64).optional().openapi({
      description: 'R-ASSET-1: the component of the unit the request is about (GET /units/{serial}/assets)',
    }),
    fault: z.strictObject({
      symptoms: text(2000),
      startedAt: isoDateTime.optional(),
      environment: z.string().trim().max(500).optional(),
      faultClass: z.enum(FAULT_CLASSES).optional(),
      faultCode: faultCode.optional().openapi({ description: 'the fault code a unit or monitoring system reported' }),
    }),
    selfChecks: z.strictObject({
      powerChecked: z.boolean(),
      valvesChecked: z.boolean(),
      notes: z.string().max(500).optional(),
    }),
    visitNeeded: z.boolean().default(true),
    remoteGuidanceFirst: z.boolean().default(false).openapi({
      description:
        'triage says phone/video guidance may solve it: an agent tries that before an engineer is dispatched (R-INTAKE-5)',
    }),
    expectedResolutionBy: isoDateTime.optional(),
    serviceMode: z.enum(SERVICE_MODES).optional().openapi({
      description:
        'on_site (the default): an engineer visits; carry_in (R-TRIAGE-2, 002 §2.1.3 送修): the customer brings the unit to servicePointId',
    }),
    servicePointId: text(64)
      .optional()
      .openapi({ description: 'the service point of a carry-in repair (GET /service-points)' }),
  })
  .superRefine((b, ctx) => {
    if (b.serviceMode === 'carry_in' && !b.servicePointId)
      ctx.addIssue({
        code: 'custom',
        path: ['servicePointId'],
        message: 'a carry-in repair names the service point the unit is brought to',
      });
    if (b.servicePointId && b.serviceMode !== 'carry_in')
      ctx.addIssue({
        code: 'custom',
        path: ['servicePointId'],
        message: 'a service point is given only with serviceMode carry_in',
      });
    if (b.serviceMode === 'carry_in' && !['fault_repair', 'maintenance'].includes(b.kind))
      ctx.addIssue({
        code: 'custom',
        path: ['serviceMode'],
        message: `carry_in is for fault_repair or maintenance, not ${b.kind}`,
      });
  })
  .openapi('Intake');

export const assignSchema = z
  .strictObject({
    engineerId: text(64),
    reason: text(500),
    uncertifiedReason: text(500).optional().openapi({
      description:
        'R-CERT-1: why an engineer without a valid certification the product line requires is assigned anyway (flagged to the supervisor)',
    }),
  })
  .openapi('Assign');
/** How far ahead a visit can be agreed. */
const MAX_AHEAD_MS = 366 * 86_400_000;
const windowFields = {
  windowStart: isoDateTime,
  windowEnd: isoDateTime,
  estimatedDurationMinutes: z
    .number()
    .int()
    .min(15)
    .max(24 * 60),
  customerConsent: z.boolean(),
  chargingPolicyExplained: z.boolean().default(false),
  toolsAndParts: z
    .array(text(200))
    .max(50)
    .default([])
    .openapi({
      description: 'tools, test equipment and parts to bring, for the work order (R-DISPATCH-2)',
      example: ['multimeter', 'P-SWH-SENSOR x1'],
    }),
  customerChoseTime: z.boolean().optional().openapi({
    description:
      'the customer asked for this window; if it starts after the arrival deadline, the arrival and resolution clocks wait until it starts (R-SLA-5)',
  }),
  reason: z
    .string()
    .trim()
    .max(500)
    .optional()
    .openapi({ description: 'required when changing an agreed appointment (R-DISPATCH-4)' }),
};
/** Checked at the edge against the clock of the call: a window already over, or beyond a year, is a typo. */
const sensibleWindow = (a: { windowStart: string; windowEnd: string }, ctx: z.RefinementCtx) => {
  const [start, end, now] = [Date.parse(a.windowStart), Date.parse(a.windowEnd), Date.now()];
  if (end <= start) ctx.addIssue({ code: 'custom', path: ['windowEnd'], message: 'must be after windowStart' });
  if (end <= now) ctx.addIssue({ code: 'custom', path: ['windowEnd'], message: 'the window is already over' });
  if (start > now + MAX_AHEAD_MS) {
    ctx.addIssue({ code: 'custom', path: ['windowStart'], message: 'at most a year ahead' });
  }
};
const WINDOW = { description: 'a window that has not ended yet and starts at most a year ahead' };
export const appointmentSchema = z
  .strictObject(windowFields)
  .superRefine(sensibleWindow)
  .openapi('Appointment', WINDOW);
/** R-VISIT-1: a window proposed to the customer, who consents (or not) on their page. */
export const appointmentProposalSchema = z
  .strictObject((({ customerConsent: _c, ...rest }) => rest)(windowFields))
  .superRefine(sensibleWindow)
  .openapi('AppointmentProposal', WINDOW);
export const appointmentAnswerSchema = z
  .strictObject({
    windowStart: isoDateTime.openapi({
      description: 'the start of the window answered, as proposed (a stale page is refused)',
    }),
    accept: z.boolean(),
    reason: z.string().trim().max(500).optional().openapi({ description: 'why not, when declining' }),
  })
  .openapi('AppointmentAnswer');
export const endVisitSchema = z
  .strictObject({
    outcome: z.literal('another_visit_needed'),
    reason: text(500),
    needs: z
      .array(z.enum(['parts', 'time', 'tools', 'specialist', 'customer_absent', 'other']))
      .min(1)
      .max(6),
  })
  .openapi('EndVisit');
export const remoteGuidanceSchema = z
  .strictObject({ solved: z.boolean(), summary: text(2000) })
  .openapi('RemoteGuidance');
/** R-ENTITLE-1: a supervisor approves work beyond the contract's allowance as contract work, or refuses it (paid). */
export const allowanceDecisionSchema = z
  .strictObject({ approve: z.boolean(), reason: text(500) })
  .openapi('AllowanceDecision');
export const customerContactSchema = z
  .strictObject({
    kind: z.enum(['acknowledgement', 'response']).openapi({
      description:
        'acknowledgement: the request is confirmed with the customer; response: a first substantive answer (R-SLA-2/3)',
    }),
    summary: text(2000),
  })
  .openapi('CustomerContact');
export const customerMessageSchema = z
  .strictObject({
    messageId: text(120).openapi({ description: "the sender's message id: the same message twice is recorded once" }),
    channel: z.enum(['email', 'phone', 'messaging', 'app', 'web', 'dealer']),
    from: text(120),
    text: text(4000),
  })
  .openapi('CustomerMessage');
export const supportAskSchema = z
  .strictObject({ mode: z.enum(['remote', 'on_site']), question: text(2000) })
  .openapi('SupportAsk');
export const supportAnswerSchema = z
  .strictObject({
    mode: z.enum(['remote', 'on_site']),
    answer: text(4000),
    joinOnSiteAt: isoDateTime.optional(),
  })
  .openapi('SupportAnswer');
export const checkInSchema = z.strictObject({ identityShown: z.boolean() }).openapi('CheckIn');
export const diagnosisSchema = z
  .strictObject({
    faultConfirmedWithCustomer: z.boolean(),
    faultClass: z.enum(FAULT_CLASSES),
    findings: text(4000),
  })
  .openapi('Diagnosis');
export const workSchema = z
  .strictObject({
    used: z.array(usedLine).max(100).optional().openapi({
      description:
        'parts and labour actually used, for the settlement of chargeable work; default: the approved quotation',
    }),
    actions: text(4000),
    functionalTestPassed: z.boolean(),
    demonstratedToCustomer: z.boolean(),
    cleanedUp: z.boolean(),
    advice: text(2000),
    components: z
      .array(z.strictObject({ assetId: text(64), newSerial: text(64), partNo: text(64).optional() }))
      .max(20)
      .optional()
      .openapi({
        description:
          'R-ASSET-1: components this work replaced: each new serial becomes the installed component, the old one leaves',
      }),
  })
  .openapi('WorkRecord');
export const signOffSchema = z
  .strictObject({
    signedBy: text(120),
    satisfied: z.boolean(),
    comment: z.string().max(2000).optional(),
    signatureId: signatureIdSchema.optional(),
  })
  .openapi('SignOff');
export const followUpSchema = z
  .strictObject({
    punctuality: score,
    attitude: score,
    resolution: score,
    overall: score,
    reason: z.string().trim().max(2000).optional().openapi({ description: 'required when overall < 8' }),
    comment: z.string().max(2000).optional(),
    faultBack: z
      .strictObject({ symptoms: text(2000) })
      .optional()
      .openapi({ description: 'the customer says the fault has come back: a linked request opens (R-FOLLOW-3)' }),
  })
  .openapi('FollowUp');
export const recurrenceSchema = z
  .strictObject({
    symptoms: text(2000).openapi({ description: 'what the customer sees now; the rest is copied from the request' }),
    startedAt: isoDateTime.optional(),
    urgency: z.enum(URGENCIES).optional().openapi({ description: "default: the earlier request's urgency" }),
    channel: z.enum(CHANNELS).optional().openapi({ description: 'default: web for a customer, hotline otherwise' }),
  })
  .openapi('Recurrence');

export const listQuerySchema = z.strictObject({
  status: z.enum(LISTED_STATUSES).optional(),
  region: z.string().max(64).optional(),
  engineerId: z.string().max(64).optional(),
  customerId: z.string().max(64).optional(),
  breached: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ description: 'only requests with (true) or without (false) a breached SLA clock' }),
  open: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ description: 'true: only requests not yet signed off, closed or cancelled' }),
  sort: z
    .enum(['received', 'deadline'])
    .default('received')
    .openapi({ description: 'received: newest first; deadline: nearest SLA deadline first (dispatcher list)' }),
  receivedFrom: periodFrom.optional(),
  receivedTo: periodTo.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export const requestNoParamSchema = z.strictObject({ requestNo });

export type IntakeInput = z.infer<typeof intakeSchema>;
export type EndVisit = z.infer<typeof endVisitSchema>;
export type RemoteGuidance = z.infer<typeof remoteGuidanceSchema>;
export type AllowanceDecision = z.infer<typeof allowanceDecisionSchema>;
export type CustomerContact = z.infer<typeof customerContactSchema>;
export type SupportAsk = z.infer<typeof supportAskSchema>;
export type SupportAnswer = z.infer<typeof supportAnswerSchema>;
export type Appointment = z.infer<typeof appointmentSchema>;
export type AppointmentProposal = z.infer<typeof appointmentProposalSchema>;
export type AppointmentAnswer = z.infer<typeof appointmentAnswerSchema>;
export type Diagnosis = z.infer<typeof diagnosisSchema>;
export type WorkRecord = z.infer<typeof workSchema>;
export type SignOff = z.infer<typeof signOffSchema>;
export type FollowUp = z.infer<typeof followUpSchema>;
export type RecurrenceInput = z.infer<typeof recurrenceSchema>;
export type CustomerMessage = z.infer<typeof customerMessageSchema>;
