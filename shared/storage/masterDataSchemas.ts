/** Master data: customers, units, contracts, product lines, SLA policies, engineers, regions, policies, parts, warehouses, service points, prices. */
import { Schema } from 'mongoose';
import { audit, key, opts } from './schemaOptions';

export const customer = new Schema(
  {
    ...key, // = customerId
    ...audit,
    customerId: { type: String, required: true },
    name: { type: String, required: true },
    email: String,
    phone: String,
    region: String,
    language: String, // zh | en: what customers are told is written in it (default zh)
    agreedBrands: { type: [String], default: undefined }, // 002 §2.3.3: part brands agreed besides genuine
  },
  opts,
);

export const unit = new Schema(
  {
    ...key, // = serialNumber
    ...audit,
    serialNumber: { type: String, required: true },
    customerId: { type: String, required: true, index: true },
    model: { type: String, required: true },
    productLine: { type: String, required: true },
    purchaseDate: { type: String, required: true },
    installDate: String,
    warrantyStart: String, // set by an accepted commissioning when unknown (R-VISIT-7)
    warrantyEnd: { type: String, required: true },
    contractNo: String,
    siteId: String, // the customer's site it stands at (address, region, contact)
    siteAddress: String, // where the unit stands: used when a request arrives without one (IoT reports)
    region: String, // the service region of its site, when it differs from the customer's (R-INTAKE-3)
  },
  opts,
);

/** A customer's site: where units stand, the region that serves it, and who to call there. */
export const site = new Schema(
  {
    ...key, // = siteId
    ...audit,
    siteId: { type: String, required: true },
    customerId: { type: String, required: true },
    address: { type: String, required: true },
    region: String,
    contactName: String,
    contactPhone: String,
  },
  opts,
);

export const contract = new Schema(
  {
    ...key, // = contractNo
    ...audit,
    contractNo: { type: String, required: true },
    customerId: { type: String, required: true },
    start: { type: String, required: true },
    end: { type: String, required: true },
    terms: String,
    coverage: { part: Boolean, labour: Boolean, callout: Boolean, travel: Boolean }, // what the contract pays for (R-INTAKE-6)
    slaPolicy: String, // SLA policy key agreed in the contract; overrides the product line's
    calendar: String, // R-SLA-6: the service hours agreed in the contract, for the policy's business-time clocks
    // R-ENTITLE-1: visits / on-site hours per period, and what happens past them (paid or approval)
    allowance: {
      type: { period: String, visits: Number, hours: Number, beyond: String },
      _id: false,
      default: undefined,
    },
  },
  opts,
);

/** A product line and the SLA policy its requests run under unless a contract says otherwise. */
export const productLine = new Schema(
  {
    ...key, // = productLine
    ...audit,
    productLine: { type: String, required: true },
    name: String,
    slaPolicy: { type: String, required: true },
    certificationRequired: Boolean, // R-CERT-1: only engineers with a valid certification are offered its work
  },
  opts,
);

const clockBudgets = { acknowledge: Number, response: Number, dispatch: Number, arrival: Number, resolution: Number };
const slaPolicyFields = {
  key: { type: String, required: true },
  version: { type: Number, required: true },
  name: { type: String, required: true },
  budgets: { urgent: clockBudgets, important: clockBudgets, general: clockBudgets },
  byKind: Schema.Types.Mixed,
  warnAtShare: { type: Number, required: true },
  managerEscalationDelayMs: { type: Number, required: true },
  offerAcceptanceMs: { type: Number, required: true },
  businessHours: { type: { calendar: String, clocks: [String] }, _id: false, default: undefined }, // R-SLA-6
};
/** The current version of each SLA policy (R-SLA-1/2); a request copies it at intake and keeps it. */
export const slaPolicy = new Schema({ ...key, ...slaPolicyFields }, { ...opts, minimize: false }); // _id = key
/** Every version ever published, _id = key@version: the unique insert decides which change wins. */
export const slaPolicyVersion = new Schema(
  { ...key, ...slaPolicyFields, changedBy: String },
  { ...opts, minimize: false },
);

