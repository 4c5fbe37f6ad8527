/**
 * The administrator's master data, policies and connections in headless Chromium (desks issue): an
 * admin adds an engineer and changes a customer (each a version with who and why), publishes a new
 * service policy version, issues a service token that is shown once and works, then revokes it.
 */
import type { Page } from 'playwright-core';
import { eventually } from '../setup/apiHarness';
import { shotBoth } from '../setup/browser';
import { deskSuite, signedIn } from '../setup/desks';

const desks = deskSuite('admin-data', [{ username: 'root2', displayName: 'Admin', role: 'admin' }]);

const submitted = (page: Page, form: ReturnType<Page['locator']>) =>
  Promise.all([page.waitForEvent('load'), form.locator('button[type=submit]').click()]);

it('R-DESK-1 an admin adds an engineer and changes a customer; every version shows who and why', async () => {
  const { api } = desks;
  const { context, page } = await signedIn(desks, 'root2', '/app/admin');
  await Promise.all([page.waitForURL('**/app/admin/data/engineers'), page.click('nav.kinds a >> text=engineers')]);
  const create = page.locator('form[data-call="POST /admin/engineers"]');
  await create.locator('[name=engineerId]').fill('ENG-900');
  await create.locator('[name=name]').fill('Gao Yun');
  await create.locator('[name=regions]').fill('east, north');
  await create.locator('[name=skills]').fill('heat-pump');
  // A refused form says why beside it and writes nothing.
  await create.locator('[name=email]').fill('not-an-email');
  await create.locator('button[type=submit]').click();
  await page.locator('#message.error').waitFor();
  expect(await page.locator('#message').innerText()).toMatch(/email/);
  expect(await api.models.Engineer.exists({ _id: 'ENG-900' })).toBeNull();
  await create.locator('[name=email]').fill('gao.yun@example.test');
  await Promise.all([page.waitForURL('**/app/admin/data/engineers/ENG-900'), create.locator('button').click()]);
  expect(await api.models.Engineer.findById('ENG-900').lean()).toMatchObject({
    regions: ['east', 'north'],
    skills: ['heat-pump'],
    version: 1,
  });

  await page.goto(`${desks.origin}/app/admin/data/customers/CUST-001`);
  const change = page.locator('form[data-step="change"]');
  await change.locator('[name=phone]').fill('+86 21 5555 0199');
  await change.locator('[name=reason]').fill('customer moved office');
  await submitted(page, change);
  expect(await page.locator('.record').getAttribute('data-version')).toBe('2');
  const v2 = page.locator('.versions li[data-version="2"]');
  expect(await v2.innerText()).toMatch(/root2 · customer moved office/);
  await shotBoth(page, 'admin-master-data');
  expect((await api.call('GET', '/admin/customers/CUST-001', api.tok.admin)).body.phone).toBe('+86 21 5555 0199');
  await context.close();
}, 120_000);

it('R-DESK-1 R-ACCESS-1 an admin publishes the service policy and issues, then revokes, a service token', async () => {
  const { api } = desks;
  const { context, page } = await signedIn(desks, 'root2', '/app/admin');
  await page.goto(`${desks.origin}/app/admin/policies`);
  const before = Number(await page.locator('.service-policy').getAttribute('data-version'));
  const policy = page.locator('form[data-step="service-policy"]');
  await policy.locator('[name=followUpDelayMs]').fill('72');
  await submitted(page, policy);
  const now = (await api.call('GET', '/service-policy', api.tok.admin)).body;
  expect(now).toMatchObject({ version: before + 1, followUpDelayMs: 72 * 3_600_000, changedBy: 'root2' });
  await shotBoth(page, 'admin-policies');

  await page.goto(`${desks.origin}/app/admin/integrations`);
  const issue = page.locator('form[data-step="issue-token"]');
  await issue.locator('[name=name]').fill('billing');
  await issue.locator('[name=expiresInDays]').fill('10');
  await issue.locator('button').click();
  const token = await eventually(
    () => page.locator('#message').getAttribute('data-secret'),
    (s) => !!s,
    'the token shown once',
  );
  expect((await api.call('GET', '/stock', token!)).status).toBe(200);
  await page.reload();
  expect(await page.content()).not.toContain(token!); // never shown again
  const row = page.locator('tr[data-token]', { hasText: 'billing' });
  await submitted(page, row);
  expect(await page.locator('tr[data-token] .state', { hasText: 'revoked' }).count()).toBe(1);
  expect((await api.call('GET', '/stock', token!)).status).toBe(401);
  await context.close();
}, 120_000);

it('R-DESK-1 R-INTEGRATE-3 R-INTEGRATE-4 an admin publishes an SLA policy, subscribes and stops a webhook, re-sends a stuck mail', async () => {
  const { api } = desks;
  const { context, page } = await signedIn(desks, 'root2', '/app/admin');
  await page.goto(`${desks.origin}/app/admin/policies`);
  const card = page.locator('.sla-policy[data-policy="general"]');
  const before = Number(await card.getAttribute('data-version'));
  await card.locator('[name=offerAcceptanceMs]').fill('0.75');
  await submitted(page, card.locator('form')); // its empty budgets are left out, not sent as 0
  const sla = (await api.call('GET', '/sla-policies/general', api.tok.admin)).body;
  expect(sla).toMatchObject({ version: before + 1, offerAcceptanceMs: 45 * 60_000 });
  expect(sla.versions.at(-1)).toMatchObject({ version: before + 1, changedBy: 'root2' });

  await page.goto(`${desks.origin}/app/admin/integrations`);
  const subscribe = page.locator('form[data-step="subscribe"]');
  await subscribe.locator('[name=url]').fill('http://127.0.0.1:9/erp-hooks');
  await subscribe.locator('select[name=eventTypes]').selectOption(['request.closed']);
  await subscribe.locator('button').click();
  const secret = await eventually(
    () => page.locator('#message').getAttribute('data-secret'),
    (s) => !!s,
    'the signing secret shown once',
  );
  expect(secret).toMatch(/^whsec_/);
  await page.reload();
  const hooks = (await api.call('GET', '/webhooks', api.tok.admin)).body.items;
  const hook = hooks.find((w: { url: string }) => w.url === 'http://127.0.0.1:9/erp-hooks');
  expect(hook).toMatchObject({ eventTypes: ['request.closed'], active: true });
  await submitted(page, page.locator(`tr[data-webhook="${hook.id}"]`));
  const after = (await api.call('GET', '/webhooks', api.tok.admin)).body.items;
  expect(after.find((w: { id: string }) => w.id === hook.id)).toMatchObject({ active: false });

  // A mail given up on is listed on the admin desk; re-sent, it is queued again.
  await api.models.Outbox.create({
    _id: 'admin-desk|resend|customer',
    requestNo: 'SR-20261201-0001',
    channel: 'smtp',
    to: 'customer',
    subject: 'Service request SR-20261201-0001 received',
    body: 'stuck',
    status: 'undeliverable',
    lastError: 'mailbox unavailable',
  });
  await page.goto(`${desks.origin}/app/admin`);
  await submitted(page, page.locator('li[data-key="admin-desk|resend|customer"]'));
  const stuck = (await api.call('GET', '/outbox?state=undeliverable', api.tok.admin)).body.items;
  expect(stuck.map((m: { key: string }) => m.key)).not.toContain('admin-desk|resend|customer');
  await context.close();
}, 120_000);
