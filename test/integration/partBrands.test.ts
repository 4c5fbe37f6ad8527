/**
 * Parts of a brand the customer agreed to (002 §2.3.3; R-PARTS-3): genuine parts only stays the default;
 * a customer who agreed to a brand gets its parts offered and used, another customer does not.
 */
import { openRequest, PAID, startApi, type Api } from '../setup/apiHarness';
import { partRefusal } from '../../shared/fieldTrip/partRules';
import { repositoriesOf } from '../../shared/storage/repositories';

let api: Api;
beforeAll(async () => {
  api = await startApi('part-brands');
}, 120_000);
afterAll(async () => api?.close());

it('R-PARTS-3 a part of a brand the customer agreed to is offered to them only; genuine only stays the default', async () => {
  const part = {
    partNo: 'P-SWH-VALVE-HW',
    name: 'Solenoid valve (Hanwei)',
    fitsModels: ['SunHeat 300L', 'SunHeat 200L'],
    genuine: false,
    brand: 'Hanwei',
  };
  expect((await api.call('POST', '/admin/parts', api.tok.admin, part)).status).toBe(201);
  expect((await api.call('PUT', '/admin/customers/CUST-001', api.tok.admin, { agreedBrands: ['Hanwei'] })).status).toBe(
    200,
  );

  const agreed = await openRequest(api); // CUST-001, SunHeat 300L
  const other = await openRequest(api, undefined, PAID); // CUST-003, SunHeat 200L: genuine only
  const codes = async (no: string) =>
    (await api.call('GET', `/requests/${no}/parts`, api.tok.dispatcher)).body.parts.map(
      (p: { code: string }) => p.code,
    );
  expect(await codes(agreed)).toContain('P-SWH-VALVE-HW');
  expect(await codes(other)).not.toContain('P-SWH-VALVE-HW');
  expect(await codes(other)).toContain('P-SWH-VALVE');

  // The same rule decides when a trip plans or uses the part.
  expect(partRefusal(part, undefined, ['Hanwei'])).toBeUndefined();
  expect(partRefusal(part)).toBe(
    'part P-SWH-VALVE-HW is not a genuine or certified part (brand Hanwei; the customer agreed to genuine parts only)',
  );
  const { masterData } = repositoriesOf(api.models);
  expect(await masterData.checkParts([{ partNo: 'P-SWH-VALVE-HW', requestNo: agreed }])).toBeUndefined();
  expect(await masterData.checkParts([{ partNo: 'P-SWH-VALVE-HW', requestNo: other }])).toEqual({
    kind: 'refused',
    message:
      'part P-SWH-VALVE-HW is not a genuine or certified part (brand Hanwei; the customer agreed to genuine parts only)',
  });
});
