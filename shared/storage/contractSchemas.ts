/** What service contracts have used of their allowance (R-ENTITLE-1). */
import { Schema } from 'mongoose';
import { key, opts } from './schemaOptions';

/**
 * One visit of a contract period, claimed by a unique insert of `contractNo/periodStart/n` for n = 1 … the
 * allowance: of two requests racing for the last visit, one gets it (no transactions needed).
 */
export const contractVisit = new Schema(
  {
    ...key,
    contractNo: { type: String, required: true },
    periodStart: { type: String, required: true },
    slot: { type: Number, required: true },
    requestNo: { type: String, required: true },
  },
  opts,
);
