/** Parts custody: the stock ledger, quality inspections, the trip read model and trip links (R-PARTS). */
import { Schema } from 'mongoose';
import { key, opts } from './schemaOptions';

/**
 * Stock per location (a warehouse, an engineer's van, a trip's reservation, quality inspection) and
 * part, as a ledger of movements (R-PARTS-4). Each entry's _id is <location>|<partNo>|<seq>: the next
 * sequence number can be inserted once only, so two writers racing for the last unit cannot both
 * append — the unique _id decides, with no transaction and no read-modify-write (FerretDB v1 has
 * neither). balanceAfter makes the balance a single read; the sum of deltas must always equal it.
 */
export const stockEntry = new Schema(
  {
    ...key, // = <location>|<partNo>|<seq, 9 digits>
    location: { type: String, required: true },
    partNo: { type: String, required: true },
    seq: { type: Number, required: true },
    delta: { type: Number, required: true },
    balanceAfter: { type: Number, required: true },
    kind: { type: String, required: true }, // receipt | reserve | release | issue | consume | return | faulty | old_part | write_off | returned_by_branch
    key: { type: String, required: true }, // idempotency key of the movement + side (out/in)
    counterpart: String, // the other location of the transfer
    ref: Schema.Types.Mixed, // trip, request, reason, symptom
    at: { type: Date, required: true },
  },
  { versionKey: false },
);

/** The newest known sequence per location and part: a hint for finding the ledger head (probed forward). */
export const stock = new Schema(
  {
    ...key, // = <location>:<partNo>
    location: String,
    warehouseId: String, // seed data of warehouses
    partNo: { type: String, required: true },
    onHand: { type: Number, required: true },
    seq: { type: Number, default: 0 },
  },
  opts,
);

/** A movement that completed: its idempotency key and what it moved. */
export const stockMove = new Schema(
  {
    ...key, // = the movement's key (workflow id / step)
    from: String,
    to: String,
    partNo: String,
    requested: Number,
    moved: Number,
    at: Date,
  },
  { versionKey: false },
);

/** Quality inspection of a faulty module brought back from a trip (R-PARTS-5). */
export const qualityInspection = new Schema(
  {
    ...key, // = <tripId>-I<n>
    tripId: String,
    requestNo: String,
    partNo: String,
    symptom: String,
    origin: String, // unused_faulty | removed_from_unit | sent_back_by_branch
    sentBy: String, // the branch office that sent a module back (no trip)
    status: { type: String, default: 'open' },
    finding: String,
    responsibleParty: { type: String, index: true }, // R-RMA-1: supplier | workmanship | customer | unknown
    inspector: String,
    findingAt: Date,
  },
  opts,
);

/** The one finding of an inspection: a unique insert, so two inspectors cannot both record one. */
export const inspectionFinding = new Schema(
  { ...key, finding: String, responsibleParty: String, inspector: String, at: Date },
  { versionKey: false },
); // _id = inspection id

/** Read model of field trips (R-PARTS), written only by the fieldTrip workflow's publishTripStep. */
export const trip = new Schema(
  {
    ...key, // = tripId
    tripId: String,
    version: Number,
    engineerId: String,
    region: String,
    warehouseId: String,
    status: String,
    plannedStart: String,
    plannedEnd: String,
    tools: [String],
    lines: Schema.Types.Mixed,
    parts: Schema.Types.Mixed,
    requests: [String],
    consumptions: Schema.Types.Mixed,
    requisition: Schema.Types.Mixed,
    nearby: Schema.Types.Mixed,
    returns: Schema.Types.Mixed,
    missing: Schema.Types.Mixed,
    writeOffs: Schema.Types.Mixed,
    inspections: [String],
    customerKept: Schema.Types.Mixed,
    cancelReason: String,
    workflowId: String,
    seq: Number,
    lastAction: String,
  },
  { versionKey: false, timestamps: true, minimize: false },
);

/** Which trip a request is attached to (R-VISIT-4), so cancelling the request can release its parts. */
export const tripRequest = new Schema({ ...key, tripId: { type: String, required: true } }, opts); // _id = requestNo
