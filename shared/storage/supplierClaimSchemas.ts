/** Supplier claims (R-RMA-1): one per inspection, and its one outcome (a unique insert decides it). */
import { Schema } from 'mongoose';
import { key, opts } from './schemaOptions';

export const supplierClaim = new Schema(
  {
    ...key, // = RMA-<inspection id>
    inspectionId: { type: String, required: true },
    requestNo: String,
    partNo: String,
    supplier: { type: String, required: true },
    claimNo: { type: String, required: true },
    serials: [String],
    note: String,
    status: { type: String, default: 'sent', index: true }, // sent | credited | replaced | rejected
    sentBy: String,
    outcome: Schema.Types.Mixed, // what came back: credit, replacement, or the rejection's note
    decidedAt: { type: String, index: true }, // ISO day and time the outcome was recorded (the KPI period)
  },
  opts,
);
/** The claim's outcome, _id = claim id: of two people recording one, the first insert wins. */
export const supplierClaimOutcome = new Schema({ ...key, outcome: Schema.Types.Mixed, by: String }, opts);
