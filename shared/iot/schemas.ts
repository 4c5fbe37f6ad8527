/** A fault report from IoT monitoring (R-INTAKE-1, channel `iot`): validated at the edge, one schema each. */
import { isoDateTime, text, z } from '../common/schemaParts';

/** A fault code as monitoring systems send it: letters, digits and `._-`. */
export const faultCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._-]{1,32}$/, 'letters, digits and . _ - only, 1 to 32 characters')
  .openapi({ example: 'E21-OVERTEMP' });

const reading = z.union([z.number(), z.string().max(200), z.boolean()]);

export const faultReportSchema = z
  .strictObject({
    messageId: text(120).openapi({
      description: "the monitoring system's message id: the same report twice counts once",
    }),
    serialNumber: text(64).openapi({ example: 'SWH-2024-0001' }),
    faultCode,
    severity: z.enum(['critical', 'major', 'minor']).openapi({
      description: 'critical → urgent, major → important, minor → general (the request urgency when one is opened)',
    }),
    observedAt: isoDateTime,
    description: z.string().trim().max(2000).optional(),
    readings: z
      .record(z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'reading names: letters, digits and . _ -'), reading)
      .refine((r) => Object.keys(r).length <= 50, 'at most 50 readings per report')
      .default({})
      .openapi({ example: { tankTempC: 96.5, pumpOn: false } }),
    siteAddress: z.string().trim().min(1).max(300).optional().openapi({
      description: "where the unit stands, when the unit's master data has no site address",
    }),
  })
  .openapi('FaultReport');
export type FaultReport = z.infer<typeof faultReportSchema>;

export const faultReportAnswerSchema = z
  .object({
    requestNo: z.string(),
    workflowId: z.string(),
    watchId: z.string().openapi({ description: 'the workflow that keeps one request per unit and fault code' }),
    created: z.boolean().openapi({ description: 'true: this report opened the request; false: added to it' }),
  })
  .openapi('FaultReportAnswer');
