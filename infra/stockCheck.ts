/**
 * `npm run stock:check`: recomputes every stock balance from the ledger and reports any mismatch
 * (gaps, balances that are not the sum of their deltas, negative stock, half-done movements).
 * Exit code 1 when something is wrong. Reads MONGODB_URI (the running system's database).
 */
import { StockLedger } from '../shared/storage/stockLedger';
import { loadConfig } from '../shared/runtime/config';
import { connectModels } from '../shared/storage/models';

async function main(): Promise<void> {
  const { conn, models } = await connectModels(loadConfig().mongoUri);
  try {
    const { ledgers, entries, problems } = await new StockLedger(models).check();
    console.log(`[stock] ${ledgers} ledgers, ${entries} entries checked`);
    for (const p of problems) console.log(`[stock] MISMATCH ${p}`);
    console.log(problems.length ? `[stock] ${problems.length} problem(s)` : '[stock] ledger and balances agree');
    process.exitCode = problems.length ? 1 : 0;
  } finally {
    await conn.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(2);
});
