/**
 * Returns to the supplier on the quality desk in headless Chromium (R-RMA-1): a module the inspection
 * blames on the supplier goes back on a claim (out of quality's stock in the ledger), the supplier's credit
 * closes it, and the KPIs and the audit export show what was recovered.
 */
import { execFileSync } from 'node:child_process';
import { repositoriesOf } from '../../shared/storage/repositories';
import { eventually, openRequest } from '../setup/apiHarness';
import { deskSuite, signedIn } from '../setup/desks';

const desks = deskSuite('supplier-claims', [{ username: 'qa', displayName: 'Quality', role: 'quality' }]);

it('R-RMA-1 R-PARTS-5 a supplier fault goes back on a claim, leaves stock, and its credit shows in the KPIs and the audit', async () => {
  const { api } = desks;
  const no = await openRequest(api);
  const opened = await api.call('POST', '/quality-inspections', api.tok.support, {
    requestNo: no,
    partNo: 'P-SWH-SENSOR',
    symptom: 'reads 0 °C in the sun',
    sentBy: 'Hangzhou office',
  });
  const id = opened.body._id as string;
  const { ledger } = repositoriesOf(api.models).fieldTrip;
  const inQuality = await ledger.balance('QUALITY', 'P-SWH-SENSOR');
  // Not a supplier fault (no finding yet): nothing goes back.
  const early = await api.call('POST', `/quality-inspections/${id}/supplier-claim`, api.tok.quality, {
    supplier: 'Sensortech',
    claimNo: 'ST-RMA-1',
    serials: ['S1'],
  });
  expect(early.status).toBe(409);
  expect(early.body.error).toMatch(/has no finding yet: only a supplier fault goes back on a claim/);

  const { page, context } = await signedIn(desks, 'qa', '/app/quality');
  const finding = page.locator(`li[data-inspection="${id}"] form`);
  await finding.locator('textarea[name=finding]').fill('NTC element out of tolerance from the factory');
  await finding.locator('select[name=responsibleParty]').selectOption('supplier');
  await Promise.all([page.waitForEvent('load'), finding.locator('button').click()]);

  const send = page.locator(`.supplier-claims li[data-inspection="${id}"] form[data-name="supplier-claim"]`);
  await send.locator('[name=supplier]').fill('Sensortech Ltd');
  await send.locator('[name=claimNo]').fill('ST-RMA-2026-118');
  await send.locator('[name=serials]').fill('NTC-88231');
  await Promise.all([page.waitForEvent('load'), send.locator('button').click()]);
  const claimId = `RMA-${id}`;
  expect(await api.models.SupplierClaim.findById(claimId).lean()).toMatchObject({
    inspectionId: id,
    requestNo: no,
    supplier: 'Sensortech Ltd',
    claimNo: 'ST-RMA-2026-118',
    serials: ['NTC-88231'],
    status: 'sent',
  });
  expect(await ledger.balance('QUALITY', 'P-SWH-SENSOR')).toBe(inQuality - 1); // gone to the supplier

  const credit = page.locator(`li[data-claim="${claimId}"] form[data-name="credited"]`);
  await credit.locator('[name=creditMinor]').fill('12000');
  await Promise.all([page.waitForEvent('load'), credit.locator('button').click()]);
  await eventually(
    () => api.models.SupplierClaim.findById(claimId).lean(),
    (c) => c?.status === 'credited',
    'credited',
  );
  expect(await page.locator(`li[data-claim="${claimId}"]`).count()).toBe(0); // off the desk
  const again = await api.call('POST', `/supplier-claims/${claimId}/outcome`, api.tok.quality, {
    outcome: 'rejected',
    note: 'changed mind',
  });
  expect(again.status).toBe(409);
  expect(again.body.error).toBe(`supplier claim ${claimId} is already decided: credited`);

  const month = new Date().toISOString().slice(0, 7);
  const kpis = await api.call('GET', `/kpis?from=${month}&to=${month}`, api.tok.quality);
  expect(kpis.body.supplierRecovery).toEqual({
    decided: 1,
    credited: 1,
    replaced: 0,
    rejected: 0,
    recoveredMinor: { CNY: 12000 },
  });
  const day = new Date().toISOString().slice(0, 10);
  const audit = await api.call(
    'GET',
    `/audit/export?what=supplier-claims&from=${day}&to=${day}&format=json`,
    api.tok.quality,
  );
  expect(audit.body).toEqual([
    expect.objectContaining({
      claimId,
      supplier: 'Sensortech Ltd',
      status: 'credited',
      recoveredMinor: 12000,
      currency: 'CNY',
    }),
  ]);
  // The ledger and the balances still agree.
  execFileSync('npx', ['tsx', 'infra/stockCheck.ts'], { env: { ...process.env, MONGODB_URI: api.uri }, stdio: 'pipe' });
  await context.close();
}, 180_000);

