/**
 * Photos on the pages in headless Chromium (issue: the engineer in the field, item 3): the engineer on the
 * job uploads two photos at once from the visit page, the page shows them, and the customer sees them on
 * their own page through their link.
 */
import sharp from 'sharp';
import { diagnosedPaid, eventually } from '../setup/apiHarness';
import { PHONE } from '../setup/browser';
import { deskSuite, signedIn } from '../setup/desks';

/** The page's images, inside page.evaluate (this file is compiled without the DOM lib). */
declare const document: { querySelectorAll(s: string): ArrayLike<{ naturalWidth: number; complete: boolean }> };

const desks = deskSuite('attachment-pages', [
  { username: 'zhao-l', displayName: 'Zhao Lei', role: 'engineer', engineerId: 'ENG-004' },
]);

const jpeg = (r: number) =>
  sharp({ create: { width: 640, height: 480, channels: 3, background: { r, g: 90, b: 60 } } })
    .jpeg()
    .toBuffer();
/** Every photo on the page has loaded its bytes (a refused one stays at width 0). */
const loaded = (page: import('playwright-core').Page) =>
  page.waitForFunction(() => {
    const imgs = Array.from(document.querySelectorAll('.gallery img'));
    return imgs.length > 0 && imgs.every((i) => i.complete && i.naturalWidth > 0);
  });

it('R-FIELD-2 the engineer uploads two photos at once on the visit page; the customer sees them', async () => {
  const { api } = desks;
  const { no, link } = await diagnosedPaid(api);
  const { context, page } = await signedIn(desks, 'zhao-l', '/app/engineer');
  await page.goto(`${desks.origin}/app/engineer/${no}`);
  const form = page.locator('form[data-name="attachments"]');
  await form.locator('input[type=file]').setInputFiles([
    { name: 'before-1.jpg', mimeType: 'image/jpeg', buffer: await jpeg(10) },
    { name: 'before-2.jpg', mimeType: 'image/jpeg', buffer: await jpeg(200) },
  ]);
  await form.locator('select[name=kind]').selectOption('before');
  await Promise.all([page.waitForEvent('load'), form.locator('button[type=submit]').click()]);
  const view = await eventually(
    () => api.call('GET', `/requests/${no}`, api.tok.dispatcher).then((r) => r.body),
    (v) => v.attachments?.length === 2,
    'two photos recorded',
  );
  expect(view.attachments.map((a: { name: string; kind: string }) => `${a.kind}:${a.name}`)).toEqual([
    'before:before-1.jpg',
    'before:before-2.jpg',
  ]);
  expect(await page.locator('.gallery img').count()).toBe(2);
  await loaded(page);
  await context.close();

  const phone = await desks.browser.newContext({ viewport: PHONE, locale: 'zh-CN' });
  const customer = await phone.newPage();
  await customer.goto(`${desks.origin}/c/${no}?token=${link}`);
  expect(await customer.locator('.attachments h2').innerText()).toBe('照片与文件');
  expect(await customer.locator('.gallery img').count()).toBe(2);
  await loaded(customer); // each image fetched with the customer's token
  await phone.close();
}, 180_000);
