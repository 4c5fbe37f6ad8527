/**
 * Demo master data: customers, units with warranty and contract dates, engineers with regions and
 * skills, parts, warehouses with stock, a price list and the service policy. Idempotent: inserts what
 * is missing and never overwrites what a user changed (a second start keeps all data).
 */
import type { Models } from '../shared/models';
import { SERVICE_POLICY_KEY } from '../activities/intake';
import { StockLedger } from '../activities/stock';

const day = (offsetDays: number, from = new Date()) => new Date(from.getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);
const HOUR = 3_600_000;
const MIN = 60_000;

/**
 * SLA presets from the source documents (R-SLA-1..3). Resolution budgets are ours: the documents set
 * none; change them per policy. Every budget is data: PUT /api/v1/sla-policies/{key} makes a new version.
 */
export const SLA_PRESETS = [
  {
    key: 'general', version: 1, name: 'General products (003 §2.2.1)',
    budgets: {
      urgent: { dispatch: 30 * MIN, arrival: 2 * HOUR, resolution: 24 * HOUR },
      important: { dispatch: 2 * HOUR, arrival: 4 * HOUR, resolution: 48 * HOUR },
      general: { dispatch: 4 * HOUR, arrival: 24 * HOUR, resolution: 5 * 24 * HOUR },
    },
    byKind: { complaint: { acknowledge: HOUR, response: 24 * HOUR } }, // 004 §3(1)
    warnAtShare: 0.75, managerEscalationDelayMs: 2 * HOUR, offerAcceptanceMs: 15 * MIN,
  },
  {
    key: 'power', version: 1, name: 'Power equipment: reply within 24 h (001 §5.2.1)',
    budgets: {
      urgent: { response: 24 * HOUR, resolution: 72 * HOUR },
      important: { response: 24 * HOUR, resolution: 5 * 24 * HOUR },
      general: { response: 24 * HOUR, resolution: 10 * 24 * HOUR },
    },
    byKind: { complaint: { acknowledge: HOUR, response: 24 * HOUR } },
    warnAtShare: 0.75, managerEscalationDelayMs: 4 * HOUR, offerAcceptanceMs: 30 * MIN,
  },
  {
    key: 'wind', version: 1, name: 'Wind farms: processing within 24 h, on site within 48 h (004 §2(2))',
    budgets: {
      urgent: { dispatch: 24 * HOUR, arrival: 48 * HOUR, resolution: 7 * 24 * HOUR },
      important: { dispatch: 24 * HOUR, arrival: 48 * HOUR, resolution: 7 * 24 * HOUR },
      general: { dispatch: 24 * HOUR, arrival: 48 * HOUR, resolution: 14 * 24 * HOUR },
    },
    byKind: { complaint: { acknowledge: HOUR, response: 24 * HOUR } },
    warnAtShare: 0.75, managerEscalationDelayMs: 4 * HOUR, offerAcceptanceMs: 60 * MIN,
  },
];

