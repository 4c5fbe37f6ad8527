/**
 * What an engineer picks from (issue: the engineer in the field, item 2), on the real services and
 * FerretDB: the parts that fit the unit with price, warranty and the van's stock from the ledger, the
 * labour of the price list, and quarter hours as the only labour the API takes.
 */
import { issueToken } from '../../shared/runtime/auth';
import { repositoriesOf } from '../../shared/storage/repositories';
import { diagnosedPaid, startApi, type Api } from '../setup/apiHarness';

let api: Api;
beforeAll(async () => {
  api = await startApi('parts-for-unit');
}, 120_000);
afterAll(async () => api?.close());

it('R-PARTS-3 R-QUOTE-1 the parts that fit the unit, priced, with what the van holds; labour in quarter hours', async () => {
  const { no, engineer } = await diagnosedPaid(api);
  await repositoriesOf(api.models).fieldTrip.ledger.move({
    key: 'test/van-opening/P-SWH-SENSOR',
    from: 'SUPPLIER',
    to: 'VAN-ENG-004',
    partNo: 'P-SWH-SENSOR',
    quantity: 2,
    kind: 'receipt',
    ref: { messageId: 'van-opening' },
  });
  const res = await api.call('GET', `/requests/${no}/parts`, engineer);
  expect(res.status).toBe(200);
  const byCode = Object.fromEntries(res.body.parts.map((p: { code: string }) => [p.code, p]));
  expect(byCode['P-SWH-SENSOR']).toMatchObject({
    unitPriceMinor: 18_000,
    currency: 'CNY',
    warrantyDays: 180,
    inVan: 2,
  });
  expect(byCode['P-SWH-VALVE']).toMatchObject({ inVan: 0 });
  expect(byCode['P-UPS-BATT']).toBeUndefined(); // fits another model
  expect(res.body.services).toEqual(
    expect.arrayContaining([expect.objectContaining({ code: 'LABOUR-STANDARD', kind: 'labour', unit: 'hour' })]),
  );
  const stranger = await issueToken(api.config.authSecret, { role: 'engineer', id: 'ENG-002' });
  expect((await api.call('GET', `/requests/${no}/parts`, stranger)).status).toBe(403);
  const odd = await api.call('POST', `/requests/${no}/quotation`, engineer, {
    lines: [{ code: 'LABOUR-STANDARD', quantity: 1.1 }],
  });
  expect(odd).toMatchObject({ status: 400, body: { error: expect.stringMatching(/multiple of 0.25/) } });
}, 120_000);
