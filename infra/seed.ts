/**
 * Loads the demo world (infra/demoWorld.ts). Idempotent: inserts what is missing and never overwrites
 * what a user changed (a second start keeps all data).
 */
import type { Models } from '../shared/storage/models';
import { MASTER_DATA, type MasterDataKind } from '../shared/masterData/schemas';
import { MasterData } from '../shared/storage/masterData';
import { RULES } from '../shared/storage/masterDataRules';
import { StockLedger } from '../shared/storage/stockLedger';
import { CALENDAR_PRESETS } from './calendarPresets';
import { demoAssets } from './demoAssets';
import { demoData } from './demoWorld';

export async function seed(models: Models, now = new Date()): Promise<number> {
  const d = demoData(now);
  let inserted = 0;
  const put = async (model: any, id: string, doc: Record<string, unknown>) => {
    const r = await model.updateOne({ _id: id }, { $setOnInsert: doc }, { upsert: true });
    inserted += r.upsertedCount ?? 0;
  };
  // Master data goes in through the same validation and versioning as the admin API (seeded by "seed").
  const data = new MasterData(models);
  const add = async (kind: MasterDataKind, docs: Record<string, unknown>[]) => {
    const idField = RULES[kind].idField;
    for (const doc of docs) {
      if (await RULES[kind].model(models).exists({ _id: doc[idField] })) continue; // a user's data is never overwritten
      await data.create(kind, MASTER_DATA[kind].parse(doc), 'seed');
      inserted++;
    }
  };
  for (const c of CALENDAR_PRESETS) {
    await put(models.Calendar, c.key, c);
    await put(models.CalendarVersion, `${c.key}@${c.version}`, { ...c, changedBy: 'seed' });
  }
  for (const p of d.slaPolicies) {
    await put(models.SlaPolicy, p.key, p);
    await put(models.SlaPolicyVersion, `${p.key}@${p.version}`, { ...p, changedBy: 'seed' });
  }
  await add('regions', d.regions);
  await add('product-lines', d.productLines);
  await add('customers', d.customers);
  await add('contracts', d.contracts);
  await add('units', d.units);
  await add('engineers', d.engineers);
  await add('parts', d.parts);
  await add('assets', demoAssets(d.units[0].installDate ?? d.units[0].purchaseDate));
  await add('warehouses', d.warehouses);
  await add('service-points', d.servicePoints);
  await add('prices', d.prices);
  // Opening stock enters through the ledger (once per key: a second start adds nothing).
  const ledger = new StockLedger(models);
  for (const s of d.stock) {
    await ledger.move({
      key: `seed/${s.warehouseId}/${s.partNo}`,
      from: 'SUPPLIER',
      to: s.warehouseId,
      partNo: s.partNo,
      quantity: s.onHand,
      kind: 'receipt',
      ref: { reason: 'opening stock' },
    });
  }
  await put(models.Policy, d.policy.key, d.policy);
  return inserted;
}