export function demoData(now = new Date()) {
  return {
    regions: [
      { region: 'east', name: 'East region', supervisorEmail: 'supervisor.east@example.test', managerEmail: 'manager@example.test', agentQueueEmail: 'agents@example.test', technicalEmail: 'tech-support@example.test' },
      { region: 'north', name: 'North region', supervisorEmail: 'supervisor.north@example.test', managerEmail: 'manager@example.test', agentQueueEmail: 'agents@example.test', technicalEmail: 'tech-support@example.test' },
      { region: 'west', name: 'West region (remote: exempt from the arrival clock, R-SLA-1)', supervisorEmail: 'supervisor.west@example.test', managerEmail: 'manager@example.test', agentQueueEmail: 'agents@example.test', technicalEmail: 'tech-support@example.test', slaExemptClocks: ['arrival'] },
    ],
    customers: [
      { customerId: 'CUST-001', name: 'Li Wei', email: 'li.wei@example.test', phone: '+86 21 5555 0101', region: 'east' },
      { customerId: 'CUST-002', name: 'Sunrise Hotel', email: 'facilities@sunrise.example.test', phone: '+86 21 5555 0202', region: 'east' },
      { customerId: 'CUST-003', name: 'Zhang Min', email: 'zhang.min@example.test', phone: '+86 10 5555 0303', region: 'north' },
      { customerId: 'CUST-004', name: 'Gobi Wind Farm Co.', email: 'ops@gobiwind.example.test', phone: '+86 10 5555 0404', region: 'north' },
    ],
    contracts: [{ contractNo: 'SC-2025-017', customerId: 'CUST-002', start: day(-200, now), end: day(165, now), terms: 'labour covered, parts charged',
      coverage: { labour: true, callout: true, travel: true, part: false } }],
    units: [
      { serialNumber: 'SWH-2025-0001', customerId: 'CUST-001', model: 'SunHeat 300L', productLine: 'solar-water-heater', purchaseDate: day(-120, now), installDate: day(-110, now), warrantyEnd: day(610, now) },
      { serialNumber: 'UPS-2021-0420', customerId: 'CUST-002', model: 'PowerSafe 20kVA', productLine: 'ups', purchaseDate: day(-1500, now), installDate: day(-1490, now), warrantyEnd: day(-400, now), contractNo: 'SC-2025-017' },
      { serialNumber: 'WT-2023-0042', customerId: 'CUST-004', model: 'WindMaster 2.5MW', productLine: 'wind-turbine', purchaseDate: day(-900, now), installDate: day(-880, now), warrantyEnd: day(900, now) },
      { serialNumber: 'SWH-2019-0777', customerId: 'CUST-003', model: 'SunHeat 200L', productLine: 'solar-water-heater', purchaseDate: day(-2300, now), installDate: day(-2290, now), warrantyEnd: day(-1200, now) },
    ],
    productLines: [
      { productLine: 'solar-water-heater', name: 'Solar water heaters', slaPolicy: 'general' },
      { productLine: 'ups', name: 'UPS and power equipment', slaPolicy: 'power' },
      { productLine: 'wind-turbine', name: 'Wind turbines', slaPolicy: 'wind' },
    ],
    slaPolicies: SLA_PRESETS,
    engineers: [
      { engineerId: 'ENG-001', name: 'Chen Hao', email: 'chen.hao@example.test', regions: ['east'], skills: ['solar-water-heater', 'ups'], certifications: ['solar-water-heater'] },
      { engineerId: 'ENG-002', name: 'Wang Fang', email: 'wang.fang@example.test', regions: ['east'], skills: ['solar-water-heater'], certifications: [] },
      { engineerId: 'ENG-003', name: 'Liu Yang', email: 'liu.yang@example.test', regions: ['east', 'north'], skills: ['ups'], certifications: ['ups'] },
      { engineerId: 'ENG-004', name: 'Zhao Lei', email: 'zhao.lei@example.test', regions: ['north'], skills: ['solar-water-heater'], certifications: ['solar-water-heater'] },
      { engineerId: 'ENG-005', name: 'Sun Qiang', email: 'sun.qiang@example.test', regions: ['north'], skills: ['wind-turbine'], certifications: ['wind-turbine'] },
    ],
    parts: [
      { partNo: 'P-SWH-SENSOR', name: 'Water level/temperature sensor', fitsModels: ['SunHeat 300L', 'SunHeat 200L'] },
      { partNo: 'P-SWH-VALVE', name: 'Solenoid valve', fitsModels: ['SunHeat 300L', 'SunHeat 200L'] },
      { partNo: 'P-UPS-BATT', name: 'UPS battery module 12V 9Ah', fitsModels: ['PowerSafe 20kVA'] },
    ],
    warehouses: [
      { warehouseId: 'WH-EAST', name: 'Shanghai central warehouse', region: 'east' },
      { warehouseId: 'WH-NORTH', name: 'Beijing warehouse', region: 'north' },
    ],
    stock: [
      { warehouseId: 'WH-EAST', partNo: 'P-SWH-SENSOR', onHand: 12 }, { warehouseId: 'WH-EAST', partNo: 'P-SWH-VALVE', onHand: 6 },
      { warehouseId: 'WH-EAST', partNo: 'P-UPS-BATT', onHand: 40 }, { warehouseId: 'WH-NORTH', partNo: 'P-SWH-SENSOR', onHand: 4 },
    ],
    prices: [
      { code: 'P-SWH-SENSOR', description: 'Sensor', kind: 'part', unitPriceMinor: 18_000, currency: 'CNY', unit: 'piece', warrantyDays: 180 },
      { code: 'P-SWH-VALVE', description: 'Solenoid valve', kind: 'part', unitPriceMinor: 9_500, currency: 'CNY', unit: 'piece', warrantyDays: 180 },
      { code: 'P-UPS-BATT', description: 'Battery module', kind: 'part', unitPriceMinor: 32_000, currency: 'CNY', unit: 'piece', warrantyDays: 365 },
      { code: 'LABOUR-STANDARD', description: 'Labour, standard engineer', kind: 'labour', unitPriceMinor: 12_000, currency: 'CNY', unit: 'hour' },
      { code: 'LABOUR-SENIOR', description: 'Labour, senior engineer', kind: 'labour', unitPriceMinor: 20_000, currency: 'CNY', unit: 'hour' },
      { code: 'CALLOUT', description: 'Call-out fee', kind: 'callout', unitPriceMinor: 8_000, currency: 'CNY', unit: 'visit' },
      { code: 'TRAVEL-KM', description: 'Travel', kind: 'travel', unitPriceMinor: 300, currency: 'CNY', unit: 'km' },
      { code: 'DIAGNOSIS', description: 'Diagnosis fee (quotation declined)', kind: 'fee', unitPriceMinor: 5_000, currency: 'CNY', unit: 'visit' },
    ],
    policy: {
      key: SERVICE_POLICY_KEY, version: 1, followUpDelayMs: 24 * HOUR, followUpGraceMs: 24 * HOUR,
      appointmentReminderLeadMs: 24 * HOUR, engineerCallLeadMs: HOUR / 2, archiveRetentionDays: 3 * 366,
      quoteReminderMs: 24 * HOUR, quoteExpiryMs: 72 * HOUR, diagnosisFeeOnDecline: true, workWarrantyDays: 90,
    },
  };
}

