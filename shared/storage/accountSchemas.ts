/** Staff accounts and their server-side sessions (issue: every person signs in with their own account). */
import { Schema } from 'mongoose';
import { key, opts } from './schemaOptions';

export const account = new Schema(
  {
    ...key, // = username
    displayName: { type: String, required: true },
    email: String,
    role: { type: String, required: true },
    engineerId: String, // an engineer's account acts as this engineer
    regions: [String], // where the person works: a dispatcher's board opens on their region
    passwordHash: { type: String, required: true },
    /** An account made by the company's sign-in (OpenID Connect): its provider and subject; no password. */
    signOn: { issuer: String, subject: String },
    active: { type: Boolean, required: true },
    /** Bumped by deactivation and password reset: sessions from before stop working at once. */
    sessionEpoch: { type: Number, required: true },
    version: { type: Number, required: true },
  },
  opts,
);

/** One document per change, `_id` = `<username>@<version>`: who changed what (never the password). */
export const accountChange = new Schema(
  { ...key, username: String, version: Number, change: String, by: String, at: Date },
  { versionKey: false },
);

/** express-session's store: one document per session id, read and written by `_id` only. */
export const session = new Schema(
  { ...key, data: { type: Schema.Types.Mixed, required: true }, expiresAt: { type: Date, required: true } },
  { versionKey: false },
);

/** Tokens an admin issued to another system (role service): the token itself is shown once, never stored. */
export const serviceToken = new Schema(
  {
    ...key, // = tok_<random>, the token's jti
    name: { type: String, required: true }, // the system it is for; the token's subject
    createdBy: String,
    expiresAt: Date,
    revokedAt: Date,
    revokedBy: String,
  },
  opts,
);
