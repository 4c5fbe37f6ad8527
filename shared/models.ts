/**
 * Mongoose models: master data, read model, outbox, improvement actions and archive.
 * Node-only (never imported by workflows). Written for FerretDB v1 and MongoDB 6+ alike:
 * no transactions; unique keys make every write idempotent.
 */
import mongoose, { Connection, Schema } from 'mongoose';

const opts = { versionKey: false, timestamps: true } as const;

/**
 * Natural business keys are the _id. FerretDB v1 (SQLite) finds a document by _id without scanning
 * its collection, but scans for any other field, unique index or not (measured: 28 ms vs 232 ms per
 * lookup at 5,000 documents). On MongoDB the _id index serves just as well.
 */
const key = { _id: { type: String, required: true } } as const;

const customer = new Schema({
  ...key, // = customerId
  customerId: { type: String, required: true },
  name: { type: String, required: true },
  email: String,
  phone: String,
  region: String,
}, opts);

const unit = new Schema({
  ...key, // = serialNumber
  serialNumber: { type: String, required: true },
  customerId: { type: String, required: true, index: true },
  model: { type: String, required: true },
  productLine: { type: String, required: true },
  purchaseDate: { type: String, required: true },
  installDate: String,
  warrantyEnd: { type: String, required: true },
  contractNo: String,
}, opts);

const contract = new Schema({
  ...key, // = contractNo
  contractNo: { type: String, required: true },
  customerId: { type: String, required: true },
  start: { type: String, required: true },
  end: { type: String, required: true },
  terms: String,
  coverage: { part: Boolean, labour: Boolean, callout: Boolean, travel: Boolean }, // what the contract pays for (R-INTAKE-6)
  slaPolicy: String, // SLA policy key agreed in the contract; overrides the product line's
}, opts);

/** A product line and the SLA policy its requests run under unless a contract says otherwise. */
const productLine = new Schema({
  ...key, // = productLine
  productLine: { type: String, required: true },
  name: String,
  slaPolicy: { type: String, required: true },
}, opts);

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
};
/** The current version of each SLA policy (R-SLA-1/2); a request copies it at intake and keeps it. */
const slaPolicy = new Schema({ ...key, ...slaPolicyFields }, { ...opts, minimize: false }); // _id = key
/** Every version ever published, _id = key@version: the unique insert decides which change wins. */
const slaPolicyVersion = new Schema({ ...key, ...slaPolicyFields, changedBy: String }, { ...opts, minimize: false });

const engineer = new Schema({
  ...key, // = engineerId
  engineerId: { type: String, required: true },
  name: { type: String, required: true },
  email: String,
  phone: String,
  regions: [String],
  skills: [String],
  certifications: [String],
  active: { type: Boolean, default: true },
}, opts);

const region = new Schema({
  ...key, // = region
  region: { type: String, required: true },
  name: String,
  supervisorEmail: String,
  managerEmail: String,
  agentQueueEmail: String,
  technicalEmail: String, // the technical department that supports engineers (R-VISIT-5)
  slaExemptClocks: [String], // R-SLA-1: a remote area may be exempt from e.g. the arrival clock
}, opts);

const policy = new Schema({
  ...key, // = key
  key: { type: String, required: true },
  version: { type: Number, required: true },
  followUpDelayMs: { type: Number, required: true },
  followUpGraceMs: { type: Number, required: true },
  appointmentReminderLeadMs: { type: Number, required: true },
  engineerCallLeadMs: { type: Number, default: 30 * 60_000 },
  archiveRetentionDays: { type: Number, required: true },
  quoteReminderMs: Number, quoteExpiryMs: Number, diagnosisFeeOnDecline: Boolean, workWarrantyDays: Number,
}, opts);

const part = new Schema({
  ...key, // = partNo
  partNo: { type: String, required: true },
  name: { type: String, required: true },
  fitsModels: [String],
  genuine: { type: Boolean, default: true },
}, opts);

const warehouse = new Schema({ ...key, warehouseId: { type: String, required: true }, name: String, region: String }, opts); // _id = warehouseId

/**
 * Stock per location (a warehouse, an engineer's van, a trip's reservation, quality inspection) and
 * part, as a ledger of movements (R-PARTS-4). Each entry's _id is <location>|<partNo>|<seq>: the next
 * sequence number can be inserted once only, so two writers racing for the last unit cannot both
 * append — the unique _id decides, with no transaction and no read-modify-write (FerretDB v1 has
 * neither). balanceAfter makes the balance a single read; the sum of deltas must always equal it.
 */
