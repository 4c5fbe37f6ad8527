/**
 * The administrator's desk in headless Chromium (desks issue): an admin signs in, adds an engineer's
 * account, and deactivates an account whose open session stops working at once.
 */
import { eventually } from '../setup/apiHarness';
import { shotBoth } from '../setup/browser';
import { deskSuite, signedIn } from '../setup/desks';

const desks = deskSuite('admin-desk', [
  { username: 'root', displayName: 'Admin', role: 'admin' },
  { username: 'leaver', displayName: 'Leaves', role: 'dispatcher' },
]);

it('R-DESK-1 R-ACCESS-1 an admin adds an engineer account and deactivates an account: its open session stops at once', async () => {
  const { api } = desks;
  const leaver = await signedIn(desks, 'leaver', '/app/board');
  const admin = await signedIn(desks, 'root', '/app/admin');
  const form = admin.page.locator('form[data-call="POST /admin/accounts"]');
  await form.locator('input[name=username]').fill('zhao.lei');
  await form.locator('input[name=displayName]').fill('Zhao Lei <script>x</script>');
  await form.locator('select[name=role]').selectOption('engineer');
  await form.locator('input[name=engineerId]').fill('ENG-002');
  await form.locator('input[name=password]').fill('a brand new passphrase');
  await form.locator('button[type=submit]').click();
  const row = admin.page.locator('tr[data-account="zhao.lei"]');
  await row.waitFor();
  expect(await row.locator('td').nth(1).innerText()).toBe('Zhao Lei <script>x</script>'); // shown as text
  expect(await api.models.Account.findById('zhao.lei').lean()).toMatchObject({
    role: 'engineer',
    engineerId: 'ENG-002',
  });
  await shotBoth(admin.page, 'admin-desk');

  await admin.page.locator('tr[data-account="leaver"] form', { hasText: 'Deactivate' }).locator('button').click();
  await eventually(
    () => api.models.Account.findById('leaver').lean(),
    (a) => a?.active === false,
    'deactivated',
  );
  await leaver.page.reload();
  expect(new URL(leaver.page.url()).pathname).toBe('/app/sign-in'); // its session ended at once
  await leaver.context.close();
  await admin.context.close();
}, 120_000);
