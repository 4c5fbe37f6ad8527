/**
 * Mongoose models: master data, read model, outbox, improvement actions and archive.
 * Node-only (never imported by workflows). Written for FerretDB v1 and MongoDB 6+ alike:
 * no transactions; unique keys make every write idempotent.
 */
import mongoose, { type Connection } from 'mongoose';
import * as acc from './accountSchemas';
import { attachmentFile } from './attachmentSchemas';
import * as inst from './assetSchemas';
import * as ct from './contractSchemas';
import * as c from './custodySchemas';
import * as sc from './supplierClaimSchemas';
import * as md from './masterDataSchemas';
import * as r from './requestSchemas';
import * as u from './usageSchemas';
import * as sg from './suggestionSchemas';
import * as w from './webhookSchemas';
import { scanGuard } from './scanGuard';
import { signature } from './signatures';

export function createModels(conn: Connection) {
  if (!conn.plugins.some((p: unknown[]) => p[0] === scanGuard)) conn.plugin(scanGuard); // every query is checked (scanGuard.ts)
  return {
    Customer: conn.model('Customer', md.customer, 'customers'),
    Unit: conn.model('Unit', md.unit, 'units'),
    Asset: conn.model('Asset', inst.asset, 'assets'),
    AssetReplacement: conn.model('AssetReplacement', inst.assetReplacement, 'asset_replacements'),
    Site: conn.model('Site', md.site, 'sites'),
    Contract: conn.model('Contract', md.contract, 'contracts'),
    Engineer: conn.model('Engineer', md.engineer, 'engineers'),
    Region: conn.model('Region', md.region, 'regions'),
    Policy: conn.model('Policy', md.policy, 'policies'),
    PolicyVersion: conn.model('PolicyVersion', md.policyVersion, 'policy_versions'),
    ProductLine: conn.model('ProductLine', md.productLine, 'product_lines'),
    SlaPolicy: conn.model('SlaPolicy', md.slaPolicy, 'sla_policies'),
    SlaPolicyVersion: conn.model('SlaPolicyVersion', md.slaPolicyVersion, 'sla_policy_versions'),
    Calendar: conn.model('Calendar', md.calendar, 'calendars'),
    ContractVisit: conn.model('ContractVisit', ct.contractVisit, 'contract_visits'),
    SupplierClaim: conn.model('SupplierClaim', sc.supplierClaim, 'supplier_claims'),
    SupplierClaimOutcome: conn.model('SupplierClaimOutcome', sc.supplierClaimOutcome, 'supplier_claim_outcomes'),
    CalendarVersion: conn.model('CalendarVersion', md.calendarVersion, 'calendar_versions'),
    Part: conn.model('Part', md.part, 'parts'),
    Warehouse: conn.model('Warehouse', md.warehouse, 'warehouses'),
    ServicePoint: conn.model('ServicePoint', md.servicePoint, 'service_points'),
    Stock: conn.model('Stock', c.stock, 'stock'),
    StockEntry: conn.model('StockEntry', c.stockEntry, 'stock_ledger'),
    StockMove: conn.model('StockMove', c.stockMove, 'stock_moves'),
    QualityInspection: conn.model('QualityInspection', c.qualityInspection, 'quality_inspections'),
    // The inspections still waiting for a finding (the quality desk's queue): a small collection, like the outbox.
    OpenInspection: conn.model('OpenInspection', c.qualityInspection.clone(), 'quality_inspections_open'),
    TripRequest: conn.model('TripRequest', c.tripRequest, 'trip_requests'),
    Trip: conn.model('Trip', c.trip, 'trips'),
    UnitRequest: conn.model('UnitRequest', r.unitRequest, 'unit_requests'),
    InspectionFinding: conn.model('InspectionFinding', c.inspectionFinding, 'inspection_findings'),
    Price: conn.model('Price', md.price, 'price_list'),
    IntakeKey: conn.model('IntakeKey', r.intakeKey, 'intake_keys'),
    StepKey: conn.model('StepKey', r.stepKey, 'step_keys'),
    ServiceRequest: conn.model('ServiceRequest', r.serviceRequest, 'service_requests'),
    // Open work only (docs/decisions/0006): rows leave when the request is past its visits.
    OpenRequest: conn.model('OpenRequest', r.serviceRequest.clone(), 'open_requests'),
    RequestChange: conn.model('RequestChange', r.requestChange, 'request_changes'),
    Outbox: conn.model('Outbox', r.outbox, 'outbox'),
    OutboxSent: conn.model('OutboxSent', r.outbox, 'outbox_sent'),
    OutboxClaim: conn.model('OutboxClaim', r.outboxClaim, 'outbox_claims'),
    ImprovementAction: conn.model('ImprovementAction', r.improvementAction, 'improvement_actions'),
    Complaint: conn.model('Complaint', r.complaint, 'complaints'),
    MaintenancePlan: conn.model('MaintenancePlan', r.maintenancePlan, 'maintenance_plans'),
    MaintenanceOccurrence: conn.model('MaintenanceOccurrence', r.maintenanceOccurrence, 'maintenance_occurrences'),
    UsageMeter: conn.model('UsageMeter', u.usageMeter, 'usage_meters'),
    Suggestion: conn.model('Suggestion', sg.suggestion, 'suggestions'),
    MasterDataChange: conn.model('MasterDataChange', r.masterDataChange, 'master_data_changes'),
    KpiMonth: conn.model('KpiMonth', r.kpiMonth, 'kpi_months'),
    Archive: conn.model('Archive', r.archive, 'archive'),
    RequestHistory: conn.model('RequestHistory', r.requestHistory, 'request_history'),
    Signature: conn.model('Signature', signature, 'signatures'),
    AttachmentFile: conn.model('AttachmentFile', attachmentFile, 'attachment_files'),
    Account: conn.model('Account', acc.account, 'accounts'),
    ServiceToken: conn.model('ServiceToken', acc.serviceToken, 'service_tokens'),
    AccountChange: conn.model('AccountChange', acc.accountChange, 'account_changes'),
    Session: conn.model('Session', acc.session, 'sessions'),
    WebhookSubscription: conn.model('WebhookSubscription', w.webhookSubscription, 'webhook_subscriptions'),
    WebhookEvent: conn.model('WebhookEvent', w.webhookEvent, 'webhook_events'),
    WebhookDelivery: conn.model('WebhookDelivery', w.webhookDelivery, 'webhook_deliveries'),
    WebhookDeliveryDone: conn.model('WebhookDeliveryDone', w.webhookDeliveryDone, 'webhook_deliveries_done'),
    WebhookClaim: conn.model('WebhookClaim', w.webhookClaim, 'webhook_claims'),
  };
}
export type Models = ReturnType<typeof createModels>;

