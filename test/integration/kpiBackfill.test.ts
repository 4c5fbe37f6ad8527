/**
 * R-RECORD-3 for records from before the KPIs, on the real dev server and FerretDB: the backfill counts the
 * archived requests, complaints and verified improvement actions in their months, a recurrence takes back
 * the earlier request's first-time fix, and a second backfill counts nothing twice.
 */
import { backfillKpiFacts } from '../../shared/storage/kpiBackfill';
import { kpiMonthWorkflowId } from '../../shared/kpi/messages';
import { startApi, type Api } from '../setup/apiHarness';
import { recordFixture } from '../setup/fixtures';

let api: Api;
beforeAll(async () => {
  api = await startApi('kpi-backfill');
}, 120_000);
afterAll(async () => api?.close());

/** A request closed in April 2018, as the archive keeps it (the view it closed with). */
const closed = (no: string, day: string, extra: Record<string, unknown> = {}) => ({
  _id: no,
  requestNo: no,
  archiveKey: `Acme+SWH-1+2018-04-${day}`,
  closedAt: new Date(`2018-04-${day}T12:00:00Z`),
  retainUntil: new Date('2030-01-01T00:00:00Z'),
  record: {
    requestNo: no,
    receivedAt: `2018-04-${day}T08:00:00.000Z`,
    intake: { region: 'north', kind: 'fault_repair' },
    unit: { productLine: 'water-heater' },
    engineerId: 'ENG-002',
    history: [
      { at: `2018-04-${day}T08:00:00.000Z`, actor: { role: 'agent', id: 'agent-1' }, action: 'received' },
      { at: `2018-04-${day}T08:20:00.000Z`, actor: { role: 'engineer', id: 'ENG-002' }, action: 'offer_accepted' },
      { at: `2018-04-${day}T10:00:00.000Z`, actor: { role: 'engineer', id: 'ENG-002' }, action: 'checked_in' },
      { at: `2018-04-${day}T11:30:00.000Z`, actor: { role: 'engineer', id: 'ENG-002' }, action: 'work_recorded' },
    ],
    visits: [{}],
    closedAs: 'completed',
    signOff: { at: `2018-04-${day}T11:45:00.000Z` },
    followUp: { overall: 9 },
    ...extra,
  },
});

/** The month's KPIs as a user reads them, once `ok` says the backfill has reached them. */
async function kpisOf(month: string, ok: (kpis: any) => boolean) {
  for (let i = 0; i < 150; i++) {
    const res = await api.call('GET', `/kpis?from=${month}&to=${month}`, api.tok.dispatcher);
    if (res.status === 200 && ok(res.body.kpis)) return res.body.kpis;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`KPIs of ${month} never showed the backfill`);
}

it('R-RECORD-3 records from before the KPIs are counted once in their months, also after a second backfill', async () => {
  await api.models.Archive.insertMany([
    closed('SR-20180403-0001', '03'),
    // The fault came back: this request takes the first one's first-time fix back.
    closed('SR-20180420-0001', '20', {
      recurrenceOf: { requestNo: 'SR-20180403-0001', signedOffAt: '2018-04-03T11:45:00.000Z' },
      followUp: { overall: 6 },
    }),
  ]);
  await api.models.Complaint.create({
    _id: 'CP-20180421-0001',
    complaintNo: 'CP-20180421-0001',
    version: 9,
    status: 'closed',
    receivedAt: '2018-04-21T09:00:00.000Z',
  });
  await api.models.ImprovementAction.create({
    _id: 'IA-2018-1',
    actionId: 'IA-2018-1',
    requestNo: 'SR-20180420-0001',
    status: 'verified',
    openedAt: '2018-04-22T09:00:00.000Z',
    closedAt: '2018-04-28T09:00:00.000Z',
  });

  expect(await backfillKpiFacts(api.models, api.client, api.config.taskQueue)).toBe(5);
  const first = await kpisOf(
    '2018-04',
    (k) => k.requests === 2 && k.complaints === 1 && k.firstTimeFixShare.value === 0.5,
  );
  expect(first).toMatchObject({
    requests: 2,
    responseMinutes: { value: 20, met: true }, // the engineer's acceptance, 20 minutes after receipt
    repairHours: { value: 1.5, met: true },
    solvedShare: { value: 1 },
    firstTimeFixShare: { value: 0.5 }, // the recurrence took the first request's back
    satisfactionShare: { value: 0.5 }, // 9 and 6: one of two at 8 or more
    complaints: 1,
    improvementActionsAdopted: 1,
  });
  const north = await api.call('GET', '/kpis?from=2018-04&to=2018-04&region=north', api.tok.dispatcher);
  expect(north.body.kpis.requests).toBe(2);
  const eng2 = await api.call('GET', '/kpis?from=2018-04&to=2018-04&engineerId=ENG-002', api.tok.dispatcher);
  expect(eng2.body.kpis.repairHours.value).toBe(1.5);

  // Run again (a second worker, a restart before the marker): every fact is known to its month.
  await backfillKpiFacts(api.models, api.client, api.config.taskQueue);
  const handle = api.client.workflow.getHandle(kpiMonthWorkflowId('2018-04'));
  const signals = async () =>
    (await handle.fetchHistory()).events!.filter((e) => e.workflowExecutionSignaledEventAttributes).length;
  for (let i = 0; i < 50 && (await signals()) < 4; i++) await new Promise((r) => setTimeout(r, 100));
  expect(await signals()).toBe(4); // two batches per backfill: the facts, then the recurrence
  expect(await kpisOf('2018-04', () => true)).toEqual(first);

  // Replay fixture (recorded at 1.0): RECORD_HISTORY=1 writes it when missing
  await recordFixture('kpiMonth-batches.history.b64', handle.fetchHistory());
});
