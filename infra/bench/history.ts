/**
 * bench:scale's history: closed requests written straight to the stores the product reads (the read
 * model, the archive is not read by any list), two years of KPI months, spread over customers, engineers,
 * regions and units as a mid-size enterprise's would be. Open requests are real workflows (scale.ts).
 */
import { emptyMonth } from '../../shared/kpi/facts';
import type { Models } from '../../shared/storage/models';

const REGIONS = ['east', 'north', 'south', 'west'];
const LINES = ['solar_water_heater', 'ups', 'heat_pump'];

const TWO_YEARS_MS = 2 * 365 * 86_400_000;

/** The i-th of n closed requests, received in the two years before now (100,000 is about one every 10 minutes). */
function closedRow(i: number, n: number, now: number) {
  const received = new Date(now - TWO_YEARS_MS + Math.floor((i * TWO_YEARS_MS) / n));
  const day = received.toISOString().slice(0, 10).replace(/-/g, '');
  const requestNo = `SR-${day}-H${String(i).padStart(6, '0')}`; // its own series: never a number intake would try
  const at = (h: number) => new Date(received.getTime() + h * 3_600_000).toISOString();
  return {
    _id: requestNo,
    requestNo,
    workflowId: `service-request:${requestNo}`,
    version: 40,
    status: 'closed',
    kind: 'fault_repair',
    urgency: i % 7 === 0 ? 'urgent' : 'general',
    channel: 'phone',
    region: REGIONS[i % REGIONS.length],
    customerId: `HCUST-${i % 2_000}`,
    customerName: `历史客户 ${i % 2_000}`,
    serialNumber: `HUNIT-${i % 20_000}`,
    productLine: LINES[i % LINES.length],
    entitlement: i % 3 ? 'free' : 'paid',
    engineerId: `HENG-${i % 60}`,
    receivedAt: received.toISOString(),
    firstTimeFix: i % 10 !== 0,
    lastAction: 'closed',
    lastActionAt: at(72),
    open: false,
    nextDeadline: null,
    deadlineOrder: '9999-12-31T23:59:59.999Z',
    slaBreached: i % 25 === 0,
    breachedClocks: i % 25 === 0 ? ['arrival'] : [],
    breaches: [],
    pausedMs: 0,
    visits: 1,
    resolution: `hardware: 更换控制板 ${i}`,
    closedAs: 'completed',
  };
}

/** Inserts `n` closed requests in batches; prints progress so a long fill is visibly alive. */
export async function writeClosedHistory(models: Models, n: number, batch = 2_000): Promise<void> {
  const now = Date.now();
  const t0 = performance.now();
  for (let from = 0; from < n; from += batch) {
    const rows = Array.from({ length: Math.min(batch, n - from) }, (_, k) => closedRow(from + k, n, now));
    await models.ServiceRequest.insertMany(rows, { ordered: false });
    if ((from / batch) % 10 === 9 || from + batch >= n)
      console.log(
        `[bench:scale]   ${Math.min(from + batch, n)} closed requests written (${((performance.now() - t0) / 1000).toFixed(0)} s)`,
      );
  }
  for (let m = 0; m < 24; m++) {
    const d = new Date(now);
    d.setUTCMonth(d.getUTCMonth() - m, 1);
    const month = d.toISOString().slice(0, 7);
    await models.KpiMonth.updateOne(
      { _id: month },
      { $setOnInsert: { month, version: 1, sums: emptyMonth() } },
      { upsert: true },
    );
  }
}
