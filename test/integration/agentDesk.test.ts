/**
 * The agent's desk in headless Chromium (desks issue): an agent signs in with their account, finds the
 * caller's unit by phone number, sees its earlier request and how it was solved before saving (R-INTAKE-7),
 * the warranty and SLA policy the request will run under, and takes the request in through the API.
 */
import { eventually, openRequest } from '../setup/apiHarness';
import { shot } from '../setup/browser';
import { deskSuite, signedIn } from '../setup/desks';

const desks = deskSuite('agent-desk', [{ username: 'chen', displayName: 'Chen Jing', role: 'agent' }]);

it('R-DESK-1 R-INTAKE-7 R-TRIAGE-1 an agent takes a call for a unit with history and sees that history before saving', async () => {
  const { api } = desks;
  const earlier = await openRequest(api, 'ENG-001'); // the unit's earlier request
  const { context, page } = await signedIn(desks, 'chen', '/app/agent');

  // As the agent types, matches appear without sending the form.
  await page.locator('input[name=q]').pressSequentially('SWH-2025', { delay: 30 });
  await page.locator('#matches a', { hasText: 'SWH-2025-0001' }).waitFor();
  expect(new URL(page.url()).search).toBe('');
  await page.fill('input[name=q]', '+86 21 5555 0101');
  await Promise.all([page.waitForURL('**/app/agent?q=*'), page.click('form.lookup button[type=submit]')]);
  await Promise.all([page.waitForURL('**serial=SWH-2025-0001'), page.click('.matches a >> text=SWH-2025-0001')]);
  // Before anything is saved: the earlier request, the warranty and the SLA policy.
  await page.locator('.earlier li', { hasText: earlier }).waitFor();
  expect(await page.locator('.entitlement').innerText()).toMatch(
    /In warranty until .* the work will be free .* general/,
  );
  expect(await page.inputValue('input[name=contactPhone]')).toBeTruthy();
  await shot(page, 'agent-desk');
  await page.goto(`${page.url()}&lang=zh`);
  await shot(page, 'agent-desk-zh');
  await page.goto(page.url().replace('&lang=zh', '&lang=en'));

  const before = await api.models.ServiceRequest.countDocuments({ serialNumber: 'SWH-2025-0001' }).comment(
    'scan: a test looks',
  );
  const deskUrl = page.url();
  await page.fill('textarea[name="fault.symptoms"]', 'no hot water again <b>since</b> Monday');
  await page.click('form.api button[type=submit]');
  await eventually(
    () => api.models.ServiceRequest.countDocuments({ serialNumber: 'SWH-2025-0001' }).comment('scan: a test looks'),
    (n) => n === before + 1,
    'the new request in the read model',
  );
  const row = await api.models.ServiceRequest.findOne({ serialNumber: 'SWH-2025-0001', _id: { $ne: earlier } })
    .comment('scan: a test looks')
    .sort({ receivedAt: -1 })
    .lean();
  const view = (await api.call('GET', `/requests/${row!._id}`, api.tok.agent)).body;
  expect(view.intake.fault.symptoms).toBe('no hot water again <b>since</b> Monday');
  expect(view.history[0].actor).toEqual({ role: 'agent', id: 'chen' }); // recorded under the account
  expect(view.intake).toMatchObject({ visitNeeded: true, remoteGuidanceFirst: false });

  // R-TRIAGE-1: a question that needs no visit, taken in on the desk, is answered remotely, offered to nobody.
  await page.goto(deskUrl);
  await page.selectOption('select[name=kind]', 'consultation');
  await page.fill('textarea[name="fault.symptoms"]', 'how do I set the anti-freeze mode?');
  await page.uncheck('input[name=visitNeeded]');
  await page.click('form.api button[type=submit]');
  const asked = await eventually(
    () =>
      api.models.ServiceRequest.findOne({ serialNumber: 'SWH-2025-0001', kind: 'consultation' })
        .comment('scan: a test looks')
        .lean(),
    (r) => !!r,
    'the consultation in the read model',
  );
  const consult = await eventually(
    () => api.call('GET', `/requests/${asked!._id}`, api.tok.agent).then((r) => r.body),
    (v) => v.status === 'remote_guidance',
    'remote guidance',
  );
  expect(consult.intake).toMatchObject({ kind: 'consultation', visitNeeded: false });
  expect(consult.offer).toBeUndefined();
  await context.close();
}, 120_000);
