/**
 * Headless Chromium for the page tests: Debian's `chromium` (installed by `infra/tools.sh --browser`,
 * which `npm test` runs), driven by playwright-core. Says clearly what to do when it is missing.
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const PHONE = { width: 390, height: 844 };

export function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(
      'the page tests need Chromium: run `bash infra/tools.sh --browser` as root (apt-get install chromium), or set CHROMIUM_PATH',
    );
  }
}

export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });

/** A picture of the page: SCREENSHOTS=docs refreshes docs/images/page-<name>.png, else the temp directory. */
export async function shot(page: Page, name: string): Promise<void> {
  // The Chinese web font, not boxes: each unicode-range piece loads when text needs it, and fonts.ready
  // may settle before the last piece started; wait until no face is still loading.
  await page.evaluate(`(async () => {
    for (let i = 0; i < 50; i++) {
      await document.fonts.ready;
      await new Promise((r) => setTimeout(r, 50));
      if (![...document.fonts].some((f) => f.status === 'loading')) return;
    }
  })()`);
  const dir = process.env.SCREENSHOTS === 'docs' ? path.join(__dirname, '../../docs/images') : os.tmpdir();
  await page.screenshot({ path: path.join(dir, `page-${name}.png`), fullPage: true });
}

/** The page in English and in Chinese (`<name>-zh`), leaving the page in English as it was. */
export async function shotBoth(page: Page, name: string): Promise<void> {
  await shot(page, name);
  const url = new URL(page.url());
  url.searchParams.set('lang', 'zh');
  await page.goto(url.toString());
  expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
  await shot(page, `${name}-zh`);
  url.searchParams.set('lang', 'en');
  await page.goto(url.toString());
}
