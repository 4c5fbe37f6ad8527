/**
 * The installed base in headless Chromium (R-ASSET-1): a unit's components as a tree with serials, a
 * request about one component, and the engineer replacing it on the work order — the old serial leaves,
 * the new one is installed, with the day and the request — and the component's history.
 */
import { issueToken } from '../../shared/runtime/auth';
import { diagnosedPaid, eventually } from '../setup/apiHarness';
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
