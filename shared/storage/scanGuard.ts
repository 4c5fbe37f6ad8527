/**
 * The rule "hot paths filter on `_id` only" (decisions 0001, 0003), checked on every query: FerretDB v1
 * scans a collection for any filter that does not pick one `_id` (docs/ferretdb.md). A query that may scan
 * is either on a collection kept small (a queue, a claim table, master data an admin keeps) or a named
 * repository operation that says why in its `comment` ("scan: …"). Anything else is a defect, logged once
 * per query shape; with AFTERSALES_SCAN_GUARD=refuse it throws instead (the storage tests run so).
 */
import type { Query, Schema } from 'mongoose';
import { logger } from '../runtime/logger';

/** Collections a query may filter freely: each stays small by design. */
export const SMALL_COLLECTIONS: Record<string, string> = {
  outbox: 'messages waiting; sent ones move to outbox_sent',
  outbox_claims: 'claims of messages being sent',
  webhook_deliveries: 'deliveries waiting; done ones move to webhook_deliveries_done',
  webhook_claims: 'claims of deliveries being sent',
  webhook_subscriptions: 'an admin keeps a few',
  quality_inspections_open: 'inspections waiting for a finding: the quality desk queue',
  open_requests: 'open work only (decision 0006)',
  regions: 'master data an admin keeps',
  engineers: 'master data: the service staff',
  sla_policies: 'master data an admin keeps',
  calendars: 'master data an admin keeps: a calendar per region or contract',
  policies: 'one service policy',
  product_lines: 'master data an admin keeps',
  warehouses: 'master data an admin keeps',
  service_points: 'master data an admin keeps: the counters of carry-in repair',
  accounts: 'staff accounts',
  service_tokens: 'tokens an admin issued',
};

const OPERATIONS = [
  'find',
  'findOne',
  'countDocuments',
  'updateOne',
  'updateMany',
  'deleteOne',
  'deleteMany',
  'replaceOne',
  'findOneAndUpdate',
  'findOneAndDelete',
] as const;

/** A filter that picks one document by `_id` (other fields beside it only guard that row). */
export const picksOneId = (filter: Record<string, unknown>): boolean => {
  const id = filter._id;
  return id !== undefined && id !== null && (typeof id !== 'object' || id.constructor?.name === 'ObjectId');
};

const warned = new Set<string>();

export function scanGuard(schema: Schema): void {
  schema.pre([...OPERATIONS], { document: false, query: true }, function (this: Query<unknown, unknown>) {
    const filter = this.getFilter() as Record<string, unknown>;
    const collection = this.model.collection.collectionName;
    if (picksOneId(filter) || collection in SMALL_COLLECTIONS) return;
    if (String(this.getOptions().comment ?? '').startsWith('scan: ')) return;
    const op = (this as unknown as { op: string }).op;
    if (op === 'findOne' && Object.keys(filter).length === 0) return; // the first document: no scan
    const shape = `${collection}.${op}(${Object.keys(filter).sort().join(',')})`;
    if (process.env.AFTERSALES_SCAN_GUARD === 'refuse')
      throw new Error(`unnamed scan ${shape}: filter by _id, or make it a repository operation with "scan: why"`);
    if (!warned.has(shape)) {
      warned.add(shape);
      logger.warn({ shape }, 'a query scans a large collection without saying why');
    }
  });
}
