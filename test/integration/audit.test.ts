/**
 * The quarterly audit (R-RECORD-4): requests, breaches, complaints and improvement actions of a period,
 * as CSV that spreadsheets open as UTF-8 (Chinese text intact) or as JSON; lists take the same period.
 */
import { startApi, type Api } from '../setup/apiHarness';

let api: Api;
beforeAll(async () => {
  api = await startApi('audit');
  // A quarter of history in the read models (closed requests may be written straight to the stores read).
  const row = (n: number, receivedAt: string, over: Record<string, unknown> = {}) => ({
    _id: `SR-20261015-${String(n).padStart(4, '0')}`,
    requestNo: `SR-20261015-${String(n).padStart(4, '0')}`,
    version: 9,
    receivedAt,
    status: 'closed',
    kind: 'fault_repair',
    region: 'east',
    customerId: 'CUST-001',
    customerName: '李伟 (Li Wei)',
    slaBreached: false,
    breachedClocks: [],
    breaches: [],
    ...over,
  });
  await api.models.ServiceRequest.insertMany([
    row(1, '2026-10-02T03:00:00.000Z'),
    row(2, '2026-11-20T09:00:00.000Z', {
      slaBreached: true,
      breachedClocks: ['arrival'],
      breaches: [
        { clock: 'arrival', breachedAt: '2026-11-21T09:00:00.000Z', overrunMs: 3_600_000, escalatedTo: ['supervisor'] },
      ],
    }),
    row(3, '2027-01-05T09:00:00.000Z'), // next quarter
  ]);
}, 120_000);
afterAll(async () => api?.close());

const get = (path: string, token = api.tok.admin) =>
  fetch(api.base + path, { headers: { authorization: `Bearer ${token}` } }).then(async (r) => ({
    status: r.status,
    type: r.headers.get('content-type') ?? '',
    disposition: r.headers.get('content-disposition') ?? '',
    bytes: Buffer.from(await r.arrayBuffer()),
  }));

