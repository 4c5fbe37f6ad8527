/**
 * A three-request field trip end to end over HTTP, against the real dev server and FerretDB
 * (R-PARTS-1..5, R-VISIT-2, R-VISIT-4), and the request-cancel compensation.
 */
import type { TripView } from '../../shared/fieldTrip/types';
import { StockLedger } from '../../shared/storage/stockLedger';
import { issueToken } from '../../shared/runtime/auth';
import { pdfText } from '../setup/pdfText';
import { eventually, openRequest as openRequestIn, startApi, type Api } from '../setup/apiHarness';

let api: Api;
let ledger: StockLedger;
beforeAll(async () => {
  api = await startApi('trips');
  ledger = new StockLedger(api.models);
}, 120_000);
afterAll(async () => api?.close());

const HOUR = 3_600_000;
const call = (method: string, path: string, token?: string, body?: unknown) => api.call(method, path, token, body);
const openRequest = () => openRequestIn(api);
const tripUntil = (id: string, ok: (v: any) => boolean) =>
  eventually(() => call('GET', `/trips/${id}`, api.tok.dispatcher).then((r) => r.body), ok, `trip ${id}`);
const plan = (lines: unknown[], requestNos: string[]) => ({
  region: 'east',
  warehouseId: 'WH-EAST',
  plannedStart: new Date().toISOString(),
  plannedEnd: new Date(Date.now() + 48 * HOUR).toISOString(),
  tools: ['multimeter', 'ladder', 'safety harness'],
  lines,
  requestNos,
});

