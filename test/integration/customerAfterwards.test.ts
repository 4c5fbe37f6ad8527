/**
 * The customer's page after the visit, in headless Chromium (code you would inherit, item 5: forms never
 * driven before): the survey answered on the page closes the request (R-FOLLOW-1); "the fault is back"
 * opens a linked request (R-FOLLOW-3); a complaint from the page is linked to the request (R-FOLLOW-4).
 */
import type { Page } from 'playwright-core';
import { eventually } from '../setup/apiHarness';
import { deskSuite } from '../setup/desks';
import { signedOffFreeRepair } from '../setup/journeys';

const desks = deskSuite('customer-afterwards', []);

const send = async (page: Page, name: string) =>
  Promise.all([page.waitForEvent('load'), page.click(`form[data-name="${name}"] button[type=submit]`)]);

it('R-FOLLOW-1 R-FOLLOW-3 R-FOLLOW-4 the customer answers the survey, reports the fault back and complains, on their page', async () => {
  const { api } = desks;
  await api.models.Policy.updateOne({ _id: 'service' }, { $set: { followUpDelayMs: 300 } });
  const { no, link } = await signedOffFreeRepair(api);
  const view = () => api.call('GET', `/requests/${no}`, api.tok.agent).then((r) => r.body);
  await eventually(view, (v) => v.status === 'follow_up_due', 'follow-up due');

  const context = await desks.browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto(`${desks.origin}/c/${no}?token=${link}`);
  const survey = page.locator('form[data-name="survey"]');
  await survey.locator('select[name=overall]').selectOption('9');
  await send(page, 'survey');
  const closed = await eventually(view, (v) => v.status === 'closed', 'closed');
  expect(closed.followUp).toMatchObject({ overall: 9 });
  expect(closed.history.find((h: { action: string }) => h.action === 'follow_up_recorded')?.actor.role).toBe(
    'customer',
  );

  await page.click('details summary');
  await page.fill('form[data-name="fault-back"] textarea[name=symptoms]', 'no hot water again since this morning');
  await page.click('form[data-name="fault-back"] button[type=submit]');
  // The earlier request's workflow has ended (closed and archived): the new one names it.
  const linked = await eventually(
    () => api.models.ServiceRequest.findOne({ recurrenceOf: no }).comment('scan: a test looks').lean(),
    (r) => !!r,
    'the linked request',
  );
  const again = (await api.call('GET', `/requests/${linked!._id}`, api.tok.agent)).body;
  expect(again).toMatchObject({ recurrenceOf: { requestNo: no }, intake: { serialNumber: 'SWH-2025-0001' } });
  expect(again.intake.fault.symptoms).toBe('no hot water again since this morning');

  await page.goto(`${desks.origin}/c/${no}?token=${link}`);
  await page.click('details summary');
  await page.selectOption('form[data-name="complaint"] select[name=category]', 'result');
  await page.fill('form[data-name="complaint"] textarea[name=description]', 'the same fault twice in a month');
  await page.click('form[data-name="complaint"] button[type=submit]');
  const complaint = await eventually(
    () => api.models.Complaint.findOne({ relatedRequestNos: no }).comment('scan: a test looks').lean(),
    (c) => !!c,
    'the complaint linked to the request',
  );
  expect(complaint).toMatchObject({ category: 'result', customerId: 'CUST-001' });
  await context.close();
}, 180_000);
