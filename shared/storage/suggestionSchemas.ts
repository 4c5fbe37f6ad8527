/** R-TRIAGE-3: suggestions' read model, one row per suggestion, written only by its workflow's publisher. */
import { Schema } from 'mongoose';
import { key, opts } from './schemaOptions';

export const suggestion = new Schema(
  {
    ...key, // = suggestionNo
    version: Number, // the workflow's step: a newer row is never overwritten by an older one
    status: { type: String, index: true },
    topic: String,
    channel: String,
    customerId: { type: String, index: true },
    customerName: String,
    requestNo: String,
    text: String,
    receivedAt: { type: String, index: true },
    reviewDueAt: String,
    reviewOverdue: Boolean,
    decision: String,
    improvementActionId: String,
    view: Schema.Types.Mixed, // the whole suggestion, history included: readable once its workflow has left Temporal
  },
  opts,
);
