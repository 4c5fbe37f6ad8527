/**
 * Enterprise sign-in (R-ACCESS-1, cluster issue item 6): staff sign in through a real OpenID Provider
 * (`oidc-provider`, started here in its own process) with authorization code + PKCE; their groups map to a
 * role and regions; a person whose groups map to no role is refused and nothing is stored; sign-out ends
 * the session here and at the provider; an admin's deactivation here holds against the provider's word.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { freePort } from '../../infra/ports';
import { loadOidcConfig } from '../../shared/runtime/oidcConfig';
import { accountStore } from '../../shared/storage/accounts';
import { eventually, startApi, type Api } from '../setup/apiHarness';
import { launchBrowser } from '../setup/browser';

const USERS = {
  mei: { name: 'Mei Lin', email: 'mei@example.test', groups: ['ops-dispatch', 'team-east'] },
  li: { name: 'Li Na', groups: ['finance'] },
  gao: { name: 'Gao Jun', groups: ['field'], engineer_id: 'ENG-002' },
};
let op: ChildProcess;
let api: Api;
let browser: Browser;
let origin: string;
let issuer: string;

beforeAll(async () => {
  const opPort = await freePort();
  issuer = `http://127.0.0.1:${opPort}`;
  let client = {};
  [api, browser] = await Promise.all([
    startApi('sign-on', (o) => {
      client = {
        client_id: 'aftersales',
        client_secret: 'a test client secret of enough length',
        redirect_uri: `${o}/app/sign-in/sso/callback`,
        post_logout_redirect_uri: `${o}/app/sign-in`,
      };
      const env = {
        OIDC_ISSUER: issuer,
        OIDC_CLIENT_ID: 'aftersales',
        OIDC_CLIENT_SECRET: 'a test client secret of enough length',
        OIDC_NAME: 'Test IdP',
        OIDC_ROLE_MAP: 'ops-dispatch=dispatcher,field=engineer,helpdesk=agent',
        OIDC_REGION_MAP: 'team-east=east',
      };
      return { oidc: loadOidcConfig(o, env) };
    }),
    launchBrowser(),
  ]);
  origin = api.base.replace(/\/api\/v1$/, '');
  op = spawn(process.execPath, [path.join(__dirname, '../setup/oidcProvider.mjs')], {
    env: {
      ...process.env,
      OP_PORT: String(opPort),
      OP_USERS: JSON.stringify(USERS),
      OP_CLIENT: JSON.stringify(client),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    op.stdout!.on('data', (d: Buffer) => d.toString().includes('op ready') && resolve());
    op.once('exit', (code) => reject(new Error(`the OpenID Provider exited with ${code}`)));
  });
}, 120_000);
afterAll(async () => {
  op?.kill();
  await browser?.close();
  await api?.close();
});

/** From our sign-in page through the provider's login (and consent) back to us. */
async function signOn(page: Page, login: string): Promise<void> {
  await page.goto(`${origin}/app/sign-in?lang=en`);
  await page.click('#sso');
  await page.waitForURL(`${issuer}/**`, { timeout: 10_000 }).catch(async (err) => {
    throw new Error(`${err.message} at ${page.url()}`);
  });
  await page.fill('input[name=login]', login);
  await page.fill('input[name=password]', 'any');
  await page.click('button[type=submit]');
  for (let i = 0; i < 5 && page.url().startsWith(issuer); i++) {
    await page.waitForLoadState();
    if (page.url().startsWith(issuer) && (await page.locator('button[type=submit]').count()))
      await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]); // the consent
  }
  await page.waitForURL(`${origin}/**`, { timeout: 10_000 }).catch(async (err) => {
    throw new Error(`${err.message} at ${page.url()}: ${(await page.textContent('body'))?.slice(0, 300)}`);
  });
}

