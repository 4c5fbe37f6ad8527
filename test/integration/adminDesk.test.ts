/**
 * The administrator's desk in headless Chromium (desks issue): an admin signs in, adds an engineer's
 * account, and deactivates an account whose open session stops working at once.
 */
import { eventually } from '../setup/apiHarness';
import { shotBoth } from '../setup/browser';
import { accountStore } from '../../shared/storage/accounts';
import { DESK_PASSWORD, deskSuite, signedIn } from '../setup/desks';

const desks = deskSuite('admin-desk', [
  { username: 'root', displayName: 'Admin', role: 'admin' },
  { username: 'leaver', displayName: 'Leaves', role: 'dispatcher' },
  { username: 'mover', displayName: 'Moves', role: 'dispatcher' },
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

it('R-DESK-1 R-ACCESS-1 an admin edits an account: its regions open its board there; a new role ends its session', async () => {
  const { api } = desks;
  const admin = await signedIn(desks, 'root', '/app/admin');
  const row = admin.page.locator('tr[data-account="mover"]');
  await row.locator('summary').click();
  const edit = row.locator('form[data-step="edit"]');
  await edit.locator('[name=regions]').fill('north, nowhere');
  await edit.locator('button').click();
  await admin.page.locator('#message.error').waitFor();
  expect(await admin.page.locator('#message').innerText()).toMatch(/body.regions: no region nowhere/);
  expect((await api.models.Account.findById('mover').lean())?.regions).toEqual([]);
  await edit.locator('[name=regions]').fill('north');
  await Promise.all([admin.page.waitForEvent('load'), edit.locator('button').click()]);
  expect(await admin.page.locator('tr[data-account="mover"] .regions').innerText()).toBe('north');

  const mover = await signedIn(desks, 'mover', '/app/board?region=north');
  await mover.page.goto(`${desks.origin}/app/board?region=`);
  expect(new URL(mover.page.url()).search).toBe('?region='); // every region when asked
  const changed = await api.call('PUT', '/admin/accounts/mover', api.tok.admin, { role: 'quality' });
  expect(changed.body).toMatchObject({ role: 'quality', regions: ['north'], version: 3 });
  await mover.page.reload();
  expect(new URL(mover.page.url()).pathname).toBe('/app/sign-in'); // the old role's session ended
  expect((await api.call('PUT', '/admin/accounts/mover', api.tok.admin, {})).status).toBe(400);
  await mover.context.close();
  await admin.context.close();
}, 120_000);

it('R-DESK-1 R-ACCESS-1 an admin resets a password on the desk: the old one no longer signs in, the new one does', async () => {
  const { api } = desks;
  const admin = await signedIn(desks, 'root', '/app/admin');
  const reset = admin.page.locator('tr[data-account="mover"] form[data-call="POST /admin/accounts/mover/password"]');
  await reset.locator('input[name=password]').fill('a reset passphrase 42');
  await Promise.all([admin.page.waitForEvent('load'), reset.locator('button').click()]);
  const accounts = accountStore(api.models);
  expect(await accounts.verify('mover', DESK_PASSWORD)).toBeUndefined();
  expect(await accounts.verify('mover', 'a reset passphrase 42')).toMatchObject({ _id: 'mover' });
  await admin.context.close();
}, 120_000);
