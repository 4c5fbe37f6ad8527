/** Field trips, requisitions, consumption, returns, stock and inspections (R-PARTS): request DTOs. */
import { isoDateTime, requestNo, text, z } from '../common/schemaParts';

const partNo = z
  .string()
  .trim()
  .regex(/^[A-Z0-9-]{2,40}$/, 'a part number like P-SWH-SENSOR');
const units = z.number().int().min(1).max(1000);
export const tripSchema = z
  .strictObject({
    engineerId: text(64)
      .optional()
      .openapi({ description: 'dispatchers name the engineer; an engineer plans their own trip' }),
    region: text(64),
    warehouseId: text(64),
    plannedStart: isoDateTime,
    plannedEnd: isoDateTime,
    tools: z
      .array(text(200))
      .max(50)
      .default([])
      .openapi({ description: 'tools, test equipment, documents, safety gear (R-VISIT-2 trip sheet)' }),
    lines: z
      .array(z.strictObject({ partNo, quantity: units, requestNo: requestNo.optional() }))
      .min(1)
      .max(50),
    requestNos: z.array(requestNo).max(50).default([]),
  })
  .openapi('FieldTrip');
export const tripApprovalSchema = z
  .strictObject({
    approve: z.boolean(),
    mode: z
      .enum(['wait', 'partial'])
      .default('wait')
      .openapi({ description: 'what stock cannot meet: wait for it (escalated after a while) or issue in part' }),
    reason: z.string().trim().max(500).optional(),
  })
  .openapi('TripApproval');
export const tripAttachSchema = z.strictObject({ requestNo }).openapi('TripAttach');
export const tripDetachSchema = z.strictObject({ requestNo, reason: text(500) }).openapi('TripDetach');
export const consumptionSchema = z
  .strictObject({
    requestNo,
    partNo,
    quantity: units,
    oldPart: z.enum(['returned', 'kept_by_customer', 'none']).openapi({
      description: 'the removed part: brought back for inspection, kept by the customer (recorded), or none',
    }),
    symptom: z.string().trim().max(500).optional(),
  })
  .openapi('Consumption');
export const tripEndSchema = z
  .strictObject({
    returned: z
      .array(z.strictObject({ partNo, quantity: units }))
      .max(50)
      .default([]),
    faulty: z
      .array(z.strictObject({ partNo, quantity: units, requestNo, symptom: text(500) }))
      .max(50)
      .default([])
      .openapi({ description: 'carried units found faulty, with the request and the symptom' }),
    oldParts: z
      .array(z.strictObject({ requestNo, partNo, symptom: text(500) }))
      .max(100)
      .default([])
      .openapi({ description: 'removed faulty modules brought back for quality inspection' }),
  })
  .openapi('TripEnd');
export const writeOffSchema = z.strictObject({ partNo, quantity: units, reason: text(500) }).openapi('WriteOff');
export const tripIdParamSchema = z.strictObject({
  tripId: z.string().regex(/^TRIP-\d{8}-[A-Z0-9]{4,8}$/, 'a trip id like TRIP-20261122-AB12'),
});
export const stockQuerySchema = z.strictObject({
  location: z.string().max(80).optional(),
  partNo: z.string().max(40).optional(),
});
export const inspectionParamSchema = z.strictObject({
  id: z
    .string()
    .regex(
      /^(TRIP-\d{8}-[A-Z0-9]{4,8}-I\d{1,4}|RET-[A-F0-9]{10})$/,
      'an inspection id like TRIP-20261122-AB12CD-I1 (from a trip) or RET-0123456789 (sent back by a branch office)',
    ),
});
/** 001 §5.6.3: a faulty module a branch office sends back, without a trip, linked to the request it came from. */
export const returnedModuleSchema = z
  .strictObject({
    requestNo,
    partNo: z
      .string()
      .trim()
      .regex(/^[A-Z0-9-]{2,40}$/, 'a part number like P-SWH-SENSOR'),
    symptom: text(500),
    sentBy: text(120).openapi({ description: 'the branch office that sent it back' }),
  })
  .openapi('ReturnedModule');
export const warehouseParamSchema = z.strictObject({
  warehouseId: z.string().regex(/^[A-Z0-9-]{2,40}$/, 'a warehouse id like WH-EAST'),
});
export const receiptSchema = z
  .strictObject({
    messageId: text(120).openapi({ description: "the sender's message id: the same receipt twice is booked once" }),
    lines: z
      .array(z.strictObject({ partNo, quantity: units }))
      .min(1)
      .max(50),
  })
  .openapi('PartsReceipt');
/** Who an inspection blames a faulty module on (R-PARTS-5, R-RMA-1). */
export const RESPONSIBLE_PARTIES = ['supplier', 'workmanship', 'customer', 'unknown'] as const;
export const inspectionFindingSchema = z
  .strictObject({
    finding: text(2000),
    responsibleParty: z.enum(RESPONSIBLE_PARTIES).optional().openapi({
      description: 'R-RMA-1: who the fault is blamed on; a supplier fault may go back with a supplier claim',
    }),
    improvement: z
      .strictObject({
        title: text(200),
        ownerId: text(64),
        ownerEmail: z.email().optional(),
        dueInDays: z.number().int().min(1).max(365).optional(),
      })
      .optional()
      .openapi({ description: 'the finding calls for an improvement action (R-FOLLOW-2): opened with it, once' }),
  })
  .openapi('InspectionFinding');

export type TripInput = z.infer<typeof tripSchema>;
export type TripApproval = z.infer<typeof tripApprovalSchema>;
export type Consumption = z.infer<typeof consumptionSchema>;
export type TripEnd = z.infer<typeof tripEndSchema>;
export type WriteOff = z.infer<typeof writeOffSchema>;
