/**
 * The storage seam on the real FerretDB (issue: code you would inherit, item 1): a repository finds by
 * `_id` only, `getMany` reads each key by itself, and the scan guard refuses a query that would scan a large
 * collection unless it names why; queues and small master data may be filtered freely.
 */
import { repositoriesOf } from '../../shared/storage/repositories';
import { freshDatabase } from '../setup/env';

let db: Awaited<ReturnType<typeof freshDatabase>>;
beforeAll(async () => {
  db = await freshDatabase();
  process.env.AFTERSALES_SCAN_GUARD = 'refuse';
});
afterAll(async () => {
  delete process.env.AFTERSALES_SCAN_GUARD;
  await db?.conn.close();
});

const row = (no: string, customerId: string) => ({
  _id: no,
  requestNo: no,
  customerId,
  version: 1,
  status: 'received',
  receivedAt: '2026-12-01T08:00:00.000Z',
});

it('R-RECORD-1 a query that would scan the requests is refused unless it says why; by _id it is not', async () => {
  await db.models.ServiceRequest.create(row('SR-20261201-0001', 'C-1'));
  await expect(db.models.ServiceRequest.find({ customerId: 'C-1' }).lean()).rejects.toThrow(
    /unnamed scan service_requests\.find\(customerId\)/,
  );
  await expect(db.models.ServiceRequest.find({ _id: { $in: ['SR-20261201-0001'] } }).lean()).rejects.toThrow(
    /unnamed scan/,
  );
  const named = await db.models.ServiceRequest.find({ customerId: 'C-1' }).comment('scan: a test that says why').lean();
  expect(named.map((r) => r._id)).toEqual(['SR-20261201-0001']);
  expect(await db.models.ServiceRequest.findById('SR-20261201-0001').lean()).toMatchObject({ customerId: 'C-1' });
  // A queue is small by design: the outbox may be filtered by any field.
  expect(await db.models.Outbox.countDocuments({ status: 'pending' })).toBe(0);
});

it('R-RECORD-1 repositories: getMany in the order asked, putNewer never lets an older version win', async () => {
  const { serviceRequest } = repositoriesOf(db.models);
  await db.models.ServiceRequest.create(row('SR-20261201-0002', 'C-2'));
  const many = await serviceRequest.requests.getMany(['SR-20261201-0002', 'SR-20261201-9999', 'SR-20261201-0001']);
  expect(many.map((r) => r._id)).toEqual(['SR-20261201-0002', 'SR-20261201-0001']); // the unknown one left out
  expect(await serviceRequest.requests.putNewer('SR-20261201-0002', 3, { status: 'offered', version: 3 })).toBe(true);
  expect(await serviceRequest.requests.putNewer('SR-20261201-0002', 2, { status: 'received', version: 2 })).toBe(false);
  expect(await serviceRequest.requests.get('SR-20261201-0002')).toMatchObject({ status: 'offered', version: 3 });
  // The audit's browsing is a named scan: it passes the guard and finds by any field.
  const browsed = await serviceRequest.browse({ customerId: 'C-2', offset: 0, limit: 10 });
  expect(browsed).toMatchObject({ total: 1, items: [{ requestNo: 'SR-20261201-0002' }] });
});
