/**
 * The step-recording activities against the real FerretDB: a retried or late attempt changes nothing,
 * which is what lets Temporal retry them freely (idempotency keyed by workflow + step).
 */
import { createRecordActivities } from '../../activities/serviceRequest/records';
import type { Notification } from '../../shared/common/records';
import { freshDatabase } from '../setup/env';
import { repositoriesOf } from '../../shared/storage/repositories';

let db: Awaited<ReturnType<typeof freshDatabase>>;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(async () => {
  await db.conn.close();
});

const summary = (version: number, status: string) => ({
  requestNo: 'SR-20261122-0042',
  workflowId: 'service-request:SR-20261122-0042',
  version,
  status,
  kind: 'fault_repair',
  urgency: 'general',
  channel: 'api',
  region: 'east',
  customerId: 'CUST-001',
  customerName: 'Li Wei',
  serialNumber: 'SWH-2025-0001',
  productLine: 'solar-water-heater',
  entitlement: 'free',
  engineerId: 'ENG-001',
  offeredTo: null,
  appointmentStart: null,
  followUpDueAt: null,
  receivedAt: '2026-11-22T08:00:00.000Z',
  lastAction: status,
  lastActionAt: '2026-11-22T08:00:00.000Z',
});
const note = (seq: number, to: Notification['to'], address?: string): Notification => ({
  key: `service-request:SR-20261122-0042/${seq}/t/${to}`,
  to,
  template: 't',
  subject: `s${seq}`,
  body: 'b',
  ...(address ? { address } : {}),
  ...(to === 'engineer' ? { engineerId: 'ENG-002' } : {}),
});

it('R-INTEGRATE-4 a retried publishStep queues each message once and an older step never overwrites a newer one', async () => {
  const { publishStep } = createRecordActivities(repositoriesOf(db.models), { notifyChannel: 'smtp' });
  const step5 = {
    summary: summary(5, 'assigned') as any,
    notifications: [note(5, 'customer', 'li@example.test'), note(5, 'engineer')],
  };
  await publishStep(step5);
  await publishStep(step5); // a retry after a lost response
  await publishStep({
    summary: summary(7, 'scheduled') as any,
    notifications: [note(7, 'customer', 'li@example.test')],
  });
  await publishStep({ summary: summary(6, 'assigned') as any, notifications: [] }); // a late attempt of an older step

  expect(await db.models.ServiceRequest.findById('SR-20261122-0042').lean()).toMatchObject({
    version: 7,
    status: 'scheduled',
  });
  const outbox = await db.models.Outbox.find({ requestNo: 'SR-20261122-0042' }).sort({ _id: 1 }).lean();
  expect(outbox.map((o) => [o.subject, o.to, o.address])).toEqual([
    ['s5', 'customer', 'li@example.test'],
    ['s5', 'engineer', 'wang.fang@example.test'], // not in the workflow's contacts: looked up
    ['s7', 'customer', 'li@example.test'],
  ]);
});

it('a message with no address on file is kept as undeliverable with the reason, not dropped', async () => {
  const { publishStep } = createRecordActivities(repositoriesOf(db.models), { notifyChannel: 'smtp' });
  await publishStep({ summary: summary(8, 'scheduled') as any, notifications: [note(8, 'supervisor')] });
  expect(await db.models.Outbox.findById(note(8, 'supervisor').key).lean()).toMatchObject({
    status: 'undeliverable',
    lastError: 'no supervisor address on file',
  });
});

it('R-RECORD-2 archiving twice keeps the first record, under customer + serial + service date, for at least 3 years', async () => {
  const { archiveRequest } = createRecordActivities(repositoriesOf(db.models), {
    notifyChannel: 'log',
    now: () => new Date('2026-11-25T10:00:00Z'),
  });
  const view = {
    requestNo: 'SR-20261122-0042',
    customerName: 'Li Wei',
    intake: { serialNumber: 'SWH-2025-0001', customerId: 'CUST-001' },
    receivedAt: '2026-11-22T08:00:00Z',
    signOff: { at: '2026-11-23T15:00:00Z' },
    history: [],
  } as any;
  expect(await archiveRequest({ view, retentionDays: 30 })).toBe('Li Wei+SWH-2025-0001+2026-11-23');
  await archiveRequest({ view: { ...view, customerName: 'changed' }, retentionDays: 30 });
  const doc = await db.models.Archive.findById('SR-20261122-0042').lean();
  expect(doc!.archiveKey).toBe('Li Wei+SWH-2025-0001+2026-11-23');
  expect(doc!.retainUntil.toISOString()).toBe('2029-11-24T10:00:00.000Z'); // a 30-day policy cannot go below 3 years
});
