/** Maintenance plan DTOs, one schema each (Node-side). */
import { isoDateTime, text, z } from '../common/schemaParts';
import { CHECK_KINDS, CHECK_RESULTS, PLAN_INTERVALS_MONTHS } from './types';
import { COUNTER_PATTERN } from './usage';

const day = z.iso.date().openapi({ example: '2027-03-01' });
const checklist = z
  .array(z.strictObject({ item: text(200), kind: z.enum(CHECK_KINDS) }))
  .min(1)
  .max(50)
  .refine((l) => new Set(l.map((i) => i.item)).size === l.length, 'each item once')
  .openapi({ description: 'inspection, cleaning, calibration: what the engineer records item by item' });
const everyMonths = z
  .number()
  .int()
  .refine(
    (n) => (PLAN_INTERVALS_MONTHS as readonly number[]).includes(n),
    `one of ${PLAN_INTERVALS_MONTHS.join(', ')} months`,
  );
const counter = z
  .string()
  .regex(COUNTER_PATTERN, 'a counter name: a letter, then letters, digits and . _ - (at most 64)')
  .openapi({ example: 'runningHours' });
export const usageRuleSchema = z
  .strictObject({
    counter,
    every: z.number().positive().max(1e9).openapi({ description: 'an occurrence each time the counter grows by this' }),
    from: z.number().min(0).max(1e12).default(0).openapi({ description: 'the counter at the last service' }),
    openBefore: z.number().min(0).default(0).openapi({ description: 'open this many counter units ahead' }),
  })
  .refine((u) => u.openBefore < u.every, { message: 'openBefore must be less than every', path: ['openBefore'] })
  .openapi('UsageRule', { description: 'R-ASSET-2: maintenance by running hours or another counter (IoT readings)' });

export const planSchema = z
  .strictObject({
    serialNumber: text(64).optional().openapi({ description: 'a plan for one unit…' }),
    contractNo: text(64).optional().openapi({ description: '…or for every unit of a contract (ends with it)' }),
    everyMonths: everyMonths.optional().openapi({ description: 'the calendar: every so many months…' }),
    leadDays: z.number().int().min(0).max(60).openapi({
      description: 'calendar: the request opens this many days before the due date; usage: days it has once opened',
    }),
    firstDue: day.optional().openapi({ description: '…from this due date' }),
    usage: usageRuleSchema.optional(),
    checklist,
    preferredWindow: z.string().trim().max(200).optional().openapi({ example: 'weekday mornings' }),
  })
  .refine((p) => !!p.serialNumber !== !!p.contractNo, {
    message: 'either serialNumber or contractNo, not both',
    path: ['serialNumber'],
  })
  .refine((p) => (p.everyMonths === undefined) === (p.firstDue === undefined), {
    message: 'everyMonths and firstDue go together (the calendar)',
    path: ['firstDue'],
  })
  .refine((p) => p.everyMonths !== undefined || p.usage !== undefined, {
    message: 'a plan needs a calendar (everyMonths and firstDue), a usage rule, or both',
    path: ['usage'],
  })
  .openapi('MaintenancePlan');
export const planChangeSchema = z
  .strictObject({
    everyMonths: everyMonths.optional(),
    leadDays: z.number().int().min(0).max(60).optional(),
    checklist: checklist.optional(),
    preferredWindow: z.string().trim().max(200).optional(),
    usage: usageRuleSchema.optional().openapi({ description: 'a usage plan only: its new rule' }),
    reason: text(500),
  })
  .openapi('MaintenancePlanChange');
export const planReasonSchema = z.strictObject({ reason: text(500) }).openapi('MaintenancePlanReason');
export const planIdParamSchema = z.strictObject({
  planId: z.string().regex(/^MP-[A-Z0-9]{6,12}$/, 'a plan id like MP-7K2Q9XAB'),
});
export const planListQuerySchema = z.strictObject({
  serialNumber: z.string().max(64).optional(),
  contractNo: z.string().max(64).optional(),
  region: z.string().max(64).optional(),
  status: z.enum(['active', 'paused', 'ended']).optional(),
});
export const upcomingQuerySchema = z.strictObject({
  from: day.optional().openapi({ description: 'default: today' }),
  to: day.optional().openapi({ description: 'default: 90 days on' }),
  region: z.string().max(64).optional(),
  serialNumber: z.string().max(64).optional(),
  planId: z.string().max(20).optional(),
});
export const checklistRecordSchema = z
  .strictObject({
    items: z
      .array(
        z.strictObject({
          item: text(200),
          result: z.enum(CHECK_RESULTS),
          note: z.string().trim().max(2000).optional(),
        }),
      )
      .min(1)
      .max(50),
  })
  .openapi('ChecklistRecord');

/** A counter reading from IoT monitoring (R-ASSET-2): running hours and the like, which only grow. */
export const usageReadingSchema = z
  .strictObject({
    messageId: text(120).openapi({
      description: "the monitoring system's message id: the same reading twice counts once",
    }),
    serialNumber: text(64).openapi({ example: 'WT-2023-0042' }),
    counter,
    value: z.number().min(0).max(1e12).openapi({ example: 4180 }),
    observedAt: isoDateTime,
  })
  .openapi('UsageReading');
export type UsageReading = z.infer<typeof usageReadingSchema>;
