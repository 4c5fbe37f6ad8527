/**
 * The maintenance planner in headless Chromium (R-MAINT-1, R-ASSET-2): a dispatcher goes from the board to the
 * planner, creates a calendar plan with its checklist and a plan by running hours through the same API call as
 * any client, sees each with its next due date or counter rule, and pauses and resumes one with a reason.
 */
import type { Page } from 'playwright-core';
import { eventually } from '../setup/apiHarness';
import { shot } from '../setup/browser';
import { deskSuite, signedIn } from '../setup/desks';

const desks = deskSuite('maintenance-planner', [{ username: 'disp-p', displayName: 'Wang Fang', role: 'dispatcher' }]);
const send = (page: Page, form: string) =>
  Promise.all([page.waitForEvent('load'), page.click(`${form} button[type=submit]`)]);
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

it('R-MAINT-1 R-ASSET-2 R-DESK-1 a dispatcher plans maintenance by calendar and by running hours on the planner', async () => {
  const { api } = desks;
  const { context, page } = await signedIn(desks, 'disp-p', '/app/board');
  await Promise.all([page.waitForURL('**/app/maintenance'), page.click('a.planner-link')]);

  const form = 'form[data-step="new-plan"]';
  await page.fill(`${form} input[name=serialNumber]`, 'WT-2023-0042');
  await page.selectOption(`${form} select[name=everyMonths]`, '6');
  const firstDue = inDays(60);
  await page.fill(`${form} input[name=firstDue]`, firstDue);
  await page.fill(
    `${form} textarea[name=checklist]`,
    'inspection: check the yaw brake\ncleaning: clean the nacelle filters\nchange the gearbox oil',
  );
  await send(page, form);
  const plans = () =>
    api.call('GET', '/maintenance-plans?serialNumber=WT-2023-0042', api.tok.dispatcher).then((r) => r.body.items);
  const [calendarPlan] = await eventually(plans, (p) => p.length === 1, 'the calendar plan');
  expect(calendarPlan).toMatchObject({
    everyMonths: 6,
    firstDue,
    leadDays: 7,
    checklist: [
      { kind: 'inspection', item: 'check the yaw brake' },
      { kind: 'cleaning', item: 'clean the nacelle filters' },
      { kind: 'other', item: 'change the gearbox oil' },
    ],
  });
  const row = page.locator(`tr[data-plan="${calendarPlan.planId}"]`);
  expect(await row.innerText()).toContain(firstDue);

  // A plan by running hours only.
  await page.fill(`${form} input[name=serialNumber]`, 'WT-2023-0042');
  await page.fill(`${form} input[name="usage.counter"]`, 'runningHours');
  await page.fill(`${form} input[name="usage.every"]`, '2000');
  await page.fill(`${form} input[name="usage.openBefore"]`, '100');
  await page.fill(`${form} textarea[name=checklist]`, 'inspection: gearbox oil sample');
  await send(page, form);
  const both = await eventually(plans, (p) => p.length === 2, 'the usage plan');
  const usagePlan = both.find((p: { planId: string }) => p.planId !== calendarPlan.planId);
  expect(usagePlan.usage).toEqual({ counter: 'runningHours', every: 2000, from: 0, openBefore: 100 });
  expect(await page.locator(`tr[data-plan="${usagePlan.planId}"]`).innerText()).toContain('2000 runningHours');

  await page.fill(
    `tr[data-plan="${calendarPlan.planId}"] form[data-step="plan-pause"] input[name=reason]`,
    'turbine stopped for the winter',
  );
  await send(page, `tr[data-plan="${calendarPlan.planId}"] form[data-step="plan-pause"]`);
  expect(await row.getAttribute('data-status')).toBe('paused');
  await page.fill(
    `tr[data-plan="${calendarPlan.planId}"] form[data-step="plan-resume"] input[name=reason]`,
    'back in service',
  );
  await send(page, `tr[data-plan="${calendarPlan.planId}"] form[data-step="plan-resume"]`);
  expect(await row.getAttribute('data-status')).toBe('active');
  await shot(page, 'maintenance-planner');
  await page.goto(`${desks.origin}/app/maintenance?lang=zh`);
  expect(await page.locator('.plans h2').innerText()).toBe('保养计划');
  await context.close();
}, 180_000);
