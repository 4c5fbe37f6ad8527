/**
 * The paid-repair forms in headless Chromium (code you would inherit, item 5: forms never driven before):
 * an engineer declines an offer with a reason; another issues a quotation from the price list on the
 * visit page and the customer approves it on the engineer's device with a signature (R-QUOTE-2); the
 * work costs more than approved, and the customer approves the difference on their own page (R-QUOTE-5).
 */
import type { Page } from 'playwright-core';
import { eventually, diagnosedPaid, openRequest } from '../setup/apiHarness';
import { PHONE } from '../setup/browser';
import { deskSuite, signedIn } from '../setup/desks';

const desks = deskSuite('quote-forms', [
  { username: 'zhang-w', displayName: 'Zhang Wei', role: 'engineer', engineerId: 'ENG-001' },
  { username: 'zhao-l', displayName: 'Zhao Lei', role: 'engineer', engineerId: 'ENG-004' },
]);

const send = async (page: Page, name: string) =>
  Promise.all([page.waitForEvent('load'), page.click(`form[data-name="${name}"] button[type=submit]`)]);
const view = (no: string) => desks.api.call('GET', `/requests/${no}`, desks.api.tok.dispatcher).then((r) => r.body);

/** Draws a stroke on the form's signature pad, as a finger would. */
async function sign(page: Page, form: string) {
  const canvas = page.locator(`form[data-name="${form}"] canvas`);
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + 20, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + 20 + i * 25, box.y + box.height / 2 + (i % 2 ? 25 : -25));
  await page.mouse.up();
}

it('R-DISPATCH-3 an engineer declines an offer on the page; the reason is recorded under them', async () => {
  const no = await openRequest(desks.api, 'ENG-001');
  const { context, page } = await signedIn(desks, 'zhang-w', '/app/engineer');
  await page.goto(`${desks.origin}/app/engineer/${no}`);
  await page.fill('form[data-name="decline-offer"] input[name=reason]', 'on another site until Friday');
  await send(page, 'decline-offer');
  const after = await eventually(
    () => view(no),
    (v) => v.history.some((h: { action: string }) => h.action === 'offer_declined'),
    'offer declined',
  );
  const entry = after.history.find((h: { action: string }) => h.action === 'offer_declined');
  expect(entry).toMatchObject({ actor: { role: 'engineer', id: 'ENG-001' } });
  expect(JSON.stringify(entry.detail)).toContain('on another site until Friday');
  expect(after.offer?.engineerId).not.toBe('ENG-001');
  await context.close();
}, 180_000);

it('R-QUOTE-2 R-QUOTE-5 a quotation issued and approved on the device, then a difference approved by the customer', async () => {
  const { api } = desks;
  const { no, link } = await diagnosedPaid(api);
  const { context, page } = await signedIn(desks, 'zhao-l', '/app/engineer');
  await page.goto(`${desks.origin}/app/engineer/${no}`);
  // Picked from the parts that fit the unit, with their price and warranty; labour in quarter hours.
  const quotation = page.locator('form[data-name="quotation"]');
  const sensor = quotation.locator('tr[data-code="P-SWH-SENSOR"]');
  expect(await sensor.innerText()).toMatch(/CNY 180\.00[\s\S]*180 days/);
  expect(await quotation.locator('tr[data-code="P-UPS-BATT"]').count()).toBe(0); // fits another model
  await sensor.locator('input').fill('1');
  await quotation.locator('tr[data-code="LABOUR-STANDARD"] input').fill('1.25');
  await send(page, 'quotation');
  const quoted = await eventually(
    () => view(no),
    (v) => v.status === 'awaiting_approval',
    'quotation issued',
  );
  const q = quoted.quotations.at(-1);
  expect(q.lines.map((l: { code: string }) => l.code)).toEqual(
    expect.arrayContaining(['P-SWH-SENSOR', 'LABOUR-STANDARD']),
  );

  // The customer reads it on the engineer's phone and signs there.
  await sign(page, 'approve-on-device');
  await send(page, 'approve-on-device');
  const approved = await eventually(
    () => view(no),
    (v) => v.status === 'repairing',
    'quotation approved',
  );
  const approval = approved.history.find((h: { action: string }) => h.action === 'quotation_approved');
  expect(approval?.detail).toMatchObject({ version: q.version, totalMinor: q.totalMinor });
  expect(approval?.detail?.signatureId).toMatch(/^[0-9a-f]{64}$/);
  await context.close();

  // More labour was needed: the work form picks it, and the statement differs from the approved total.
  const again = await signedIn(desks, 'zhao-l', '/app/engineer');
  await again.page.goto(`${desks.origin}/app/engineer/${no}`);
  const work = again.page.locator('form[data-name="work"]');
  await work.locator('textarea[name=actions]').fill('replaced the sensor');
  await work.locator('textarea[name=advice]').fill('check the valves monthly');
  for (const box of ['functionalTestPassed', 'demonstratedToCustomer', 'cleanedUp'])
    await work.locator(`input[name=${box}]`).check();
  await work.locator('tr[data-code="P-SWH-SENSOR"] input').fill('1');
  await work.locator('tr[data-code="LABOUR-STANDARD"] input').fill('2');
  await send(again.page, 'work');
  await again.context.close();
  const pending = await eventually(
    () => view(no),
    (v) => v.settlement?.status === 'difference_pending',
    'difference',
  );
  expect(pending.settlement.differenceMinor).toBeGreaterThan(0);

  const phone = await desks.browser.newContext({ viewport: PHONE, locale: 'en-GB' });
  const customer = await phone.newPage();
  await customer.goto(`${desks.origin}/c/${no}?token=${link}`);
  await sign(customer, 'approve-settlement');
  await send(customer, 'approve-settlement');
  const agreed = await eventually(
    () => view(no),
    (v) => v.settlement?.status === 'agreed',
    'difference approved',
  );
  expect(agreed.settlement.differenceApproval).toMatchObject({ totalMinor: pending.settlement.totalMinor });
  await phone.close();
}, 240_000);
