/**
 * Loads the demo world (infra/demoWorld.ts). Idempotent: inserts what is missing and never overwrites
 * what a user changed (a second start keeps all data).
 */
import type { Models } from '../shared/storage/models';
import { StockLedger } from '../shared/storage/stockLedger';
import { demoData } from './demoWorld';

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
  for (const p of d.prices) await put(models.Price, p.code, p);
  await put(models.Policy, d.policy.key, d.policy);
  return inserted;
}