export async function seed(models: Models, now = new Date()): Promise<number> {
  const d = demoData(now);
  let inserted = 0;
  const put = async (model: any, id: string, doc: Record<string, unknown>) => {
    const r = await model.updateOne({ _id: id }, { $setOnInsert: doc }, { upsert: true });
    inserted += r.upsertedCount ?? 0;
  };
  for (const r of d.regions) await put(models.Region, r.region, r);
  for (const c of d.customers) await put(models.Customer, c.customerId, c);
  for (const c of d.contracts) await put(models.Contract, c.contractNo, c);
  for (const u of d.units) await put(models.Unit, u.serialNumber, u);
  for (const p of d.productLines) await put(models.ProductLine, p.productLine, p);
  for (const p of d.slaPolicies) {
    await put(models.SlaPolicy, p.key, p);
    await put(models.SlaPolicyVersion, `${p.key}@${p.version}`, { ...p, changedBy: 'seed' });
  }
  for (const e of d.engineers) await put(models.Engineer, e.engineerId, { ...e, active: true });
  for (const p of d.parts) await put(models.Part, p.partNo, { ...p, genuine: true });
  for (const w of d.warehouses) await put(models.Warehouse, w.warehouseId, w);
  // Opening stock enters through the ledger (once per key: a second start adds nothing).
  const ledger = new StockLedger(models);
  for (const s of d.stock) {
    await ledger.move({ key: `seed/${s.warehouseId}/${s.partNo}`, from: 'SUPPLIER', to: s.warehouseId, partNo: s.partNo, quantity: s.onHand, kind: 'receipt', ref: { reason: 'opening stock' } });
  }
  for (const p of d.prices) await put(models.Price, p.code, p);
  await put(models.Policy, d.policy.key, d.policy);
  return inserted;
}