const stockEntry = new Schema({
  ...key, // = <location>|<partNo>|<seq, 9 digits>
  location: { type: String, required: true },
  partNo: { type: String, required: true },
  seq: { type: Number, required: true },
  delta: { type: Number, required: true },
  balanceAfter: { type: Number, required: true },
  kind: { type: String, required: true }, // receipt | reserve | release | issue | consume | return | faulty | old_part | write_off
  key: { type: String, required: true }, // idempotency key of the movement + side (out/in)
  counterpart: String, // the other location of the transfer
  ref: Schema.Types.Mixed, // trip, request, reason, symptom
  at: { type: Date, required: true },
}, { versionKey: false });

/** The newest known sequence per location and part: a hint for finding the ledger head (probed forward). */
const stock = new Schema({
  ...key, // = <location>:<partNo>
  location: String,
  warehouseId: String, // seed data of warehouses
  partNo: { type: String, required: true },
  onHand: { type: Number, required: true },
  seq: { type: Number, default: 0 },
}, opts);

/** A movement that completed: its idempotency key and what it moved. */
const stockMove = new Schema({
  ...key, // = the movement's key (workflow id / step)
  from: String, to: String, partNo: String, requested: Number, moved: Number, at: Date,
}, { versionKey: false });

/** Quality inspection of a faulty module brought back from a trip (R-PARTS-5). */
const qualityInspection = new Schema({
  ...key, // = <tripId>-I<n>
  tripId: String, requestNo: String, partNo: String, symptom: String, origin: String, // unused_faulty | removed_from_unit
  status: { type: String, default: 'open' }, finding: String, inspector: String, findingAt: Date,
}, opts);

/** The one finding of an inspection: a unique insert, so two inspectors cannot both record one. */
const inspectionFinding = new Schema({ ...key, finding: String, inspector: String, at: Date }, { versionKey: false }); // _id = inspection id

/** The requests of each unit, one slot per request (`<serial>|<seq>`), plus a head hint (`<serial>|head`). */
const unitRequest = new Schema({ ...key, requestNo: String, seq: Number }, { versionKey: false });

/** Read model of field trips (R-PARTS), written only by the fieldTrip workflow's publishTripStep. */
const trip = new Schema({
  ...key, // = tripId
  tripId: String, version: Number, engineerId: String, region: String, warehouseId: String, status: String,
  plannedStart: String, plannedEnd: String, tools: [String], lines: Schema.Types.Mixed, parts: Schema.Types.Mixed,
  requests: [String], consumptions: Schema.Types.Mixed, requisition: Schema.Types.Mixed, nearby: Schema.Types.Mixed,
  returns: Schema.Types.Mixed, missing: Schema.Types.Mixed, writeOffs: Schema.Types.Mixed, inspections: [String],
  customerKept: Schema.Types.Mixed, cancelReason: String, workflowId: String, seq: Number, lastAction: String,
}, { versionKey: false, timestamps: true, minimize: false });

/** Which trip a request is attached to (R-VISIT-4), so cancelling the request can release its parts. */
const tripRequest = new Schema({ ...key, tripId: { type: String, required: true } }, opts); // _id = requestNo

const price = new Schema({
  ...key, // = code
  code: { type: String, required: true }, // part number, LABOUR-<level>, CALLOUT, TRAVEL-KM
  description: String,
  unitPriceMinor: { type: Number, required: true }, // integer minor units, never floating point
  currency: { type: String, required: true },
  unit: String,
  kind: String, // part | labour | callout | travel | fee
  warrantyDays: Number, // warranty on a replaced part (R-SETTLE-3)
}, opts);

const intakeKey = new Schema({
  ...key, // = <caller id>:<Idempotency-Key>
  requestNo: String, // set once the workflow has started; absent while it is being created
  callerId: String,
}, opts);

/** Read model for lists (R-RECORD-3 later); written only by the publishStep activity. */
const serviceRequest = new Schema({
  ...key, // = requestNo
  requestNo: { type: String, required: true },
  workflowId: String,
  version: { type: Number, required: true },
  status: { type: String, index: true },
  kind: String, urgency: String, channel: String, region: String,
  customerId: { type: String, index: true }, customerName: String,
  serialNumber: { type: String, index: true }, productLine: String, entitlement: String,
  engineerId: { type: String, index: true }, offeredTo: String,
  appointmentStart: String, followUpDueAt: String,
  receivedAt: String, lastAction: String, lastActionAt: String,
  // SLA and dispatch (R-SLA-4, R-DISPATCH): the dispatcher list filters and sorts on these.
  open: Boolean, nextDeadline: String, deadlineOrder: String, slaPolicy: String,
  slaBreached: Boolean, breachedClocks: [String], breaches: Schema.Types.Mixed, pausedMs: Number,
  waitingOn: String, visits: Number, resolution: String,
  // Quotations and settlement (R-QUOTE, R-SETTLE)
  quotationVersion: Number, quotationStatus: String, settlementTotalMinor: Number, currency: String, settled: Boolean, closedAs: String,
}, { versionKey: false, timestamps: true });

