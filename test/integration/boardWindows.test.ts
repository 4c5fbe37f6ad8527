/**
 * Visit windows from the dispatcher's board, in headless Chromium (code you would inherit, item 5: forms
 * never driven before; R-VISIT-1): a window proposed to the customer, declined by them on their page with a
 * reason, then a window agreed on the phone and entered on the board, which schedules the visit.
 */
import type { Page } from 'playwright-core';
import { issueToken } from '../../shared/runtime/auth';
import { eventually } from '../setup/apiHarness';
import { deskSuite, signedIn } from '../setup/desks';
import { intakeBody } from '../setup/env';

const desks = deskSuite('board-windows', [{ username: 'disp-w', displayName: 'Wang Fang', role: 'dispatcher' }]);
const HOUR = 3_600_000;
/** A datetime-local value `hours` from now (the browser runs in UTC here, as the server does). */
const local = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString().slice(0, 16);

async function fillWindow(page: Page, form: string, from: number) {
  const f = page.locator(`tr[data-request] form[data-name="${form}"]`);
  await f.locator('[name=windowStart]').fill(local(from));
  await f.locator('[name=windowEnd]').fill(local(from + 2));
  return f;
}

it('R-VISIT-1 a dispatcher proposes a window the customer declines, then enters the one agreed on the phone', async () => {
  const { api } = desks;
  const created = await api.call('POST', '/requests', api.tok.agent, intakeBody());
  const no = created.body.requestNo as string;
  const link = new URL(created.body.customerLink).searchParams.get('token')!;
  const view = () => api.call('GET', `/requests/${no}`, api.tok.dispatcher).then((r) => r.body);
  await eventually(view, (v) => v.status === 'offered' && v.offer?.engineerId === 'ENG-001', 'offered');
  const eng = await issueToken(api.config.authSecret, { role: 'engineer', id: 'ENG-001' });
  expect((await api.call('POST', `/requests/${no}/offer/accept`, eng, {})).status).toBe(200);
  await eventually(
    () => api.models.OpenRequest.findById(no).lean(),
    (r) => r?.status === 'assigned',
    'assigned on the board',
  );

  const { context, page } = await signedIn(desks, 'disp-w', '/app/board');
  const row = page.locator(`tr[data-request="${no}"]`);
  await row.locator('summary', { hasText: 'Reschedule' }).click();
  const propose = await fillWindow(page, 'propose', 26);
  await Promise.all([page.waitForEvent('load'), propose.locator('button[type=submit]').click()]);
  await eventually(view, (v) => !!v.proposedAppointment, 'proposed to the customer');

  const customer = await desks.browser.newContext({ locale: 'en-GB' });
  const cpage = await customer.newPage();
  await cpage.goto(`${desks.origin}/c/${no}?token=${link}`);
  await cpage.fill('form[data-name="decline-time"] input[name=reason]', 'I am at work then');
  await Promise.all([cpage.waitForEvent('load'), cpage.click('form[data-name="decline-time"] button[type=submit]')]);
  const declined = await eventually(view, (v) => !v.proposedAppointment, 'declined');
  const entry = declined.history.find((h: { action: string }) => h.action === 'appointment_proposal_declined');
  expect(entry).toMatchObject({ actor: { role: 'customer' }, detail: { reason: 'I am at work then' } });
  await customer.close();

  await page.reload();
  await page.locator(`tr[data-request="${no}"] summary`, { hasText: 'Reschedule' }).click();
  const agree = await fillWindow(page, 'reschedule', 50);
  const entered = await agree.locator('[name=windowStart]').inputValue(); // the minute typed in, not a later one
  await agree.locator('[name=customerConsent]').check();
  await Promise.all([page.waitForEvent('load'), agree.locator('button[type=submit]').click()]);
  const scheduled = await eventually(view, (v) => v.status === 'scheduled', 'scheduled');
  expect(scheduled.appointment.windowStart.slice(0, 16)).toBe(entered);
  expect(scheduled.history.at(-1)?.actor).toEqual({ role: 'dispatcher', id: 'disp-w' });
  await context.close();
}, 180_000);