/**
 * Connects and makes sure every unique index exists before anything relies on it. While the database
 * is unreachable, a call fails after `serverSelectionTimeoutMS` (the HTTP layer answers 503) instead of
 * waiting in mongoose's buffer.
 */
export async function connectModels(
  uri: string,
  opts: { serverSelectionTimeoutMS?: number } = {},
): Promise<{ conn: Connection; models: Models }> {
  const conn = mongoose.createConnection(uri, {
    autoIndex: false,
    bufferCommands: false,
    serverSelectionTimeoutMS: opts.serverSelectionTimeoutMS ?? 5_000,
  });
  await conn.asPromise();
  const models = createModels(conn);
  for (const model of Object.values(models)) await model.createIndexes();
  return { conn, models };
}

export const isDuplicateKey = (err: unknown): boolean => (err as { code?: number })?.code === 11000;
/** For a unique insert whose document may already be there (a claim, a marker): anything else still throws. */
export const ignoreDuplicateKey = (err: unknown): void => {
  if (!isDuplicateKey(err)) throw err;
};

/**
 * Inserts the documents in one round trip and says which went in (false: the _id was taken), so a batch of
 * unique-key claims costs one command; any error but a duplicate key still throws.
 */
export async function insertEach<T extends { _id: string }>(model: mongoose.Model<any>, docs: T[]): Promise<boolean[]> {
  if (docs.length === 0) return [];
  try {
    // bulkWrite, not insertMany: an unordered insertMany on a schema with timestamps hands a driver error to
    // its post hooks and resolves, so a write lost while the database was down looked like a success.
    await model.bulkWrite(
      docs.map((document) => ({ insertOne: { document: document as Record<string, unknown> } })),
      { ordered: false, throwOnValidationError: true },
    );
    return docs.map(() => true);
  } catch (err) {
    const e = err as {
      writeErrors?: { index: number; code?: number; err?: { code?: number } }[];
      insertedCount?: number;
    };
    const taken = new Set<number>();
    for (const w of Array.isArray(e.writeErrors) ? e.writeErrors : []) {
      if ((w.code ?? w.err?.code) !== 11000) throw err;
      taken.add(w.index);
    }
    // Only duplicates, and everything else went in: anything short of that (a lost connection) still throws.
    if (!taken.size || e.insertedCount !== docs.length - taken.size) throw err;
    return docs.map((_, i) => !taken.has(i));
  }
}
