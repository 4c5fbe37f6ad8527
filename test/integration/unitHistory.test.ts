/** R-INTAKE-7 on the real FerretDB: each unit's requests, appended concurrently without loss, read newest first by _id. */
import { UnitRequestLog } from '../../shared/storage/unitRequestLog';
import { freshDatabase } from '../setup/env';

let db: Awaited<ReturnType<typeof freshDatabase>>;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(async () => db?.conn.close());

it('R-INTAKE-7 twelve requests of one unit registered at once are all kept, once each, newest first', async () => {
  const log = new UnitRequestLog(db.models);
  const numbers = Array.from({ length: 12 }, (_, i) => `SR-20261122-${String(i + 1).padStart(4, '0')}`);
  await Promise.all(numbers.map((no) => log.append('SWH-2025-0001', no)));
  await Promise.all(numbers.slice(0, 3).map((no) => log.append('SWH-2025-0001', no))); // retried activities
  const slots = await db.models.UnitRequest.find({ requestNo: { $exists: true }, _id: { $regex: /^SWH-/ } })
    .comment('scan: a test looks')
    .lean();
  expect(slots.map((s) => s.requestNo).sort()).toEqual(numbers);
  for (const no of numbers) {
    await db.models.ServiceRequest.create({
      _id: no,
      requestNo: no,
      version: 1,
      serialNumber: 'SWH-2025-0001',
      status: 'closed',
      resolution: `fixed ${no}`,
    });
  }
  const recent = await log.recent('SWH-2025-0001', numbers[5]);
  expect(recent).toHaveLength(10);
  expect(recent.map((r) => r.requestNo)).not.toContain(numbers[5]);
  const order = slots
    .sort((a, b) => b.seq! - a.seq!)
    .map((s) => s.requestNo)
    .filter((n) => n !== numbers[5])
    .slice(0, 10);
  expect(recent.map((r) => r.requestNo)).toEqual(order);
  expect(recent[0].resolution).toBe(`fixed ${order[0]}`);
  expect(await log.recent('UPS-2021-0420')).toEqual([]);
});

it('R-INTAKE-7 two processes entering 30 requests of one customer at once: slots 1..30, each request once, retries change nothing', async () => {
  const [a, b] = [new UnitRequestLog(db.models, 'customer'), new UnitRequestLog(db.models, 'customer')];
  const numbers = Array.from({ length: 30 }, (_, i) => `SR-20261123-${String(i + 1).padStart(4, '0')}`);
  await Promise.all(numbers.map((no, i) => (i % 2 ? a : b).append('CUST-BIG', no)));
  // A retried activity in a third process that has seen none of them (no memory of what it entered).
  await Promise.all(numbers.slice(0, 8).map((no) => new UnitRequestLog(db.models, 'customer').append('CUST-BIG', no)));
  const slots = await db.models.UnitRequest.find({ _id: { $regex: /^customer:CUST-BIG\|\d+$/ } })
    .comment('scan: a test looks')
    .lean();
  expect(slots.map((s) => s.seq).sort((x, y) => x! - y!)).toEqual(numbers.map((_, i) => i + 1)); // no gap, none twice
  expect(slots.map((s) => s.requestNo).sort()).toEqual(numbers);
  const page = await new UnitRequestLog(db.models, 'customer').page('CUST-BIG', 0, 50);
  expect(page.total).toBe(30);
  expect(page.requestNos.sort()).toEqual(numbers);
});