describe('R-ACCESS-1 staff sign-in through the company OpenID Provider', () => {
  it('a dispatcher signs in by code + PKCE, lands on the board of their region, and signs out here and at the provider', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${origin}/app/sign-in?lang=zh`);
    expect(await page.textContent('#sso')).toContain('用公司账号登录');
    await signOn(page, 'mei');
    expect(new URL(page.url()).pathname).toBe('/app/board');
    const account = await api.models.Account.findById('sso:mei').lean();
    expect(account).toMatchObject({ role: 'dispatcher', regions: ['east'], displayName: 'Mei Lin', active: true });
    expect(account!.signOn).toMatchObject({ issuer, subject: 'mei' });
    // The session reads the API as this person, as the pages do.
    const status = await page.evaluate(async () => (await fetch('/api/v1/requests?open=true')).status);
    expect(status).toBe(200);
    // No password signs in to an SSO account.
    const form = await fetch(`${origin}/app/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'sso:mei', password: '!sign-on-only' }).toString(),
      redirect: 'manual',
    });
    expect(form.status).toBe(401);

    await page.goto(`${origin}/app/sign-out`);
    expect(page.url().startsWith(issuer)).toBe(true); // the provider asks to end its own session
    await Promise.all([page.waitForURL(`${origin}/app/sign-in**`), page.click('button[name=logout][value=yes]')]);
    await page.goto(`${origin}/app/board`);
    expect(new URL(page.url()).pathname).toBe('/app/sign-in');
    // The provider's session ended too: signing on again asks for the login.
    await page.click('#sso');
    await page.waitForURL(`${issuer}/**`);
    expect(await page.locator('input[name=login]').count()).toBe(1);
    await context.close();
  });

  it('a person whose groups map to no role is refused and nothing is stored; an engineer acts as their engineer id', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await signOn(page, 'li');
    expect(await page.textContent('p.error')).toMatch(/no role here: none of your groups \(finance\) maps to a role/);
    expect(await api.models.Account.findById('sso:li').lean()).toBeNull();
    expect((await page.request.get(`${origin}/app/board`, { maxRedirects: 0 })).status()).toBe(303);
    await context.close();

    const other = await browser.newContext({ locale: 'en-GB' }); // the provider still knows Li in that one
    const engineer = await other.newPage();
    await signOn(engineer, 'gao');
    expect(new URL(engineer.url()).pathname).toBe('/app/engineer');
    expect(await api.models.Account.findById('sso:gao').lean()).toMatchObject({
      role: 'engineer',
      engineerId: 'ENG-002',
    });
    await other.close();
  });

  it('an admin’s deactivation here holds: the provider’s yes does not sign the person in; a used or forged return is refused', async () => {
    // What the provider decides cannot be changed here (the next sign-in would undo it); deactivation can.
    const edit = await api.call('PUT', '/admin/accounts/sso:gao', api.tok.admin, { role: 'admin' });
    expect(edit).toMatchObject({ status: 409, body: { error: expect.stringMatching(/company's provider/) } });
    // On the admin desk: the account says where it comes from, and its deactivate button is the one way.
    await accountStore(api.models).create(
      { username: 'boss', displayName: 'Boss', role: 'admin', password: 'a long admin passphrase' },
      'test',
    );
    const desk = await (await browser.newContext({ locale: 'en-GB' })).newPage();
    await desk.goto(`${origin}/app/sign-in`);
    await desk.fill('input[name=username]', 'boss');
    await desk.fill('input[name=password]', 'a long admin passphrase');
    await Promise.all([desk.waitForURL('**/app/admin'), desk.click('form.sign-in button[type=submit]')]);
    const row = desk.locator('tr[data-account="sso:gao"]');
    expect(await row.locator('.sso').innerText()).toMatch(/company sign-in/);
    expect(await row.locator('details').count()).toBe(0); // no edit, no password
    await row.locator('form', { hasText: 'Deactivate' }).locator('button').click();
    await eventually(
      () => api.models.Account.findById('sso:gao').lean(),
      (a) => a?.active === false,
      'deactivated',
    );
    await desk.context().close();
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await signOn(page, 'gao');
    expect(await page.textContent('p.error')).toMatch(/deactivated here/);
    const forged = await fetch(`${origin}/app/sign-in/sso/callback?code=x&state=y`, {
      redirect: 'manual',
      headers: { 'accept-language': 'en' },
    });
    expect(forged.status).toBe(400);
    expect(await forged.text()).toMatch(/expired or was already used/);
    await context.close();
  });
});
