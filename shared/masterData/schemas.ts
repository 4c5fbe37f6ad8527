/** Master data DTOs (Node-side): what an admin may create; updates send any of the same fields. */
import { ALLOWANCE_PERIODS, BEYOND_ALLOWANCE } from '../contract/allowance';
import { text, z } from '../common/schemaParts';
import { CLOCK_NAMES } from '../sla/types';

const id = (example: string) =>
  z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits and . _ - only')
    .openapi({ example });
const day = z.iso.date();
const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ()-]{5,20}$/, 'digits, spaces, + ( ) - only, 5 to 20 characters');
const names = z.array(text(64)).max(50);

export const MASTER_DATA = {
  customers: z.strictObject({
    customerId: id('CUST-100'),
    name: text(200),
    email: z.email().optional(),
    phone: phone.optional(),
    region: text(64).optional(),
    language: z
      .enum(['zh', 'en'])
      .optional()
      .openapi({ description: 'the language of mail and messages to them; default zh' }),
    agreedBrands: names.optional().openapi({
      description: '002 §2.3.3: brands of parts besides genuine ones the customer agreed to; none: genuine only',
    }),
  }),
  sites: z.strictObject({
    siteId: id('SITE-100'),
    customerId: text(64),
    address: text(300),
    region: text(64).optional(),
    contactName: text(120).optional(),
    contactPhone: phone.optional(),
  }),
  units: z.strictObject({
    serialNumber: id('SWH-2026-0100'),
    customerId: text(64),
    model: text(120),
    productLine: text(64),
    purchaseDate: day,
    installDate: day.optional(),
    warrantyStart: day.optional(),
    warrantyEnd: day,
    contractNo: text(64).optional(),
    siteId: text(64).optional(),
    siteAddress: text(300).optional(),
    region: text(64).optional(),
  }),
  assets: z.strictObject({
    assetId: id('A-WT42-GBX'),
    unitSerial: text(64).openapi({ description: 'R-ASSET-1: the unit whose component this is' }),
    parentId: text(64).optional().openapi({ description: 'the component it is part of (none: directly in the unit)' }),
    name: text(200),
    kind: text(64).optional().openapi({ example: 'gearbox' }),
    componentSerial: text(64).optional(),
    partNo: text(64).optional(),
    installedAt: day.optional(),
  }),
  contracts: z.strictObject({
    contractNo: id('SC-2026-100'),
    customerId: text(64),
    start: day,
    end: day,
    terms: z.string().trim().max(2000).optional(),
    coverage: z
      .strictObject({ part: z.boolean(), labour: z.boolean(), callout: z.boolean(), travel: z.boolean() })
      .partial()
      .optional(),
    slaPolicy: text(64).optional(),
    calendar: text(40).optional().openapi({ description: 'R-SLA-6: the business calendar agreed (GET /calendars)' }),
    allowance: z
      .strictObject({
        period: z.enum(ALLOWANCE_PERIODS),
        visits: z.number().int().min(1).max(1000).optional(),
        hours: z.number().positive().max(10_000).optional(),
        beyond: z.enum(BEYOND_ALLOWANCE),
      })
      .refine((a) => a.visits !== undefined || a.hours !== undefined, 'an allowance states visits, hours or both')
      .optional()
      .openapi({
        description:
          'R-ENTITLE-1: visits and/or on-site hours per period (term, year, quarter, month from the start); past them the work is paid (quotation gate) or needs a supervisor’s approval',
      }),
  }),
  'product-lines': z.strictObject({
    productLine: id('heat-pump'),
    name: text(200).optional(),
    slaPolicy: text(64),
    certificationRequired: z
      .boolean()
      .optional()
      .openapi({ description: 'R-CERT-1: only engineers with a valid certification for it are offered its work' }),
  }),
  engineers: z.strictObject({
    engineerId: id('ENG-100'),
    name: text(120),
    email: z.email().optional(),
    phone: phone.optional(),
    regions: names.min(1),
    skills: names.default([]),
    certifications: z
      .array(
        z.union([
          text(64),
          z.strictObject({
            productLine: text(64),
            name: text(120).optional(),
            number: text(64).optional(),
            validUntil: day,
          }),
        ]),
      )
      .max(50)
      .default([])
      .openapi({
        description:
          'R-CERT-1: product lines the engineer is certified for, each with its expiry ({productLine, name, number, validUntil}); a bare product line has no expiry recorded',
      }),
  }),
  regions: z.strictObject({
    region: id('south'),
    name: text(200).optional(),
    supervisorEmail: z.email().optional(),
    supervisorId: text(64).optional(),
    managerEmail: z.email().optional(),
    agentQueueEmail: z.email().optional(),
    calendar: text(40).optional().openapi({ description: 'R-SLA-6: the region’s business calendar (GET /calendars)' }),
    technicalEmail: z.email().optional(),
    slaExemptClocks: z.array(z.enum(CLOCK_NAMES)).max(CLOCK_NAMES.length).optional(),
  }),
  warehouses: z.strictObject({ warehouseId: id('WH-SOUTH'), name: text(200).optional(), region: text(64).optional() }),
  'service-points': z.strictObject({
    servicePointId: id('SP-SH-01'),
    name: text(200),
    address: text(300),
    region: text(64),
    phone: phone.optional(),
    openingHours: text(200)
      .optional()
      .openapi({ description: 'R-TRIAGE-2: when customers can bring a unit in or collect it, as told to them' }),
    storage: z
      .strictObject({
        freeDays: z.number().int().min(1).max(365),
        feePerDayMinor: z.number().int().min(0).max(10_000_000),
        currency: z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 code like CNY'),
      })
      .optional()
      .openapi({
        description:
          'R-TRIAGE-2: a repaired unit is kept free this many days after it is ready, then charged per day until collected',
      }),
  }),
  parts: z.strictObject({
    partNo: id('P-HP-VALVE'),
    name: text(200),
    fitsModels: names.default([]),
    genuine: z.boolean().default(true),
    kit: z.boolean().default(false).openapi({ description: 'one of the common parts every trip carries (001 §5.3.6)' }),
    brand: text(64)
      .optional()
      .openapi({ description: 'a part not genuine is used only where the customer agreed to its brand' }),
  }),
  prices: z.strictObject({
    code: id('P-HP-VALVE'),
    description: text(200).optional(),
    unitPriceMinor: z.number().int().min(0, 'not negative').max(1e12),
    currency: z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 code like CNY'),
    unit: text(20).optional(),
    kind: z.enum(['part', 'labour', 'callout', 'travel', 'fee']).optional(),
    warrantyDays: z.number().int().min(0).max(3650).optional(),
  }),
} as const;
export type MasterDataKind = keyof typeof MASTER_DATA;
export const MASTER_DATA_KINDS = Object.keys(MASTER_DATA) as MasterDataKind[];
export const reasonBody = z.strictObject({ reason: text(500) });
