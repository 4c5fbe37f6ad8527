/**
 * Suggestions (R-TRIAGE-3, 001 §5.1.1 建议) on the real services, FerretDB and headless Chromium: bad input is
 * refused with what is allowed, an agent records one from a call on the desk, the customer makes one from their
 * request page, and quality reviews the queue once — an adopted one opens its improvement action.
 */
import { eventually } from '../setup/apiHarness';
import { intakeBody } from '../setup/env';
import { PHONE, shot } from '../setup/browser';
import { deskSuite, signedIn, untilShown } from '../setup/desks';
import type { Page } from 'playwright-core';

const desks = deskSuite('suggestions', [
  { username: 'chen', displayName: 'Chen Jing', role: 'agent' },
  { username: 'wang-q', displayName: 'Wang Qing', role: 'quality' },
]);
const BODY = { customerId: 'CUST-001', channel: 'hotline', topic: 'service', text: 'send the visit window by SMS' };
const send = (page: Page, selector: string) =>
  Promise.all([page.waitForEvent('load'), page.click(`${selector} button[type=submit]`)]);

it('R-TRIAGE-3 a suggestion is taken in once, refused when wrong, and reviewed once by quality', async () => {
  const { api } = desks;
  const refused = [
    [{ ...BODY, customerId: 'CUST-404' }, 'body.customerId: no customer CUST-404'],
    [{ ...BODY, topic: 'price' }, 'topic'],
    [{ ...BODY, requestNo: 'SR-20200101-9999' }, 'body.requestNo: no request SR-20200101-9999'],
  ] as const;
  for (const [body, why] of refused) {
    const r = await api.call('POST', '/suggestions', api.tok.agent, body);
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain(why);
  }
  expect((await api.call('POST', '/suggestions', api.tok.eng1, BODY)).status).toBe(403);

  const post = (key: string) =>
    fetch(`${api.base}/suggestions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${api.tok.agent}`, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(BODY),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
  const key = `sg-${Date.now()}`;
  const first = await post(key);
  expect(first).toMatchObject({ status: 201, body: { status: 'awaiting_review' } });
  const no = first.body.suggestionNo as string;
  expect(no).toMatch(/^SG-\d{8}-\d{4}$/);
  expect(await post(key)).toMatchObject({ status: 200, body: { suggestionNo: no } }); // a retry: the same one

  const review = (token: string, body: unknown) => api.call('POST', `/suggestions/${no}/review`, token, body);
  expect((await review(api.tok.agent, { decision: 'noted', response: 'thanks' })).status).toBe(403);
  const wrong = await review(api.tok.quality, {
    decision: 'noted',
    response: 'thanks',
    improvement: { title: 'x', ownerId: 'disp-1' },
  });
  expect(wrong.status).toBe(400);
  expect(JSON.stringify(wrong.body)).toContain('only an adopted suggestion opens an action');
  const done = await review(api.tok.quality, { decision: 'noted', response: 'we will consider it next year' });
  expect(done).toMatchObject({ status: 200, body: { status: 'noted' } });
  const again = await review(api.tok.quality, { decision: 'declined', response: 'no' });
  expect(again.status).toBe(409);
  const view = await eventually(
    () => api.call('GET', `/suggestions/${no}`, api.tok.quality).then((r) => r.body),
    (v) => v.review?.decision === 'noted',
    'the review',
  );
  expect(view.review).toMatchObject({ by: 'qa-1', response: 'we will consider it next year' });
  const listed = await eventually(
    () => api.call('GET', '/suggestions?status=noted', api.tok.quality).then((r) => r.body),
    (l) => l.items.some((i: { suggestionNo: string }) => i.suggestionNo === no),
    'the list',
  );
  expect(listed.total).toBeGreaterThanOrEqual(1);
}, 120_000);

it('R-TRIAGE-3 R-DESK-1 an agent and a customer make suggestions in the browser; quality adopts one with an action', async () => {
  const { api } = desks;
  const agent = await signedIn(desks, 'chen', '/app/agent');
  await agent.page.goto(`${desks.origin}/app/agent?serial=SWH-2025-0001`);
  const form = 'form[data-step="suggestion"]';
  await agent.page.selectOption(`${form} select[name=topic]`, 'product');
  await agent.page.fill(`${form} textarea[name=text]`, 'a frost warning on the controller display');
  await send(agent.page, form);
  await agent.context.close();

  // The customer, on their own request's page.
  const created = await api.call('POST', '/requests', api.tok.agent, intakeBody());
  const requestNo = created.body.requestNo as string;
  const token = new URL(created.body.customerLink).searchParams.get('token')!;
  const phone = await desks.browser.newContext({ viewport: PHONE, locale: 'zh-CN' });
  const customer = await phone.newPage();
  await customer.goto(`${desks.origin}/c/${requestNo}?token=${token}`);
  expect(await customer.locator('.suggestion h2').innerText()).toBe('您的建议');
  await customer.fill(`${form} textarea[name=text]`, '希望能用短信通知上门时间');
  await send(customer, form);
  await phone.close();

  const quality = await signedIn(desks, 'wang-q', '/app/quality');
  const q = quality.page;
  const mine = (text: string) => `.suggestions tr:has-text("${text}")`;
  await untilShown(q, mine('希望能用短信通知上门时间'));
  await untilShown(q, mine('a frost warning'));
  const row = q.locator(mine('a frost warning'));
  await row.locator('select[name=decision]').selectOption('adopted');
  await row.locator('textarea[name=response]').fill('the next firmware shows a frost warning');
  await row.locator('input[name="improvement.title"]').fill('Frost warning on the display');
  await row.locator('input[name="improvement.ownerId"]').fill('disp-1');
  await shot(q, 'quality-suggestions');
  await Promise.all([q.waitForEvent('load'), row.locator('button[type=submit]').click()]);
  const adopted = await eventually(
    () => api.call('GET', '/suggestions?status=adopted', api.tok.quality).then((r) => r.body),
    (l) => l.items.some((i: { text: string }) => i.text === 'a frost warning on the controller display'),
    'adopted',
  );
  const it = adopted.items.find((i: { text: string }) => i.text === 'a frost warning on the controller display');
  expect(it.improvementActionId).toBe(`IA-${it.suggestionNo}-SG`);
  const action = await api.call('GET', `/improvement-actions/${it.improvementActionId}`, api.tok.quality);
  expect(action.body).toMatchObject({
    source: 'suggestion',
    sourceRef: it.suggestionNo,
    title: 'Frost warning on the display',
  });
  await quality.context.close();
}, 180_000);
