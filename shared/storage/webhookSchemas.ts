/**
 * Events to other systems (R-INTEGRATE-3): subscriptions, the events a request produced, and one
 * delivery per subscription and event. Deliveries wait in a small collection until delivered (then they
 * move to the done log), like the outbox. Node-only.
 */
import { Schema } from 'mongoose';
import { key, opts } from './schemaOptions';

export const webhookSubscription = new Schema(
  {
    ...key, // = sub_<random>
    url: { type: String, required: true },
    eventTypes: [String], // empty: every event type
    secret: { type: String, required: true }, // whsec_<base64>, shown once when created
    description: String,
    active: { type: Boolean, default: true },
    createdBy: String,
  },
  opts,
);

export const webhookEvent = new Schema(
  {
    ...key, // = <workflow id>/<seq>/<type>: a retried publish inserts nothing new
    type: { type: String, required: true },
    requestNo: String,
    seq: Number,
    at: String,
    data: Schema.Types.Mixed,
  },
  opts,
);

const delivery = {
  ...key, // = <subscription id>|<event id>: the webhook-id, stable across retries
  subscriptionId: { type: String, required: true },
  eventId: { type: String, required: true },
  requestNo: String,
  seq: Number,
  status: { type: String, required: true }, // pending | parked here; delivered in the done log
  attempts: { type: Number, default: 0 },
  nextAttemptAt: Date,
  lastError: String,
  deliveredAt: Date,
};
export const webhookDelivery = new Schema(delivery, opts);
export const webhookDeliveryDone = new Schema(delivery, opts);
/** Who is delivering now: a unique insert, so exactly one dispatcher sends a delivery. */
export const webhookClaim = new Schema({ ...key, claimedAt: Date }, { versionKey: false });
