/**
 * Request numbers against the real Temporal dev server, whose workflow-id uniqueness is the claim,
 * and the real FerretDB read model. (A day far from today keeps these numbers apart from other suites.)
 */
import { Client, Connection } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { serviceRequestWorkflowId } from '../../shared/serviceRequest/ids';
import { RequestNumbers } from '../../services/serviceRequest/requestNumbers';
import { highestKnownSeq } from '../../shared/storage/requestNumbers';
import { freshDatabase } from '../setup/env';

let db: Awaited<ReturnType<typeof freshDatabase>>;
let connection: Connection;
let client: Client;
const highest = (day: string) => highestKnownSeq(db.models, day);
const queue = `no-worker-${randomUUID()}`; // the workflows only need to exist, not to run
const start = (requestNo: string) =>
  client.workflow
    .start('serviceRequest', { taskQueue: queue, workflowId: serviceRequestWorkflowId(requestNo), args: [] })
    .then(() => undefined);

beforeAll(async () => {
  db = await freshDatabase();
  connection = await Connection.connect({ address: process.env.TEST_TEMPORAL_ADDRESS! });
  client = new Client({ connection });
});
afterAll(async () => {
  await connection.close();
  await db.conn.close();
});

const on = (y: number, m: number, d: number) => () => new Date(y, m - 1, d, 9, 30); // local date
const range = (day: string, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `SR-${day}-${String(from + i).padStart(4, '0')}`);

it('R-INTAKE-1 two service instances claiming at once get 60 distinct, consecutive numbers', async () => {
  const a = new RequestNumbers(highest, on(2031, 3, 15));
  const b = new RequestNumbers(highest, on(2031, 3, 15));
  const got = await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 2 ? a : b).claim(start)));
  expect(new Set(got).size).toBe(60);
  expect([...got].sort()).toEqual(range('20310315', 1, 60));
});

it('a restarted instance starts after the read model and skips numbers Temporal already has', async () => {
  // The read model lags: it only knows up to 0055, while Temporal has up to 0060.
  await db.models.ServiceRequest.create({
    _id: 'SR-20310315-0055',
    requestNo: 'SR-20310315-0055',
    version: 1,
    status: 'received',
  });
  const restarted = new RequestNumbers(highest, on(2031, 3, 15));
  expect(await restarted.claim(start)).toBe('SR-20310315-0061');
  expect(await new RequestNumbers(highest, on(2031, 3, 16)).claim(start)).toBe('SR-20310316-0001');
});

it('an error other than "already started" is passed on, not retried', async () => {
  const numbers = new RequestNumbers(highest, on(2031, 3, 17));
  await expect(
    numbers.claim(async () => {
      throw new Error('temporal unavailable');
    }),
  ).rejects.toThrow('temporal unavailable');
});