describe('HTTP: a field trip', () => {
  it('R-VISIT-4 R-PARTS-1..5 three requests on one trip: requisition, approval, trip sheet, nearby work, consumption, reconciliation, inspection', async () => {
    const [r1, r2] = [await openRequest(), await openRequest()];
    const sensorsBefore = await ledger.balance('WH-EAST', 'P-SWH-SENSOR');

    // Bad requisitions are refused before anything starts.
    expect(
      await call('POST', '/trips', api.tok.eng1, plan([{ partNo: 'P-UPS-BATT', quantity: 1, requestNo: r1 }], [r1])),
    ).toEqual({
      status: 409,
      body: {
        error: `part P-UPS-BATT does not fit SunHeat 300L (unit SWH-2025-0001 of ${r1}); it fits PowerSafe 20kVA`,
      },
    });
    expect(
      (
        await call('POST', '/trips', api.tok.eng1, {
          ...plan([{ partNo: 'P-SWH-SENSOR', quantity: 1 }], []),
          warehouseId: 'WH-MARS',
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await call('POST', '/trips', api.tok.eng1, {
          ...plan([{ partNo: 'P-SWH-SENSOR', quantity: 1 }], []),
          engineerId: 'ENG-002',
        })
      ).status,
    ).toBe(403);
    expect(
      (await call('POST', '/trips', api.tok.eng1, plan([{ partNo: 'P-SWH-SENSOR', quantity: 0 }], []))).status,
    ).toBe(400);
    expect(await ledger.balance('WH-EAST', 'P-SWH-SENSOR')).toBe(sensorsBefore);

    const created = await call(
      'POST',
      '/trips',
      api.tok.eng1,
      plan(
        [
          { partNo: 'P-SWH-SENSOR', quantity: 2, requestNo: r1 },
          { partNo: 'P-SWH-VALVE', quantity: 1, requestNo: r2 },
          { partNo: 'P-SWH-SENSOR', quantity: 1 },
        ],
        [r1, r2],
      ),
    );
    expect(created.status).toBe(201);
    const id = created.body.tripId as string;
    expect((await call('POST', `/trips/${id}/approve`, api.tok.eng1, { approve: true })).status).toBe(403);
    expect(
      (await call('POST', `/trips/${id}/approve`, api.tok.dispatcher, { approve: true, mode: 'wait' })).body.requisition
        .status,
    ).toBe('approved');
    const sheet = await tripUntil(id, (v) => v.status === 'reserved');
    expect(sheet).toMatchObject({ tools: ['multimeter', 'ladder', 'safety harness'], requests: [r1, r2] });
    expect(sheet.parts.map((p: any) => `${p.partNo}:${p.reserved}`)).toEqual(['P-SWH-SENSOR:3', 'P-SWH-VALVE:1']);
    const eng2 = await issueToken(api.config.authSecret, { role: 'engineer', id: 'ENG-002' });
    expect((await call('GET', `/trips/${id}`, eng2)).status).toBe(403);
    expect((await call('POST', `/trips/${id}/depart`, api.tok.eng1)).body.status).toBe('on_trip');

    // Before leaving the region the supervisor sees open work nearby that fits the engineer's skills.
    const r3 = await openRequest();
    const leaving = await call('POST', `/trips/${id}/leaving-region`, api.tok.eng1);
    expect(leaving.body.nearby.map((n: any) => n.requestNo)).toContain(r3);
    expect(leaving.body.nearby.map((n: any) => n.requestNo)).not.toContain(r1);
    expect((await call('POST', `/trips/${id}/requests`, api.tok.dispatcher, { requestNo: r3 })).body.requests).toEqual([
      r1,
      r2,
      r3,
    ]);

    const consume = (requestNo: string, partNo: string, oldPart: string) =>
      call('POST', `/trips/${id}/consumption`, api.tok.eng1, {
        requestNo,
        partNo,
        quantity: 1,
        oldPart,
        ...(oldPart === 'returned' ? { symptom: 'no signal' } : {}),
      });
    expect((await consume(r1, 'P-SWH-SENSOR', 'returned')).status).toBe(200);
    expect((await consume(r2, 'P-SWH-VALVE', 'kept_by_customer')).status).toBe(200);
    expect((await consume(r3, 'P-SWH-SENSOR', 'none')).status).toBe(200);
    expect(await consume(r2, 'P-SWH-VALVE', 'none')).toEqual({
      status: 409,
      body: { error: 'only 0 × P-SWH-VALVE left on the trip, 1 reported' },
    });

    const ended = await call('POST', `/trips/${id}/end`, api.tok.eng1, {
      returned: [{ partNo: 'P-SWH-SENSOR', quantity: 1 }],
      oldParts: [{ requestNo: r1, partNo: 'P-SWH-SENSOR', symptom: 'no signal' }],
    });
    expect(ended.status).toBe(200);
    const closed = await tripUntil(id, (v) => v.status === 'closed');
    expect(
      closed.parts.map((p: any) => `${p.partNo}:${p.carried}=${p.consumed}+${p.returned}+${p.faulty}+${p.writtenOff}`),
    ).toEqual(['P-SWH-SENSOR:3=2+1+0+0', 'P-SWH-VALVE:1=1+0+0+0']);
    expect(closed.customerKept).toEqual([{ requestNo: r2, partNo: 'P-SWH-VALVE' }]);
    expect(await ledger.balance('WH-EAST', 'P-SWH-SENSOR')).toBe(sensorsBefore - 2);
    const stock = await call('GET', '/stock?location=QUALITY', api.tok.dispatcher);
    expect(stock.body.items).toEqual([{ location: 'QUALITY', partNo: 'P-SWH-SENSOR', onHand: 1 }]);

    // Quality inspection of the old sensor; its finding shows on the request.
    const [inspectionId] = closed.inspections;
    expect(
      (await call('POST', `/quality-inspections/${inspectionId}/finding`, api.tok.dispatcher, { finding: 'x' })).status,
    ).toBe(403);
    const findingBody = {
      finding: 'moisture in the connector: seal batch 2024-07 suspect',
      improvement: { title: 'Block seal batch 2024-07', ownerId: 'disp-1' },
    };
    const finding = await call('POST', `/quality-inspections/${inspectionId}/finding`, api.tok.support, findingBody);
    expect(finding.body).toMatchObject({ status: 'closed', requestNo: r1, inspector: 'tech-1' });
    // R-FOLLOW-2: the finding opened an improvement action, once, even when the call is retried.
    expect(
      (await call('POST', `/quality-inspections/${inspectionId}/finding`, api.tok.support, findingBody)).status,
    ).toBe(200);
    const actions = await eventually(
      () => call('GET', `/improvement-actions?sourceRef=${inspectionId}`, api.tok.dispatcher),
      (r) => r.body.items?.length > 0,
      'the improvement action of the finding',
    );
    expect(actions.body.items).toEqual([
      expect.objectContaining({ source: 'inspection', ownerId: 'disp-1', title: 'Block seal batch 2024-07' }),
    ]);
    expect(
      (await call('POST', `/quality-inspections/${inspectionId}/finding`, api.tok.support, { finding: 'again' }))
        .status,
    ).toBe(409);
    const req1 = await call('GET', `/requests/${r1}/inspections`, api.tok.dispatcher);
    expect(req1.body.items).toEqual([
      expect.objectContaining({
        partNo: 'P-SWH-SENSOR',
        finding: 'moisture in the connector: seal batch 2024-07 suspect',
      }),
    ]);
    expect((await ledger.check()).problems).toEqual([]);

    // R-FORM-1: the trip task and report sheet, read back as text; submitted to the supervisor at the end.
    const report = await fetch(`${api.base}/trips/${id}/documents/trip-report`, {
      headers: { authorization: `Bearer ${api.tok.dispatcher}` },
    });
    expect(report.headers.get('content-type')).toBe('application/pdf');
    const text = await pdfText(Buffer.from(await report.arrayBuffer()));
    for (const words of [id, '出差任务及报告单', r1, r2, r3, 'P-SWH-SENSOR', 'no signal'])
      expect(text).toContain(words);
    const other = await issueToken(api.config.authSecret, { role: 'engineer', id: 'ENG-002' });
    expect(
      (await fetch(`${api.base}/trips/${id}/documents/trip-report`, { headers: { authorization: `Bearer ${other}` } }))
        .status,
    ).toBe(403);
    const told = await api.models.Outbox.find({ requestNo: id, template: 'trip_report' }).lean();
    expect(told.map((m) => m.to)).toEqual(['supervisor']);
    for (const no of [r1, r2, r3]) await call('POST', `/requests/${no}/cancel`, api.tok.agent, { reason: 'test over' });
  });

  it('R-PARTS-4 cancelling a request releases the parts reserved for it on a trip (compensation)', async () => {
    const no = await openRequest();
    const before = await ledger.balance('WH-EAST', 'P-SWH-VALVE');
    const created = await call('POST', '/trips', api.tok.dispatcher, {
      ...plan([{ partNo: 'P-SWH-VALVE', quantity: 2, requestNo: no }], [no]),
      engineerId: 'ENG-001',
    });
    const id = created.body.tripId;
    await call('POST', `/trips/${id}/approve`, api.tok.dispatcher, { approve: true });
    await tripUntil(id, (v) => v.status === 'reserved');
    expect(await ledger.balance('WH-EAST', 'P-SWH-VALVE')).toBe(before - 2);
    expect(
      (await call('POST', `/requests/${no}/cancel`, api.tok.agent, { reason: 'customer sold the house' })).body.status,
    ).toBe('cancelled');
    // The request's workflow releases the parts after the cancel answered: wait until the trip recorded it.
    const released = (x: TripView) => x.history.some((e) => e.action === 'reservation_released');
    const v = await tripUntil(id, (x) => !x.requests.includes(no) && released(x));
    expect(v.parts[0]).toMatchObject({ partNo: 'P-SWH-VALVE', reserved: 0 });
    expect(await ledger.balance('WH-EAST', 'P-SWH-VALVE')).toBe(before);
    // The request's workflow told the trip (durable compensation, not the HTTP handler).
    const history = (await call('GET', `/requests/${no}`, api.tok.agent)).body.history;
    expect(history.map((e: { action: string }) => e.action)).toContain('trip_parts_release_requested');
    expect(
      (await call('POST', `/trips/${id}/cancel`, api.tok.dispatcher, { reason: 'nothing left to do' })).body.status,
    ).toBe('cancelled');
  });

  it('R-PARTS-1 R-INTEGRATE-2 a trip planned again under the same Idempotency-Key is the same trip, not a second one', async () => {
    const r1 = await openRequest();
    const body = plan([{ partNo: 'P-SWH-SENSOR', quantity: 1, requestNo: r1 }], [r1]);
    const post = (key: string, b: unknown = body) =>
      fetch(`${api.base}/trips`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${api.tok.eng1}`,
          'content-type': 'application/json',
          'idempotency-key': key,
        },
        body: JSON.stringify(b),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
    const key = `plan-${Date.now()}`;
    // A refused plan releases its key: the corrected plan under the same key is planned.
    const wrong = await post(key, { ...body, warehouseId: 'WH-MARS' });
    expect(wrong.status).toBe(400);
    const first = await post(key);
    expect(first.status).toBe(201);
    const again = await post(key); // the answer was lost: the engineer's app sends it again
    expect(again).toEqual({ status: 200, body: first.body });
    const other = await post(`${key}-b`);
    expect(other.status).toBe(201);
    expect(other.body.tripId).not.toBe(first.body.tripId);
    await call('POST', `/trips/${other.body.tripId}/cancel`, api.tok.dispatcher, { reason: 'test over' });
    await call('POST', `/trips/${first.body.tripId}/cancel`, api.tok.dispatcher, { reason: 'test over' });
  });
});
