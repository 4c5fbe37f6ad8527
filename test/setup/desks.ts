/**
 * The desk tests' common ground: the services with a worker (startApi), headless Chromium, staff accounts
 * made before the tests, and signing in on the form as a person does.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { accountStore, type NewAccount } from '../../shared/storage/accounts';
import { startApi, type Api } from './apiHarness';
import { launchBrowser } from './browser';

export const DESK_PASSWORD = 'a desk passphrase';

export interface Desks {
  api: Api;
  browser: Browser;
  origin: string;
}

/** Call at the top of a test file: `desks` is filled in beforeAll and closed in afterAll. */
export function deskSuite(name: string, accounts: Omit<NewAccount, 'password'>[]): Desks {
  const desks = {} as Desks;
  beforeAll(async () => {
    [desks.api, desks.browser] = await Promise.all([startApi(name), launchBrowser()]);
    desks.origin = desks.api.base.replace(/\/api\/v1$/, '');
    const store = accountStore(desks.api.models);
    for (const a of accounts) await store.create({ ...a, password: DESK_PASSWORD }, 'test');
  }, 120_000);
  afterAll(async () => {
    await desks.browser?.close();
    await desks.api?.close();
  });
  return desks;
}

/** A new browser signed in as `username`, on the desk it lands on (`desk`, a path or a glob). */
export async function signedIn(
  desks: Desks,
  username: string,
  desk: string,
  opts: { start?: string; acceptDownloads?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await desks.browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'en-GB',
    acceptDownloads: opts.acceptDownloads ?? false,
  });
  const page = await context.newPage();
  await page.goto(`${desks.origin}${opts.start ?? '/app/sign-in'}`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', DESK_PASSWORD);
  await Promise.all([page.waitForURL(`**${desk}`), page.click('form.sign-in button[type=submit]')]);
  return { context, page };
}

/** Reloads the page until `selector` is on it: queues read from Temporal's visibility, which follows by a moment. */
export async function untilShown(page: Page, selector: string): Promise<void> {
  for (let i = 0; i < 50; i++) {
    if ((await page.locator(selector).count()) > 0) return;
    await new Promise((r) => setTimeout(r, 200));
    await page.reload();
  }
  throw new Error(`${selector} never appeared on ${page.url()}`);
}
