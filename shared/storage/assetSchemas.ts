/**
 * The installed base (R-ASSET-1): a unit's components as a tree (a turbine's gearbox and generator, an
 * inverter's strings, a heater's tank and controller), each with the serial installed now and the serials
 * it had before, with the dates and the request that replaced them.
 */
import { Schema } from 'mongoose';
import { audit, key, opts } from './schemaOptions';

export const asset = new Schema(
  {
    ...key, // = assetId
    ...audit,
    assetId: { type: String, required: true },
    unitSerial: { type: String, required: true, index: true }, // the unit (top of the tree) it belongs to
    parentId: String, // the component it is part of; none: directly in the unit
    name: { type: String, required: true },
    kind: String,
    componentSerial: String, // the serial installed now
    partNo: String,
    installedAt: String,
    // Serials it had before: { serial, installedAt, removedAt, requestNo, by }, oldest first.
    formerSerials: { type: [Schema.Types.Mixed], default: [] },
  },
  opts,
);
/** One replacement per request and component, _id = requestNo:assetId: a retry replaces nothing twice. */
export const assetReplacement = new Schema(
  { ...key, assetId: String, requestNo: String, oldSerial: String, newSerial: String, by: String, at: String },
  opts,
);
