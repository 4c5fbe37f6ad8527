/** Maintenance plan DTOs, one schema each (Node-side). */
import { text, z } from '../common/schemaParts';
import { CHECK_KINDS, CHECK_RESULTS, PLAN_INTERVALS_MONTHS } from './types';

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

export const planSchema = z
  .strictObject({
    serialNumber: text(64).optional().openapi({ description: 'a plan for one unit…' }),
    contractNo: text(64).optional().openapi({ description: '…or for every unit of a contract (ends with it)' }),
    everyMonths,
    leadDays: z
      .number()
      .int()
      .min(0)
      .max(60)
      .openapi({ description: 'the request opens this many days before the due date' }),
    firstDue: day,
    checklist,
    preferredWindow: z.string().trim().max(200).optional().openapi({ example: 'weekday mornings' }),
  })
  .refine((p) => !!p.serialNumber !== !!p.contractNo, {
    message: 'either serialNumber or contractNo, not both',
    path: ['serialNumber'],
  })
  .openapi('MaintenancePlan');
export const planChangeSchema = z
  .strictObject({
    everyMonths: everyMonths.optional(),
    leadDays: z.number().int().min(0).max(60).optional(),
    checklist: checklist.optional(),
    preferredWindow: z.string().trim().max(200).optional(),
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
