/**
 * R-DISPATCH-1 on the real FerretDB (decision 0006): the change log stays gap-free with concurrent writers,
 * and the open-work projection that the dispatcher list and ranking read follows it exactly.
 */
import { ChangeLog } from '../../shared/storage/changeLog';
import { OpenWork, publishOpenWork } from '../../shared/storage/openWork';
import { highestKnownSeq } from '../../shared/storage/requestNumbers';
import { createRequestLists } from '../../services/serviceRequest/listing';
import { listQuerySchema } from '../../shared/serviceRequest/schemas';
import { UnitRequestLog } from '../../shared/storage/unitRequestLog';
import { freshDatabase } from '../setup/env';
import { repositoriesOf } from '../../shared/storage/repositories';

let db: Awaited<ReturnType<typeof freshDatabase>>;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(async () => db?.conn.close());

const row = (no: number, version: number, open: boolean, engineerId = 'ENG-001') => ({
  _id: `SR-20261123-${String(no).padStart(4, '0')}`,
  requestNo: `SR-20261123-${String(no).padStart(4, '0')}`,
  version,
  open,
  status: open ? 'assigned' : 'closed',
  engineerId,
  region: 'east',
  receivedAt: `2026-11-23T08:${String(no).padStart(2, '0')}:00.000Z`,
  deadlineOrder: `2026-11-23T1${no % 10}:00:00.000Z`,
});

async function publish(log: ChangeLog, r: ReturnType<typeof row>) {
  await db.models.ServiceRequest.replaceOne({ _id: r._id }, r, { upsert: true });
  await publishOpenWork(db.models, log, r.requestNo, r.version);
}

it('R-DISPATCH-1 five writers log 40 changes at once: entries numbered 1..n with no gap, each change once', async () => {
  const writers = Array.from({ length: 5 }, () => new ChangeLog(db.models));
  const entries = await Promise.all(Array.from({ length: 40 }, (_, i) => writers[i % 5].append(`SR-X-${i}`, 1)));
  const n = Math.max(...entries);
  // Group commit: changes that arrive while a writer is inserting share its next entry.
  expect(n).toBeLessThan(40);
  expect(await new ChangeLog(db.models).head()).toBe(n);
  const read = await new ChangeLog(db.models).readFrom(1, 64);
  expect([...new Set(read.map((c) => c.n))]).toEqual(Array.from({ length: n }, (_, i) => i + 1));
  expect(read.map((c) => c.requestNo).sort()).toEqual(Array.from({ length: 40 }, (_, i) => `SR-X-${i}`).sort());
  // Each change is read in the entry its writer was told.
  for (const c of read) expect(entries[Number(c.requestNo.slice(5))]).toBe(c.n);
});

it('R-DISPATCH-1 the projection shows what was published before a read, and drops requests past their visits', async () => {
  const log = new ChangeLog(db.models);
  const before = new OpenWork(db.models);
  await publish(log, row(1, 1, true));
  await publish(log, row(2, 1, true, 'ENG-002'));
  expect((await before.current()).map((r) => r.requestNo).sort()).toEqual(['SR-20261123-0001', 'SR-20261123-0002']);

  await publish(log, row(1, 2, false)); // signed off: out of open work
  await publish(log, row(2, 2, true, 'ENG-003')); // reassigned
  await publish(log, row(3, 1, true));
  await publishOpenWork(db.models, log, 'SR-20261123-0002', 1); // a late retry of an old step changes nothing
  const now = await before.current();
  expect(now.map((r) => `${r.requestNo}:${r.engineerId}`).sort()).toEqual([
    'SR-20261123-0002:ENG-003',
    'SR-20261123-0003:ENG-001',
  ]);
  // A process started later loads the same from open_requests and the log.
  const later = new OpenWork(db.models);
  expect((await later.current()).map((r) => `${r.requestNo}:${r.version}`).sort()).toEqual([
    'SR-20261123-0002:2',
    'SR-20261123-0003:1',
  ]);
  expect(await db.models.OpenRequest.countDocuments({})).toBe(2);
});

it('R-DISPATCH-1 a follower takes rows from the log, and still follows entries written before rows were logged', async () => {
  const log = new ChangeLog(db.models);
  const follower = new OpenWork(db.models);
  await follower.current(); // booted: from here on it only follows the log
  // An entry as released before rows were logged: only the number and version, the row in open_requests.
  const old = row(40, 1, true, 'ENG-004');
  await db.models.ServiceRequest.replaceOne({ _id: old._id }, old, { upsert: true });
  await db.models.OpenRequest.replaceOne({ _id: old._id }, old, { upsert: true });
  await log.append(old.requestNo, 1);
  await publish(log, row(41, 1, true, 'ENG-005'));
  const shown = await follower.current();
  const byNo = Object.fromEntries(shown.map((r) => [r.requestNo, r]));
  expect(byNo['SR-20261123-0040']).toMatchObject({ engineerId: 'ENG-004', version: 1 });
  // The logged row is what open work stores (bar its timestamps), so a list shows the same either way.
  const stored = await db.models.OpenRequest.findById('SR-20261123-0041', { createdAt: 0, updatedAt: 0 }).lean();
  expect(byNo['SR-20261123-0041']).toEqual(stored);
  await publish(log, row(41, 2, false));
  await publish(log, row(40, 2, false));
  expect((await follower.current()).filter((r) => r.requestNo >= 'SR-20261123-0040')).toEqual([]);
});

it('R-INTAKE-1 the day’s highest request number is found by _id lookups', async () => {
  expect(await highestKnownSeq(db.models, '20261123')).toBe(3);
  for (let i = 4; i <= 21; i++) await db.models.ServiceRequest.create(row(i, 1, false));
  expect(await highestKnownSeq(db.models, '20261123')).toBe(21);
  expect(await highestKnownSeq(db.models, '20261124')).toBe(0);
});

it('R-DISPATCH-1 the lists: open work by nearest deadline from memory, an engineer’s own requests from their log', async () => {
  const lists = createRequestLists(repositoriesOf(db.models).serviceRequest);
  const q = listQuerySchema.parse({ open: 'true', sort: 'deadline' });
  const board = await lists({ role: 'dispatcher', id: 'D-1' }, q);
  expect(board.items.map((r) => r.requestNo)).toEqual(['SR-20261123-0002', 'SR-20261123-0003']);
  expect(board.total).toBe(2);
  expect(board.items[0]).not.toHaveProperty('deadlineOrder');

  const log = new UnitRequestLog(db.models, 'engineer');
  for (const no of ['SR-20261123-0001', 'SR-20261123-0003', 'SR-20261123-0002']) await log.append('ENG-001', no); // 0002 moved on to ENG-003 since
  const mine = await lists({ role: 'engineer', id: 'ENG-001' }, listQuerySchema.parse({}));
  expect(mine.items.map((r) => r.requestNo)).toEqual(['SR-20261123-0003', 'SR-20261123-0001']);
  const someoneElse = await lists(
    { role: 'engineer', id: 'ENG-001' },
    listQuerySchema.parse({ engineerId: 'ENG-003' }),
  );
  expect(someoneElse.items.map((r) => r.requestNo)).toEqual(['SR-20261123-0003', 'SR-20261123-0001']); // own work only
});