const calendarFields = {
  key: { type: String, required: true },
  version: { type: Number, required: true },
  name: { type: String, required: true },
  timeZone: { type: String, required: true },
  // Checked at the edge (calendarSchemas.ts): weekday → [{from, to}], [{date, name}], 调休 [{date, name, hoursOf}].
  week: { type: Schema.Types.Mixed, required: true },
  holidays: { type: Schema.Types.Mixed, default: [] },
  workingDays: { type: Schema.Types.Mixed, default: [] },
};
/** The current version of each business calendar (R-SLA-6); a request keeps the version it started with. */
export const calendar = new Schema({ ...key, ...calendarFields }, { ...opts, minimize: false }); // _id = key
/** Every version ever published, _id = key@version. */
export const calendarVersion = new Schema(
  { ...key, ...calendarFields, changedBy: String },
  { ...opts, minimize: false },
);

export const engineer = new Schema(
  {
    ...key, // = engineerId
    ...audit,
    engineerId: { type: String, required: true },
    name: { type: String, required: true },
    email: String,
    phone: String,
    regions: [String],
    skills: [String],
    // R-CERT-1: a product line, or { productLine, name, number, validUntil } (checked at the edge)
    certifications: { type: [Schema.Types.Mixed], default: [] },
    active: { type: Boolean, default: true },
  },
  opts,
);

export const region = new Schema(
  {
    ...key, // = region
    ...audit,
    region: { type: String, required: true },
    name: String,
    supervisorEmail: String,
    supervisorId: String, // staff id of the supervisor: owns improvement actions from the region's follow-ups
    managerEmail: String,
    agentQueueEmail: String,
    technicalEmail: String, // the technical department that supports engineers (R-VISIT-5)
    slaExemptClocks: [String], // R-SLA-1: a remote area may be exempt from e.g. the arrival clock
    calendar: String, // R-SLA-6: the region's service hours and holidays, unless a contract agrees others
  },
  opts,
);

export const policy = new Schema(
  {
    ...key, // = key
    key: { type: String, required: true },
    version: { type: Number, required: true },
    followUpDelayMs: { type: Number, required: true },
    followUpGraceMs: { type: Number, required: true },
    appointmentReminderLeadMs: { type: Number, required: true },
    engineerCallLeadMs: { type: Number, default: 30 * 60_000 },
    archiveRetentionDays: { type: Number, required: true },
    quoteReminderMs: Number,
    quoteExpiryMs: Number,
    diagnosisFeeOnDecline: Boolean,
    workWarrantyDays: Number,
    improvementDueDays: Number, // R-FOLLOW-2: default 14
    improvementReminderDays: Number, // default 2
    suggestionReviewDays: Number, // R-TRIAGE-3: quality reviews a suggestion within this (default 7)
    changedBy: String, // the admin who published this version
    kpiTargets: Schema.Types.Mixed, // R-RECORD-3: overrides of the KPI targets (responseMinutes, repairHours, shares)
  },
  opts,
);

/** Every published version of the service policy (`service@3`): the unique id decides between two admins. */
export const policyVersion = policy.clone();

export const part = new Schema(
  {
    ...key, // = partNo
    ...audit,
    partNo: { type: String, required: true },
    name: { type: String, required: true },
    fitsModels: [String],
    genuine: { type: Boolean, default: true },
    brand: String, // a part not genuine: used only where the customer agreed to this brand
    kit: { type: Boolean, default: false }, // one of the common parts every trip carries (001 §5.3.6)
  },
  opts,
);

export const warehouse = new Schema(
  { ...key, ...audit, warehouseId: { type: String, required: true }, name: String, region: String },
  opts,
); // _id = warehouseId

/** R-TRIAGE-2: a counter where customers bring units in for carry-in repair (002 §2.1.3 送修) and collect them. */
export const servicePoint = new Schema(
  {
    ...key,
    ...audit,
    servicePointId: { type: String, required: true },
    name: String,
    address: String,
    region: String,
    phone: String,
    openingHours: String,
    storage: { type: { _id: false, freeDays: Number, feePerDayMinor: Number, currency: String }, default: undefined },
  },
  opts,
); // _id = servicePointId

export const price = new Schema(
  {
    ...key, // = code
    ...audit,
    code: { type: String, required: true }, // part number, LABOUR-<level>, CALLOUT, TRAVEL-KM
    description: String,
    unitPriceMinor: { type: Number, required: true }, // integer minor units, never floating point
    currency: { type: String, required: true },
    unit: String,
    kind: String, // part | labour | callout | travel | fee
    warrantyDays: Number, // warranty on a replaced part (R-SETTLE-3)
  },
  opts,
);
