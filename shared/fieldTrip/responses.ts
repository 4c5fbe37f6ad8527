/** What the trip, stock and inspection endpoints answer (OpenAPI). */
import { z } from '../common/schemaParts';

export const tripViewSchema = z
  .looseObject({ tripId: z.string(), status: z.string(), parts: z.array(z.looseObject({ partNo: z.string() })) })
  .openapi('Trip');
export const tripCreatedSchema = z
  .object({ tripId: z.string(), workflowId: z.string(), status: z.string() })
  .openapi('TripCreated');
export const stockListSchema = z
  .object({ items: z.array(z.object({ location: z.string(), partNo: z.string(), onHand: z.number() })) })
  .openapi('StockList');
export const inspectionSchema = z.looseObject({ status: z.string() }).openapi('Inspection');
export const receiptAnswerSchema = z
  .object({
    warehouseId: z.string(),
    messageId: z.string(),
    booked: z.array(z.object({ partNo: z.string(), quantity: z.number() })),
    woken: z.array(z.string()).openapi({ description: 'trips whose waiting requisition tries again now' }),
  })
  .openapi('PartsReceived');