describe('quarterly audit', () => {
  it('R-RECORD-4 a quarter of requests as CSV opens as UTF-8 with its Chinese text; JSON the same rows', async () => {
    const csv = await get('/audit/export?what=requests&from=2026-10-01&to=2026-12-31');
    expect(csv.status).toBe(200);
    expect(csv.type).toContain('text/csv');
    expect(csv.disposition).toContain('audit-requests-2026-10-01-2026-12-31.csv');
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the byte order mark
    const lines = csv.bytes.toString('utf8').slice(1).trim().split('\n');
    expect(lines[0]).toMatch(/^requestNo,receivedAt,kind,/);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['SR-20261015-0001', 'SR-20261015-0002']);
    expect(lines[1]).toContain('李伟 (Li Wei)');

    const json = await get('/audit/export?what=requests&from=2026-10-01&to=2026-12-31&format=json');
    const rows = JSON.parse(json.bytes.toString('utf8')) as { requestNo: string; customerName: string }[];
    expect(rows.map((r) => r.requestNo)).toEqual(['SR-20261015-0001', 'SR-20261015-0002']);
    expect(rows[0].customerName).toBe('李伟 (Li Wei)');
  });

  it('R-RECORD-4 breaches of the period, one row per breached clock; lists take the same period', async () => {
    const json = await get('/audit/export?what=breaches&from=2026-10-01&to=2026-12-31&format=json');
    expect(JSON.parse(json.bytes.toString('utf8'))).toEqual([
      expect.objectContaining({
        ref: 'SR-20261015-0002',
        type: 'request',
        clock: 'arrival',
        overrunMs: 3_600_000,
        escalatedTo: 'supervisor',
      }),
    ]);
    const listed = await api.call(
      'GET',
      '/requests?receivedFrom=2026-10-01&receivedTo=2026-12-31&limit=10',
      api.tok.agent,
    );
    expect(listed.body.items.map((r: { requestNo: string }) => r.requestNo).sort()).toEqual([
      'SR-20261015-0001',
      'SR-20261015-0002',
    ]);
    const moment = await api.call(
      'GET',
      `/requests?receivedFrom=${encodeURIComponent('2026-11-20T17:00:00+08:00')}`,
      api.tok.agent,
    );
    expect(moment.body.items.map((r: { requestNo: string }) => r.requestNo).sort()).toEqual([
      'SR-20261015-0002',
      'SR-20261015-0003',
    ]);
  });

  it('R-RECORD-4 a bad period or role is refused with the reason', async () => {
    expect((await get('/audit/export?what=requests&from=2026-12-31&to=2026-10-01')).status).toBe(400);
    expect((await get('/audit/export?what=requests&from=2025-01-01&to=2026-12-31')).status).toBe(400);
    expect((await get('/audit/export?what=everything&from=2026-10-01&to=2026-12-31')).status).toBe(400);
    expect((await get('/audit/export?what=requests&from=2026-10-01&to=2026-12-31', api.tok.agent)).status).toBe(403);
    expect((await api.call('GET', '/requests?receivedFrom=yesterday', api.tok.agent)).status).toBe(400);
  });

  it('R-RECORD-3 a quarter’s KPIs read three monthly rows, overall or by region, against their targets', async () => {
    const sums = (requests: number, solved: number, responseMin: number) => ({
      requests,
      solved,
      firstTimeFix: solved,
      responseN: requests,
      responseMs: requests * responseMin * 60_000,
      dispatchN: 0,
      dispatchMs: 0,
      arrivalN: requests,
      arrivalMet: requests,
      repairN: solved,
      repairMs: solved * 2 * 3_600_000,
      surveyed: solved,
      satisfied: solved,
      complaints: 1,
      adopted: 1,
    });
    const month = (m: string, east: ReturnType<typeof sums>, north: ReturnType<typeof sums>) => ({
      _id: m,
      month: m,
      version: 5,
      sums: {
        all: Object.fromEntries(Object.keys(east).map((k) => [k, (east as any)[k] + (north as any)[k]])),
        byRegion: { east, north },
        byEngineer: {},
        byProductLine: {},
      },
    });
    await api.models.KpiMonth.insertMany([
      month('2026-10', sums(10, 10, 20), sums(5, 4, 50)),
      month('2026-11', sums(10, 9, 20), sums(5, 5, 50)),
      month('2026-12', sums(10, 10, 20), sums(0, 0, 0)),
    ]);
    const all = await api.call('GET', '/kpis?from=2026-10&to=2026-12', api.tok.dispatcher);
    expect(all.body.monthsWithData).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(all.body.kpis).toMatchObject({
      requests: 40,
      responseMinutes: { value: 27.5, target: 30, met: true }, // (30 × 20 + 10 × 50) / 40
      solvedShare: { value: 0.95, target: 0.95, met: true },
      repairHours: { value: 2, met: true },
      complaints: 6,
      improvementActionsAdopted: 6,
    });
    const north = await api.call('GET', '/kpis?from=2026-10&to=2026-12&region=north', api.tok.dispatcher);
    expect(north.body.kpis).toMatchObject({
      requests: 10,
      responseMinutes: { value: 50, met: false },
      solvedShare: { value: 0.9, met: false },
    });
    expect((await api.call('GET', '/kpis?from=2026-12&to=2026-10', api.tok.dispatcher)).status).toBe(400);
    expect(
      (await api.call('GET', '/kpis?from=2026-10&to=2026-12&region=east&engineerId=ENG-001', api.tok.dispatcher))
        .status,
    ).toBe(400);
    expect((await api.call('GET', '/kpis?from=2026-13&to=2026-12', api.tok.dispatcher)).status).toBe(400);
    expect((await api.call('GET', '/kpis?from=2026-10&to=2026-12', api.tok.eng1)).status).toBe(403);
  });
});
