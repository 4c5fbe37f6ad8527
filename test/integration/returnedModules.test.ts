/**
 * A faulty module a branch office sends back without a trip (001 §5.6.3), on the real services and
 * FerretDB: support opens its inspection linked to the request, it is booked into quality's stock once, it
 * waits with the request's inspections until quality records the finding.
 */
import { repositoriesOf } from '../../shared/storage/repositories';
import { openRequest, startApi, type Api } from '../setup/apiHarness';

let api: Api;
beforeAll(async () => {
  api = await startApi('returned-modules');
}, 120_000);
afterAll(async () => api?.close());

const post = (token: string, body: unknown, key?: string) =>
  fetch(`${api.base}/quality-inspections`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      ...(key ? { 'idempotency-key': key } : {}),
    },
    body: JSON.stringify(body),
  }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));

it('R-PARTS-5 a module sent back by a branch office opens one inspection, booked into quality once', async () => {
  const no = await openRequest(api);
  const { ledger } = repositoriesOf(api.models).fieldTrip;
  const before = await ledger.balance('QUALITY', 'P-SWH-SENSOR');
  const body = { requestNo: no, partNo: 'P-SWH-SENSOR', symptom: 'reads 0 °C in the sun', sentBy: 'Hangzhou office' };
  const first = await post(api.tok.support, body, 'hz-0042');
  expect(first).toMatchObject({
    status: 201,
    body: {
      requestNo: no,
      partNo: 'P-SWH-SENSOR',
      origin: 'sent_back_by_branch',
      sentBy: 'Hangzhou office',
      status: 'open',
    },
  });
  const id = first.body._id as string;
  expect(id).toMatch(/^RET-[0-9A-F]{10}$/);
  expect(await post(api.tok.support, body, 'hz-0042')).toMatchObject({ status: 200, body: { _id: id } }); // a retry
  expect(await ledger.balance('QUALITY', 'P-SWH-SENSOR')).toBe(before + 1);

  const listed = await api.call('GET', `/requests/${no}/inspections`, api.tok.dispatcher);
  expect(listed.body.items.map((i: { _id: string }) => i._id)).toEqual([id]);
  const found = await api.call('POST', `/quality-inspections/${id}/finding`, api.tok.quality, {
    finding: 'sensor cable chafed at the entry gland',
  });
  expect(found).toMatchObject({ status: 200, body: { status: 'closed', inspector: 'qa-1' } });

  expect((await post(api.tok.support, { ...body, requestNo: 'SR-20200101-9999' })).status).toBe(400);
  expect((await post(api.tok.support, { ...body, partNo: 'P-NOPE' })).status).toBe(400);
  expect((await post(api.tok.eng1, body)).status).toBe(403);
  expect((await ledger.check()).problems).toEqual([]);
}, 120_000);
