/**
 * R-DISPATCH-1 on the real FerretDB (decision 0006): the change log is pruned of entries a day old, oldest
 * first; nobody writes below the floor afterwards, and a reader that fell behind it loads open work again.
 */
import { ChangeLog, idOf } from '../../shared/storage/changeLog';
import { ChangeLogPruner } from '../../shared/storage/changeLogPruner';
import { OpenWork, publishOpenWork } from '../../shared/storage/openWork';
import { freshDatabase } from '../setup/env';

let db: Awaited<ReturnType<typeof freshDatabase>>;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(async () => db?.conn.close());

const no = (i: number) => `SR-20261120-${String(i).padStart(4, '0')}`;

it('R-DISPATCH-1 entries a day old are pruned; writers and a reader left behind carry on from the floor', async () => {
  const behind = new OpenWork(db.models, { floorCheckMs: 0 });
  expect(await behind.current()).toEqual([]); // it read the log's end, then stopped looking
  const log = new ChangeLog(db.models);
  for (let i = 1; i <= 20; i++) {
    const row = { _id: no(i), requestNo: no(i), version: 1, open: true, status: 'assigned', region: 'east' };
    await db.models.ServiceRequest.replaceOne({ _id: row._id }, row, { upsert: true });
    await publishOpenWork(db.models, log, row.requestNo, 1);
  }
  expect(await log.head()).toBe(20);
  const twoDaysAgo = Date.now() - 2 * 24 * 3_600_000;
  for (let n = 1; n <= 15; n++) await db.models.RequestChange.updateOne({ _id: idOf(n) }, { $set: { t: twoDaysAgo } });

  expect(await new ChangeLogPruner(db.models).prune()).toBe(15);
  expect(await new ChangeLog(db.models).floor()).toBe(16);
  expect(await db.models.RequestChange.exists({ _id: idOf(15) })).toBeNull();
  expect(await db.models.RequestChange.exists({ _id: idOf(16) })).toBeTruthy();
  expect(await new ChangeLogPruner(db.models).prune()).toBe(0); // nothing older left

  // A process that starts now finds the end from the floor, not below it.
  expect(await new ChangeLog(db.models).append('SR-LATE', 1)).toBe(21);
  expect(await new ChangeLog(db.models).readFrom(16, 64)).toHaveLength(6);
  // The reader that stopped at entry 1 cannot follow from there: it reloads and shows all 20.
  expect((await behind.current()).map((r) => r.requestNo).sort()).toEqual(
    Array.from({ length: 20 }, (_, i) => no(i + 1)),
  );
  // Even with everything a day old, the last entry stays: the log's end is never lost.
  const later = new ChangeLogPruner(db.models, { now: () => Date.now() + 3 * 24 * 3_600_000 });
  expect(await later.prune()).toBe(5);
  expect(await new ChangeLog(db.models).head()).toBe(21);
});