it('R-RMA-1 a replacement from the supplier is booked into the warehouse; a claim for a fault not the supplier’s is refused', async () => {
  const { api } = desks;
  const no = await openRequest(api);
  const open = async () =>
    (
      await api.call('POST', '/quality-inspections', api.tok.support, {
        requestNo: no,
        partNo: 'P-SWH-VALVE',
        symptom: 'sticks open',
        sentBy: 'Hangzhou office',
      })
    ).body._id as string;
  const [ours, theirs] = [await open(), await open()];
  await api.call('POST', `/quality-inspections/${ours}/finding`, api.tok.quality, {
    finding: 'overtightened on fitting',
    responsibleParty: 'workmanship',
  });
  const refused = await api.call('POST', `/quality-inspections/${ours}/supplier-claim`, api.tok.quality, {
    supplier: 'Valveco',
    claimNo: 'V-1',
    serials: ['V1'],
  });
  expect(refused.status).toBe(409);
  expect(refused.body.error).toMatch(/blames workmanship, not the supplier/);

  await api.call('POST', `/quality-inspections/${theirs}/finding`, api.tok.quality, {
    finding: 'seal missing from the factory',
    responsibleParty: 'supplier',
  });
  const claim = { supplier: 'Valveco', claimNo: 'V-2026-7', serials: ['VX-1'] };
  expect((await api.call('POST', `/quality-inspections/${theirs}/supplier-claim`, api.tok.quality, claim)).status).toBe(
    201,
  );
  expect((await api.call('POST', `/quality-inspections/${theirs}/supplier-claim`, api.tok.quality, claim)).status).toBe(
    200,
  ); // a retry
  const { ledger } = repositoriesOf(api.models).fieldTrip;
  const before = await ledger.balance('WH-EAST', 'P-SWH-VALVE');
  const bad = await api.call('POST', `/supplier-claims/RMA-${theirs}/outcome`, api.tok.quality, {
    outcome: 'replaced',
    warehouseId: 'WH-NOWHERE',
  });
  expect(bad).toMatchObject({ status: 400, body: { error: 'body.warehouseId: no warehouse WH-NOWHERE' } });
  const replaced = await api.call('POST', `/supplier-claims/RMA-${theirs}/outcome`, api.tok.quality, {
    outcome: 'replaced',
    warehouseId: 'WH-EAST',
    replacementSerial: 'VX-2',
    valueMinor: 4500,
    currency: 'CNY',
  });
  expect(replaced.body).toMatchObject({ status: 'replaced', outcome: { replacementSerial: 'VX-2' } });
  expect(await ledger.balance('WH-EAST', 'P-SWH-VALVE')).toBe(before + 1);
  const listed = await api.call('GET', '/supplier-claims?status=replaced', api.tok.quality);
  expect(listed.body.items.map((c: { _id: string }) => c._id)).toEqual([`RMA-${theirs}`]);
  expect((await api.call('GET', '/supplier-claims', api.tok.eng1)).status).toBe(403);
});
