/** R-ASSET-2: each unit's counters as last reported (one document per unit and counter; its meter workflow writes it). */
import { Schema } from 'mongoose';
import { key, opts } from './schemaOptions';

export const usageMeter = new Schema(
  {
    ...key, // serial:counter
    serialNumber: { type: String, required: true, index: true },
    counter: { type: String, required: true },
    value: { type: Number, required: true },
    observedAt: String,
    readings: Number,
    reading: Number, // the meter's own reading, when it was reset (value counts the unit's life)
  },
  opts,
);