/** Messages not yet delivered; once sent they move to outbox_sent, so the dispatcher's scan stays small. */
const outbox = new Schema({
  ...key, // = the message key: workflow id / step / template / recipient
  requestNo: { type: String, index: true },
  channel: { type: String, required: true },
  to: { type: String, required: true }, // role of the recipient
  address: String,
  template: String,
  subject: String,
  body: String,
  status: { type: String, required: true }, // pending | undeliverable here; sent in outbox_sent
  attempts: { type: Number, default: 0 },
  lastError: String,
  sentAt: Date,
}, opts);

/**
 * Who is delivering a message now: a unique insert, so exactly one dispatcher wins. (FerretDB v1 loses
 * concurrent findAndModify / conditional updates; a unique index is the guard that holds.)
 */
const outboxClaim = new Schema({
  _id: { type: String, required: true }, // the message key
  claimedAt: { type: Date, required: true },
  by: String,
}, { versionKey: false });

const improvementAction = new Schema({
  ...key, // = <workflow id>/improvement
  requestNo: { type: String, required: true },
  owner: String,
  score: Number,
  reason: String,
  status: { type: String, default: 'open' },
}, opts);

const archive = new Schema({
  ...key, // = requestNo
  requestNo: { type: String, required: true },
  archiveKey: { type: String, required: true, index: true }, // customer name + serial number + service date (R-RECORD-2)
  closedAt: { type: Date, required: true },
  retainUntil: { type: Date, required: true },
  record: { type: Schema.Types.Mixed, required: true },
}, opts);

export function createModels(conn: Connection) {
  return {
    Customer: conn.model('Customer', customer, 'customers'),
    Unit: conn.model('Unit', unit, 'units'),
    Contract: conn.model('Contract', contract, 'contracts'),
    Engineer: conn.model('Engineer', engineer, 'engineers'),
    Region: conn.model('Region', region, 'regions'),
    Policy: conn.model('Policy', policy, 'policies'),
    ProductLine: conn.model('ProductLine', productLine, 'product_lines'),
    SlaPolicy: conn.model('SlaPolicy', slaPolicy, 'sla_policies'),
    SlaPolicyVersion: conn.model('SlaPolicyVersion', slaPolicyVersion, 'sla_policy_versions'),
    Part: conn.model('Part', part, 'parts'),
    Warehouse: conn.model('Warehouse', warehouse, 'warehouses'),
    Stock: conn.model('Stock', stock, 'stock'),
    StockEntry: conn.model('StockEntry', stockEntry, 'stock_ledger'),
    StockMove: conn.model('StockMove', stockMove, 'stock_moves'),
    QualityInspection: conn.model('QualityInspection', qualityInspection, 'quality_inspections'),
    TripRequest: conn.model('TripRequest', tripRequest, 'trip_requests'),
    Trip: conn.model('Trip', trip, 'trips'),
    UnitRequest: conn.model('UnitRequest', unitRequest, 'unit_requests'),
    InspectionFinding: conn.model('InspectionFinding', inspectionFinding, 'inspection_findings'),
    Price: conn.model('Price', price, 'price_list'),
    IntakeKey: conn.model('IntakeKey', intakeKey, 'intake_keys'),
    ServiceRequest: conn.model('ServiceRequest', serviceRequest, 'service_requests'),
    Outbox: conn.model('Outbox', outbox, 'outbox'),
    OutboxSent: conn.model('OutboxSent', outbox, 'outbox_sent'),
    OutboxClaim: conn.model('OutboxClaim', outboxClaim, 'outbox_claims'),
    ImprovementAction: conn.model('ImprovementAction', improvementAction, 'improvement_actions'),
    Archive: conn.model('Archive', archive, 'archive'),
  };
}
export type Models = ReturnType<typeof createModels>;

/** Connects and makes sure every unique index exists before anything relies on it. */
export async function connectModels(uri: string): Promise<{ conn: Connection; models: Models }> {
  const conn = mongoose.createConnection(uri, { autoIndex: false, serverSelectionTimeoutMS: 10_000 });
  await conn.asPromise();
  const models = createModels(conn);
  for (const model of Object.values(models)) await model.createIndexes();
  return { conn, models };
}

export const isDuplicateKey = (err: unknown): boolean => (err as { code?: number })?.code === 11000;
