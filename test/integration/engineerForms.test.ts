/**
 * The engineer's forms for a visit that cannot finish, in headless Chromium (code you would inherit, item 5:
 * forms never driven before): asking the technical department for help (R-VISIT-5), the diagnosis, and
 * ending the visit because another one is needed, with what it needs (R-VISIT-4). Each is recorded under the engineer.
 */
import type { Page } from 'playwright-core';
import { issueToken } from '../../shared/runtime/auth';
import { eventually, openRequest } from '../setup/apiHarness';
import { deskSuite, signedIn } from '../setup/desks';

const desks = deskSuite('engineer-forms', [
  { username: 'zhang-w', displayName: 'Zhang Wei', role: 'engineer', engineerId: 'ENG-001' },
]);
const HOUR = 3_600_000;

const send = async (page: Page, name: string) =>
  Promise.all([page.waitForEvent('load'), page.click(`form[data-name="${name}"] button[type=submit]`)]);

it('R-VISIT-4 R-VISIT-5 an engineer on site asks for support, then ends the visit as another is needed', async () => {
  const { api } = desks;
  const no = await openRequest(api, 'ENG-001');
  const eng = await issueToken(api.config.authSecret, { role: 'engineer', id: 'ENG-001' });
  for (const [step, body] of [
    ['offer/accept', {}],
    [
      'appointment',
      {
        windowStart: new Date(Date.now() + HOUR).toISOString(),
        windowEnd: new Date(Date.now() + 3 * HOUR).toISOString(),
        estimatedDurationMinutes: 60,
        customerConsent: true,
      },
    ],
    ['check-in', { identityShown: true }],
  ] as const)
    expect((await api.call('POST', `/requests/${no}/${step}`, eng, body)).status).toBe(200);

  const { context, page } = await signedIn(desks, 'zhang-w', '/app/engineer');
  await page.goto(`${desks.origin}/app/engineer/${no}`);
  await page.click('form[data-name="support"] >> xpath=ancestor::details/summary');
  await page.selectOption('form[data-name="support"] select[name=mode]', 'remote');
  await page.fill('form[data-name="support"] textarea[name=question]', 'controller shows E7 after a reset');
  await send(page, 'support');
  const view = () => api.call('GET', `/requests/${no}`, api.tok.dispatcher).then((r) => r.body);
  const waiting = await eventually(view, (v) => v.waitingOn === 'technical_support', 'waiting on support');
  expect(waiting.support.at(-1)).toMatchObject({ mode: 'remote', question: 'controller shows E7 after a reset' });
  const answered = await api.call('POST', `/requests/${no}/support/answer`, api.tok.support, {
    mode: 'remote',
    answer: 'replace the controller board',
  });
  expect(answered.status).toBe(200);

  await page.reload();
  const diagnosis = page.locator('form[data-name="diagnosis"]');
  await diagnosis.locator('[name=faultConfirmedWithCustomer]').check();
  await diagnosis.locator('select[name=faultClass]').selectOption('hardware');
  await diagnosis.locator('[name=findings]').fill('controller board failed');
  await send(page, 'diagnosis');
  await page.click('form[data-name="another-visit"] >> xpath=ancestor::details/summary');
  await page.selectOption('form[data-name="another-visit"] select[name=needs]', ['parts']);
  await page.fill('form[data-name="another-visit"] input[name=reason]', 'the controller board is on order');
  await send(page, 'another-visit');
  const after = await eventually(view, (v) => v.visits?.at(-1)?.outcome === 'another_visit_needed', 'visit ended');
  expect(after.visits.at(-1)).toMatchObject({ needs: ['parts'], reason: 'the controller board is on order' });
  const entry = after.history.find((h: { action: string }) => h.action === 'visit_ended');
  expect(entry?.actor).toEqual({ role: 'engineer', id: 'ENG-001' });
  await context.close();
}, 180_000);
