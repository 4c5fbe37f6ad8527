/**
 * The pages in a real browser (headless Chromium) against the real services, worker, Temporal dev
 * server and FerretDB: a customer approves a quotation and signs off on a phone, a dispatcher assigns
 * from the board and sees the countdown turn to breached, an engineer takes a job from offer to the
 * customer's signature, and a Chinese-speaking customer reads Chinese. SCREENSHOTS=docs refreshes the
 * pictures in docs/images.
 */
import type { Browser, Page } from 'playwright-core';
import { issueToken } from '../../shared/runtime/auth';
import { accountStore } from '../../shared/storage/accounts';
import { intakeBody } from '../setup/env';
import { diagnosedPaid, eventually, openRequest, startApi, type Api } from '../setup/apiHarness';
import { launchBrowser, PHONE, shot } from '../setup/browser';
import { pdfText } from '../setup/pdfText';

/** The page's document, inside page.evaluate and waitForFunction (this file is compiled without the DOM lib). */
declare const document: { querySelector(selector: string): { textContent: string | null; value: string } | null };

let api: Api;
let browser: Browser;
let origin: string;
beforeAll(async () => {
  [api, browser] = await Promise.all([startApi('pages'), launchBrowser()]);
  origin = api.base.replace(/\/api\/v1$/, '');
  const accounts = accountStore(api.models);
  await accounts.create({ username: 'disp-1', displayName: 'Wang Fang', role: 'dispatcher', password: PASSWORD }, 't');
  await accounts.create(
    { username: 'eng-1', displayName: 'Zhang Wei', role: 'engineer', engineerId: 'ENG-001', password: PASSWORD },
    't',
  );
}, 120_000);
const PASSWORD = 'correct horse battery';
/** Signs in on the form with an account's username and password, and waits for the desk. */
async function signIn(page: Page, username: string, desk: string) {
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', PASSWORD);
  await Promise.all([page.waitForURL(`**${desk}`), page.click('form.sign-in button[type=submit]')]);
}
afterAll(async () => {
  await browser?.close();
  await api?.close();
});

const HOUR = 3_600_000;
const readModel = (no: string) => api.models.ServiceRequest.findById(no).lean();
/** What the page says after an action (it shows the API's answer in #message). */
async function message(page: Page): Promise<string> {
  await page.waitForSelector('#message:not([hidden])');
  return (await page.locator('#message').textContent()) ?? '';
}
/** Waits until the page shows this status, or fails with what the page said instead. */
async function statusIs(page: Page, status: string) {
  try {
    await page.waitForFunction((s) => document.querySelector('.status')?.textContent === s, status, {
      timeout: 15_000,
    });
  } catch (err) {
    throw new Error(`page never showed "${status}"; it said: ${await page.locator('#message').textContent()}`, {
      cause: err,
    });
  }
}

/** Draws a stroke on the form's signature pad, as a finger would. */
async function sign(page: Page, form: string) {
  const canvas = page.locator(`form[data-name="${form}"] canvas`);
  await canvas.scrollIntoViewIfNeeded(); // a stroke off the screen never reaches the pad
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + 20, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + 20 + i * 25, box.y + box.height / 2 + (i % 2 ? 25 : -25));
  await page.mouse.up();
}

/** A paid request on site and diagnosed, with quotation v1 issued; answers its number and link. */
async function quoted() {
  const { no, customerLink, engineer } = await diagnosedPaid(api);
  const lines = [
    { code: 'P-SWH-SENSOR', quantity: 1 },
    { code: 'LABOUR-STANDARD', quantity: 1 },
  ];
  expect((await api.call('POST', `/requests/${no}/quotation`, engineer, { lines })).status).toBe(200);
  return { no, link: customerLink, engineer };
}

