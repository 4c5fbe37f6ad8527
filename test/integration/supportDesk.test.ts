/**
 * The technical department's desk in headless Chromium (R-VISIT-5): an engineer on site asks for support;
 * support staff sign in with their account, see the question with the unit and fault, answer remotely,
 * and the engineer's work is no longer held up.
 */
import { eventually, openRequest } from '../setup/apiHarness';
import { shotBoth } from '../setup/browser';
import { deskSuite, signedIn } from '../setup/desks';

const desks = deskSuite('support-desk', [{ username: 'tech-1', displayName: 'Zhou Min', role: 'support' }]);

it('R-DESK-1 R-VISIT-5 support answers a support request from their desk and the engineer’s work unblocks', async () => {
  const { api } = desks;
  const no = await openRequest(api, 'ENG-001');
  const eng = api.tok.eng1;
  await api.call('POST', `/requests/${no}/offer/accept`, eng);
  const start = Date.now() + 3_600_000;
  await api.call('POST', `/requests/${no}/appointment`, eng, {
    windowStart: new Date(start).toISOString(),
    windowEnd: new Date(start + 7_200_000).toISOString(),
    estimatedDurationMinutes: 60,
    customerConsent: true,
  });
  expect((await api.call('POST', `/requests/${no}/check-in`, eng, { identityShown: true })).status).toBe(200);
  const ask = { mode: 'remote', question: 'controller shows E7 after the pump swap: <i>firmware?</i>' };
  expect((await api.call('POST', `/requests/${no}/support`, eng, ask)).status).toBe(200);
  await eventually(
    () => api.models.ServiceRequest.findById(no).lean(),
    (d) => d?.waitingOn === 'technical_support',
    'waiting on support in the read model',
  );

  const { context, page } = await signedIn(desks, 'tech-1', '/app/support');
  const card = page.locator(`.support-request[data-request="${no}"]`);
  // Markup the engineer typed is shown as text, never run.
  expect(await card.locator('.question').innerText()).toContain('<i>firmware?</i>');
  await shotBoth(page, 'support-desk');
  await card.locator('textarea[name=answer]').fill('flash firmware 2.4 from the service menu, then reset');
  await card.locator('button[type=submit]').click();
  const view = await eventually(
    () => api.call('GET', `/requests/${no}`, api.tok.agent),
    (r) => !!r.body.support?.[0]?.answeredAt,
    'the answer recorded',
  );
  expect(view.body.support[0]).toMatchObject({ answeredBy: 'tech-1', answerMode: 'remote' });
  expect(view.body.waitingOn).toBeUndefined();
  // The engineer goes on: the diagnosis is no longer refused for waiting on support.
  const diagnosis = await api.call('POST', `/requests/${no}/diagnosis`, eng, {
    faultConfirmedWithCustomer: true,
    faultClass: 'software',
    findings: 'firmware flashed',
  });
  expect(diagnosis).toMatchObject({ status: 200, body: { status: 'diagnosed' } });
  await context.close();
}, 120_000);

it('R-DESK-1 R-PARTS-5 support opens the inspection of a module a branch office sent back, from their desk', async () => {
  const { api } = desks;
  const no = await openRequest(api);
  const { context, page } = await signedIn(desks, 'tech-1', '/app/support');
  const form = page.locator('form[data-name="returned-module"]');
  await form.locator('[name=requestNo]').fill(no);
  await form.locator('[name=partNo]').fill('P-SWH-VALVE');
  await form.locator('[name=symptom]').fill('leaks at the seat');
  await form.locator('[name=sentBy]').fill('Ningbo office');
  await Promise.all([page.waitForEvent('load'), form.locator('button[type=submit]').click()]);
  const listed = await eventually(
    () => api.call('GET', `/requests/${no}/inspections`, api.tok.dispatcher).then((r) => r.body.items),
    (items) => items.length === 1,
    'the inspection',
  );
  expect(listed[0]).toMatchObject({ partNo: 'P-SWH-VALVE', origin: 'sent_back_by_branch', status: 'open' });
  await context.close();
}, 120_000);
