/** Request numbers on the real FerretDB, where findAndModify loses concurrent increments. */
import { RequestNumbers } from '../../services/requestNumbers';
import { freshDatabase } from '../setup/env';

let db: Awaited<ReturnType<typeof freshDatabase>>;
beforeAll(async () => { db = await freshDatabase(); });
afterAll(async () => { await db.conn.close(); });

const now = () => new Date(2026, 10, 22, 9, 30); // local time: the number carries the local date

it('R-INTAKE-1 two service instances allocating at once hand out 60 distinct, consecutive numbers', async () => {
  const a = new RequestNumbers(db.models, now);
  const b = new RequestNumbers(db.models, now);
  const got = await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 2 ? a : b).allocate()));
  expect(new Set(got).size).toBe(60);
  expect([...got].sort()).toEqual(Array.from({ length: 60 }, (_, i) => `SR-20261122-${String(i + 1).padStart(4, '0')}`));
});

it('a restarted instance continues after the highest number of the day, and a new day starts at 1', async () => {
  const later = new RequestNumbers(db.models, now);
  expect(await later.allocate()).toBe('SR-20261122-0061');
  const tomorrow = new RequestNumbers(db.models, () => new Date(2026, 10, 23, 0, 5));
  expect(await tomorrow.allocate()).toBe('SR-20261123-0001');
});