describe('pages in headless Chromium', () => {
  it('R-QUOTE-2 R-SETTLE-2 R-VISIT-6 a customer approves the quotation and signs off on a phone', async () => {
    const { no, link, engineer } = await quoted();
    expect(new URL(link).pathname).toBe(`/c/${no}`);
    const context = await browser.newContext({ viewport: PHONE, locale: 'en-GB', isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(link.replace(/^https?:\/\/[^/]+/, origin));
    await expect(page.locator('.status').textContent()).resolves.toBe('Awaiting approval of the quotation');
    await expect(page.locator('.quotation tbody tr').count()).resolves.toBe(2);
    await shot(page, 'customer-quotation');

    // Approving without a signature is refused on the page; nothing reaches the workflow.
    await page.click('form[data-name="approve-quotation"] button[type=submit]');
    expect(await message(page)).toContain('Please sign first');
    await sign(page, 'approve-quotation');
    await page.click('form[data-name="approve-quotation"] button[type=submit]');
    await statusIs(page, 'Repairing');
    const approved = (await api.call('GET', `/requests/${no}`, api.tok.dispatcher)).body;
    expect(approved.quotations[0].decision).toMatchObject({ method: 'signed_link', signedBy: 'Zhang Min' });
    expect(approved.quotations[0].decision.signatureId).toMatch(/^[0-9a-f]{64}$/);

    await api.call('POST', `/requests/${no}/work`, engineer, {
      actions: 'replaced the sensor',
      functionalTestPassed: true,
      demonstratedToCustomer: true,
      cleanedUp: true,
      advice: 'check the valves monthly',
    });
    await page.reload();
    await sign(page, 'sign-off');
    await page.click('form[data-name="sign-off"] button[type=submit]');
    await statusIs(page, 'Completed, follow-up pending');
    await shot(page, 'customer-signed');

    // The service confirmation as PDF, from the page's link: Chinese labels and the signer's name as text.
    const href = await page.locator('a.doc[href*="service-confirmation"]').getAttribute('href');
    const pdf = await page.request.get(origin + href!);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const text = await pdfText(await pdf.body());
    expect(text).toContain('服务确认单');
    expect(text).toContain('Zhang Min');
    expect(text).toContain('replaced the sensor');
    await context.close();
  });

  it('R-FOLLOW-2 a Chinese-speaking customer reads Chinese, and a refusal in Chinese', async () => {
    const { link } = await quoted();
    const context = await browser.newContext({ viewport: PHONE, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(link.replace(/^https?:\/\/[^/]+/, origin));
    await expect(page.locator('.status').textContent()).resolves.toBe('待客户确认报价');
    await expect(page.locator('h2').first().textContent()).resolves.toContain('报价单');
    await shot(page, 'customer-zh');
    // Declining an outdated version: the API's 409 reason, said in Chinese.
    await page.evaluate(() => {
      document.querySelector('form[data-name="decline-quotation"] input[name=version]')!.value = '9';
    });
    await page.fill('form[data-name="decline-quotation"] input[name=reason]', '太贵');
    await page.click('form[data-name="decline-quotation"] button[type=submit]');
    const said = await message(page);
    expect(said).toContain('当前状态下不能进行此操作');
    expect(said).toContain('报价 v9 已失效，请处理最新的报价 v1'); // the API's reason, translated whole
    expect(said).not.toMatch(/unknown|decline/);
    // The switch turns the page English.
    await page.click('#lang-switch');
    await expect(page.locator('.status').textContent()).resolves.toBe('Awaiting approval of the quotation');
    await context.close();
  });

  it('R-VISIT-1 a customer accepts the visit time the engineer proposed, on their page', async () => {
    const created = await api.call('POST', '/requests', api.tok.agent, intakeBody());
    const no = created.body.requestNo as string;
    const offered = await eventually(
      () => readModel(no),
      (r) => r?.status === 'offered',
      'offer',
    );
    const engineer = await issueToken(api.config.authSecret, { role: 'engineer', id: offered!.engineerId! });
    await api.call('POST', `/requests/${no}/offer/accept`, engineer);
    const proposal = {
      windowStart: new Date(Date.now() + 26 * HOUR).toISOString(),
      windowEnd: new Date(Date.now() + 28 * HOUR).toISOString(),
      estimatedDurationMinutes: 90,
    };
    expect((await api.call('POST', `/requests/${no}/appointment/proposal`, engineer, proposal)).status).toBe(200);
    const context = await browser.newContext({ viewport: PHONE, locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto((created.body.customerLink as string).replace(/^https?:\/\/[^/]+/, origin));
    await expect(page.locator('.proposal h2').textContent()).resolves.toBe('Proposed visit time: please confirm');
    await page.click('form[data-name="accept-time"] button[type=submit]');
    await statusIs(page, 'Visit scheduled');
    const view = (await api.call('GET', `/requests/${no}`, api.tok.dispatcher)).body;
    expect(view.appointment).toMatchObject({ windowStart: proposal.windowStart, customerConsent: true });
    await context.close();
  });

  it('R-DISPATCH-1 R-DISPATCH-4 a dispatcher assigns from the board and sees the countdown turn to breached', async () => {
    const no = await openRequest(api);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${origin}/app/board`);
    expect(new URL(page.url()).pathname).toBe('/app/sign-in');
    await signIn(page, 'disp-1', '/app/board');
    const row = page.locator(`.open-requests tr[data-request="${no}"]`);
    await row.locator('summary', { hasText: 'Assign' }).click();
    await row.locator('select[name=engineerId]').selectOption('ENG-002');
    await row.locator('input[name=reason]').fill('ENG-002 is nearer');
    await row.locator('form[data-name="assign"] button[type=submit]').click();
    await page
      .waitForFunction(
        (n) =>
          document
            .querySelector(`.open-requests tr[data-request="${n}"] .engineer`)
            ?.textContent?.trim()
            .startsWith('ENG-002'),
        no,
        { timeout: 15_000 },
      )
      .catch(async (err) => {
        throw new Error(`board never showed ENG-002; it said: ${await page.locator('#message').textContent()}`, {
          cause: err,
        });
      });
    expect((await readModel(no))?.engineerId).toBe('ENG-002');
    await shot(page, 'dispatcher-board');

    // The countdown runs in the browser: with the page's clock moved past the deadline it says breached.
    const deadline = (await readModel(no))!.nextDeadline as string;
    const later = await context.newPage();
    await later.clock.install({ time: Date.parse(deadline) - 5_000 });
    await later.goto(`${origin}/app/board`);
    const cell = later.locator(`.open-requests tr[data-request="${no}"] .countdown`);
    await expect(cell.getAttribute('class')).resolves.toBe('countdown warning');
    await later.clock.runFor(10_000);
    await expect(cell.getAttribute('class')).resolves.toBe('countdown breached');
    await expect(cell.textContent()).resolves.toMatch(/^breached \+0m [45]s$/);
    await context.close();
  });

  it('R-DISPATCH-3 R-VISIT-3 R-VISIT-6 an engineer takes a job from the offer to the customer signature', async () => {
    const no = await openRequest(api, 'ENG-001');
    const context = await browser.newContext({ viewport: PHONE, locale: 'en-GB', isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${origin}/app/sign-in`);
    await signIn(page, 'eng-1', '/app/engineer');
    await Promise.all([page.waitForURL(`**/app/engineer/${no}`), page.click(`.offers a[href="/app/engineer/${no}"]`)]);
    const submit = async (form: string, status: string) => {
      await page.click(`form[data-name="${form}"] button[type=submit]`);
      await statusIs(page, status);
    };
    await submit('accept-offer', 'Engineer assigned');
    const local = (ms: number) => new Date(Date.now() + ms).toISOString().slice(0, 16);
    await page.fill('input[name=windowStart]', local(2 * HOUR));
    await page.fill('input[name=windowEnd]', local(4 * HOUR));
    await page.check('input[name=customerConsent]');
    await submit('appointment', 'Visit scheduled');
    await submit('check-in', 'Engineer on site');
    await page.fill('textarea[name=findings]', 'sensor open circuit');
    await submit('diagnosis', 'Diagnosed');
    await shot(page, 'engineer-work-order');
    // Completing without the functional test: the workflow's reason, shown on the page.
    await page.fill('form[data-name="work"] textarea[name=actions]', 'replaced the sensor');
    await page.fill('form[data-name="work"] textarea[name=advice]', 'check the valves monthly');
    await page.click('form[data-name="work"] button[type=submit]');
    expect(await message(page)).toContain('functional test');
    await page.check('form[data-name="work"] input[name=functionalTestPassed]');
    await page.check('form[data-name="work"] input[name=demonstratedToCustomer]');
    await page.check('form[data-name="work"] input[name=cleanedUp]');
    await submit('work', 'Work done, awaiting signature');
    await sign(page, 'sign-off-on-device');
    await submit('sign-off-on-device', 'Completed, follow-up pending');
    const view = (await api.call('GET', `/requests/${no}`, api.tok.dispatcher)).body;
    expect(view.signOff).toMatchObject({ signedBy: 'Li Wei', satisfied: true });
    const png = await fetch(`${api.base}/requests/${no}/signatures/${view.signOff.signatureId}`, {
      headers: { authorization: `Bearer ${api.tok.eng1}` },
    });
    expect(png.headers.get('content-type')).toBe('image/png');
    // The signed service confirmation from the work order's link (the page's cookie is the credential).
    await page.reload();
    const href = await page.locator('a.doc[href*="service-confirmation"]').getAttribute('href');
    const text = await pdfText(await (await page.request.get(origin + href!)).body());
    expect(text).toContain('服务确认单 Service confirmation');
    expect(text).toContain('客户签字 Customer signature');
    expect(text).toContain('Li Wei');
    expect(await page.locator('a.doc[href*="commissioning-report"]').count()).toBe(0); // not a commissioning visit
    // Bad input and someone else's work: a page that says why, with the API's status, never a 500.
    expect((await page.goto(`${origin}/app/engineer/NOPE`))!.status()).toBe(400);
    const other = await diagnosedPaid(api); // ENG-004's job
    expect((await page.goto(`${origin}/app/engineer/${other.no}`))!.status()).toBe(403);
    expect((await page.goto(`${origin}/app/board`))!.status()).toBe(403); // the board is for dispatchers
    expect((await page.goto(`${origin}/c/${no}?token=forged`))!.status()).toBe(401);
    await context.close();
  });
});
