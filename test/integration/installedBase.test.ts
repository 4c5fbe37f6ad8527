/**
 * The installed base in headless Chromium (R-ASSET-1): a unit's components as a tree with serials, a
 * request about one component, and the engineer replacing it on the work order — the old serial leaves,
 * the new one is installed, with the day and the request — and the component's history.
 */
import { issueToken } from '../../shared/runtime/auth';
import { diagnosedPaid, eventually, openRequest } from '../setup/apiHarness';
import { scheduleVisit } from '../setup/journeys';
import { intakeBody } from '../setup/env';
import { deskSuite, signedIn } from '../setup/desks';

const desks = deskSuite('installed-base', [
  { username: 'sun', displayName: 'Sun Qiang', role: 'engineer', engineerId: 'ENG-005' },
  { username: 'desk', displayName: 'Agent', role: 'agent' },
]);
const WT = { customerId: 'CUST-004', serialNumber: 'WT-2023-0042', region: 'north', contactName: 'Ma Jun' };

it('R-ASSET-1 a request about the gearbox; the engineer replaces it on the work order; its history shows both serials', async () => {
  const { api } = desks;
  const tree = await api.call('GET', '/units/WT-2023-0042/assets', api.tok.agent);
  expect(
    tree.body.items.map((a: { path: string; componentSerial: string }) => `${a.path}: ${a.componentSerial}`),
  ).toEqual(['Nacelle: NC-2023-0042', 'Nacelle › Gearbox: GBX-7781', 'Nacelle › Generator: GEN-5520']);
  // A component of another unit is refused at intake.
  const wrong = await api.call('POST', '/requests', api.tok.agent, intakeBody({ ...WT, assetId: 'A-SWH1-TANK' }));
  expect(wrong).toMatchObject({
    status: 400,
    body: { error: 'body.assetId: A-SWH1-TANK is not a component of unit WT-2023-0042' },
  });
  const agent = await signedIn(desks, 'desk', '/app/agent');
  await agent.page.goto(`${desks.origin}/app/agent?serial=WT-2023-0042`);
  expect(await agent.page.locator('select[name=assetId] option').allInnerTexts()).toEqual([
    '–',
    'Nacelle',
    'Nacelle › Gearbox',
    'Nacelle › Generator',
  ]);

  const { no, engineer } = await diagnosedPaid(api, { ...WT, assetId: 'A-WT42-GBX' }, 'ENG-005');
  const other = await issueToken(api.config.authSecret, { role: 'engineer', id: 'ENG-004' });
  const replace = { assetId: 'A-WT42-GBX', newSerial: 'GBX-9001' };
  expect((await api.call('POST', `/requests/${no}/component-replacements`, other, replace)).status).toBe(403);

  const { page, context } = await signedIn(desks, 'sun', '/app/engineer');
  await page.goto(`${desks.origin}/app/engineer/${no}`);
  const gearbox = page.locator('.components li[data-asset="A-WT42-GBX"]');
  expect(await gearbox.innerText()).toMatch(/★ Nacelle › Gearbox · GBX-7781/);
  await gearbox.locator('summary').click();
  await gearbox.locator('input[name=newSerial]').fill('GBX-9001');
  await gearbox.locator('button').click();
  const replaced = await eventually(
    () => api.models.Asset.findById('A-WT42-GBX').lean(),
    (a) => a?.componentSerial === 'GBX-9001',
    'the new gearbox installed',
  );
  const today = new Date().toISOString().slice(0, 10);
  expect(replaced).toMatchObject({
    installedAt: today,
    formerSerials: [expect.objectContaining({ serial: 'GBX-7781', removedAt: today, requestNo: no, by: 'ENG-005' })],
  });
  // The same replacement again (the device's queue sending it twice) changes nothing; another serial is refused.
  expect((await api.call('POST', `/requests/${no}/component-replacements`, engineer, replace)).status).toBe(200);
  const twice = await api.call('POST', `/requests/${no}/component-replacements`, engineer, {
    ...replace,
    newSerial: 'GBX-9002',
  });
  expect(twice).toMatchObject({
    status: 409,
    body: { error: `request ${no} already replaced A-WT42-GBX (with GBX-9001)` },
  });
  expect((await api.models.Asset.findById('A-WT42-GBX').lean())!.formerSerials).toHaveLength(1);

  const history = await eventually(
    () => api.call('GET', '/assets/A-WT42-GBX', api.tok.agent),
    (r) => r.body.requests?.length === 1,
    'the request shows in the history',
  );
  expect(history.body).toMatchObject({ path: 'WT-2023-0042 › Nacelle › Gearbox', componentSerial: 'GBX-9001' });
  expect(history.body.requests[0].requestNo).toBe(no);
  await context.close();
  await agent.context.close();
}, 180_000);

it('R-ASSET-1 the components a work record replaced become the installed ones, without a call of their own', async () => {
  const { api } = desks;
  const no = await openRequest(api, 'ENG-001', { assetId: 'A-SWH1-CTRL' });
  const eng = await issueToken(api.config.authSecret, { role: 'engineer', id: 'ENG-001' });
  await scheduleVisit(api, no, eng);
  expect((await api.call('POST', `/requests/${no}/check-in`, eng, { identityShown: true })).status).toBe(200);
  const diagnosis = { faultConfirmedWithCustomer: true, faultClass: 'hardware', findings: 'controller board burnt' };
  expect((await api.call('POST', `/requests/${no}/diagnosis`, eng, diagnosis)).status).toBe(200);
  const work = {
    actions: 'replaced the controller',
    functionalTestPassed: true,
    demonstratedToCustomer: true,
    cleanedUp: true,
    advice: 'keep the cover closed',
  };
  const wrong = await api.call('POST', `/requests/${no}/work`, eng, {
    ...work,
    components: [{ assetId: 'A-WT42-GBX', newSerial: 'X-1' }],
  });
  expect(wrong).toMatchObject({
    status: 400,
    body: { error: 'body.components: A-WT42-GBX is not a component of unit SWH-2025-0001' },
  });
  const done = await api.call('POST', `/requests/${no}/work`, eng, {
    ...work,
    components: [{ assetId: 'A-SWH1-CTRL', newSerial: 'CTL-55-2001', partNo: 'P-SWH-SENSOR' }],
  });
  expect(done).toMatchObject({ status: 200, body: { status: 'work_done' } });
  const ctrl = await api.models.Asset.findById('A-SWH1-CTRL').lean();
  expect(ctrl).toMatchObject({
    componentSerial: 'CTL-55-2001',
    formerSerials: [expect.objectContaining({ serial: 'CTL-55-0931', requestNo: no, by: 'ENG-001' })],
  });
  const view = await api.call('GET', `/requests/${no}`, api.tok.dispatcher);
  expect(view.body.history.map((h: { action: string }) => h.action)).toContain('components_replaced');
}, 120_000);
