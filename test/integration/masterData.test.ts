/**
 * Master data over HTTP: an admin creates, changes (each a version: who, when, what), lists and
 * deactivates records, never deleting what a request refers to; broken rules are refused naming the
 * field; an engineer with open work cannot be deactivated; intake refuses what is deactivated.
 */
import { intakeBody } from '../setup/env';
import { openRequest, startApi, type Api } from '../setup/apiHarness';

let api: Api;
beforeAll(async () => {
  api = await startApi('masterdata');
}, 120_000);
afterAll(async () => api?.close());

const admin = () => api.tok.admin;
const post = (path: string, body: unknown, token = admin()) => api.call('POST', path, token, body);

describe('master data', () => {
  it('R-DISPATCH-1 an admin sets up a new region with three engineers; every change is a version', async () => {
    expect(
      (
        await post('/admin/regions', {
          region: 'south',
          name: 'South region',
          supervisorEmail: 'sup.south@example.test',
        })
      ).status,
    ).toBe(201);
    for (const n of [1, 2, 3]) {
      const e = await post('/admin/engineers', {
        engineerId: `ENG-10${n}`,
        name: `Engineer ${n}`,
        regions: ['south'],
        skills: ['solar-water-heater'],
        certifications: ['solar-water-heater'],
      });
      expect(e).toMatchObject({ status: 201, body: { version: 1, active: true } });
    }
    const listed = await api.call('GET', '/admin/engineers?active=true', api.tok.dispatcher);
    expect(listed.body.items.filter((e: { regions: string[] }) => e.regions.includes('south'))).toHaveLength(3);

    const changed = await api.call('PUT', '/admin/engineers/ENG-101', admin(), {
      phone: '+86 20 5555 0101',
      reason: 'new phone',
    });
    expect(changed).toMatchObject({
      status: 200,
      body: { version: 2, phone: '+86 20 5555 0101', changedBy: 'admin-1' },
    });
    const one = await api.call('GET', '/admin/engineers/ENG-101', api.tok.agent);
    expect(
      one.body.versions.map((v: { version: number; by: string; reason: string | null }) => [v.version, v.by, v.reason]),
    ).toEqual([
      [1, 'admin-1', 'created'],
      [2, 'admin-1', 'new phone'],
    ]);
    expect((await post('/admin/engineers/ENG-103/deactivate', { reason: 'left the company' })).body).toMatchObject({
      active: false,
      version: 2,
    });
    expect((await post('/admin/engineers/ENG-103/deactivate', { reason: 'twice' })).status).toBe(409);
  });

  it('R-INTAKE-2 broken master-data rules are refused naming the field, and nothing is written', async () => {
    const before = await api.models.MasterDataChange.countDocuments().comment('scan: a test looks');
    const unit = {
      serialNumber: 'SWH-2026-0900',
      customerId: 'CUST-001',
      model: 'SunHeat 300L',
      productLine: 'solar-water-heater',
      purchaseDate: '2026-05-01',
      warrantyEnd: '2028-05-01',
    };
    expect((await post('/admin/units', { ...unit, warrantyEnd: '2026-01-01' })).body).toEqual({
      error: 'body.warrantyEnd: 2026-01-01 is before the purchase date 2026-05-01',
    });
    expect((await post('/admin/units', { ...unit, customerId: 'CUST-999' })).body).toEqual({
      error: 'body.customerId: no customer CUST-999',
    });
    expect((await post('/admin/units', { ...unit, contractNo: 'SC-2025-017' })).body.error).toContain(
      'belongs to CUST-002',
    );
    expect((await post('/admin/prices', { code: 'P-X', unitPriceMinor: -5, currency: 'CNY' })).status).toBe(400);
    const contract = { contractNo: 'SC-2026-900', customerId: 'CUST-002', start: '2026-01-01', end: '2026-12-31' };
    expect((await post('/admin/contracts', contract)).body.error).toContain('overlaps contract SC-2025-017');
    expect((await post('/admin/regions', { region: 'east' })).status).toBe(409); // exists: change it with PUT
    expect((await api.call('PUT', '/admin/units/SWH-2025-0001', admin(), { serialNumber: 'OTHER' })).status).toBe(400);
    expect((await post('/admin/regions', { region: 'x1' }, api.tok.dispatcher)).status).toBe(403);
    expect((await api.call('GET', '/admin/units/NOPE', api.tok.agent)).status).toBe(404);
    expect(await api.models.MasterDataChange.countDocuments().comment('scan: a test looks')).toBe(before);
  });

  it('R-DISPATCH-1 R-INTAKE-2 an engineer with open work cannot be deactivated; intake refuses a deactivated unit', async () => {
    const requestNo = await openRequest(api, 'ENG-001');
    const refused = await post('/admin/engineers/ENG-001/deactivate', { reason: 'leaving' });
    expect(refused).toMatchObject({ status: 409, body: { error: expect.stringContaining(requestNo) } });
    await api.call('POST', `/requests/${requestNo}/cancel`, api.tok.agent, { reason: 'test over' });

    // Work cancelled a moment ago does not keep an engineer active (the request's workflow is asked).
    const created = await post('/admin/engineers', {
      engineerId: 'ENG-109',
      name: 'Engineer 9',
      regions: ['east'],
      skills: ['solar-water-heater'],
    });
    expect(created.status).toBe(201);
    const job = await openRequest(api);
    const moved = await api.call('POST', `/requests/${job}/assign`, api.tok.dispatcher, {
      engineerId: 'ENG-109',
      reason: 'covers the district this week',
    });
    expect(moved.status).toBe(200);
    await new Promise((r) => setTimeout(r, 1500)); // the open-work projection has the assignment
    expect(
      (await api.call('POST', `/requests/${job}/cancel`, api.tok.agent, { reason: 'solved by phone' })).status,
    ).toBe(200);
    expect(await post('/admin/engineers/ENG-109/deactivate', { reason: 'leaving' })).toMatchObject({
      status: 200,
      body: { active: false },
    });

    await post('/admin/units/SWH-2019-0777/deactivate', { reason: 'scrapped' });
    const intake = await api.call(
      'POST',
      '/requests',
      api.tok.agent,
      intakeBody({ customerId: 'CUST-003', serialNumber: 'SWH-2019-0777', region: 'north' }),
    );
    expect(intake).toMatchObject({
      status: 400,
      body: { error: 'body.serialNumber: unit SWH-2019-0777 is deactivated' },
    });
    expect((await post('/admin/units/SWH-2019-0777/reactivate', { reason: 'repaired after all' })).body.active).toBe(
      true,
    );
  });

  it('R-INTAKE-2 a site holds the address, region and contact of the units standing there', async () => {
    expect(
      (
        await post('/admin/sites', {
          siteId: 'SITE-77',
          customerId: 'CUST-003',
          address: '7 Elm Rd, Harbin',
          region: 'east',
        })
      ).status,
    ).toBe(201);
    expect(
      (await post('/admin/sites', { siteId: 'SITE-78', customerId: 'CUST-003', address: 'x', region: 'mars' })).body,
    ).toEqual({
      error: 'body.region: no region mars',
    });
    expect((await api.call('PUT', '/admin/units/SWH-2025-0001', admin(), { siteId: 'SITE-77' })).body.error).toContain(
      'belongs to CUST-003, not CUST-001',
    );
    await api.call('PUT', '/admin/units/SWH-2019-0777', admin(), {
      siteId: 'SITE-77',
      reason: 'moved to the Harbin site',
    });
    // The site's region now serves the unit: intake to its customer's region is refused, naming the site's.
    const intake = await api.call(
      'POST',
      '/requests',
      api.tok.agent,
      intakeBody({ customerId: 'CUST-003', serialNumber: 'SWH-2019-0777', region: 'north' }),
    );
    expect(intake.body).toEqual({
      error: 'body.region: region north does not serve the site of unit SWH-2019-0777; it is served by east',
    });
  });
});
