/**
 * A three-day trip driven from the pages in headless Chromium (R-PARTS-1..5, R-VISIT-2, R-VISIT-4; 001
 * §5.3.6, §5.4.6, §5.6.2): the engineer plans it with the parts that fit each request and the standard kit,
 * the dispatcher approves it on the board, the engineer departs, records the parts used at two sites,
 * checks the work nearby before leaving the region and ends the trip with returns and a faulty module; a
 * unit that did not come back is written off on the board. The ledger stays balanced (`npm run
 * stock:check`) and the trip report names the trip and the customers who signed.
 */
import { execFile } from 'node:child_process';
import type { Page } from 'playwright-core';
import { issueToken } from '../../shared/runtime/auth';
import { StockLedger } from '../../shared/storage/stockLedger';
import { eventually, openRequest, type Api } from '../setup/apiHarness';
import { deskSuite, signedIn } from '../setup/desks';
import { pdfText } from '../setup/pdfText';

const desks = deskSuite('trip-pages', [
  { username: 'zhang-w', displayName: 'Zhang Wei', role: 'engineer', engineerId: 'ENG-001' },
  { username: 'disp-east', displayName: 'Wang Fang', role: 'dispatcher', regions: ['east'] },
]);
const HOUR = 3_600_000;

const send = async (page: Page, name: string) =>
  Promise.all([page.waitForEvent('load'), page.click(`form[data-name="${name}"] button[type=submit]`)]);

/** A site visit over the API: accepted, on site, diagnosed, worked and signed off by `signedBy`. */
async function visit(api: Api, no: string, eng: string, signedBy: string) {
  const steps: [string, Record<string, unknown>][] = [
    [
      'appointment',
      {
        windowStart: new Date(Date.now() + HOUR).toISOString(),
        windowEnd: new Date(Date.now() + 3 * HOUR).toISOString(),
        estimatedDurationMinutes: 60,
        customerConsent: true,
      },
    ],
    ['check-in', { identityShown: true }],
    ['diagnosis', { faultConfirmedWithCustomer: true, faultClass: 'hardware', findings: 'sensor open circuit' }],
    [
      'work',
      { actions: 'replaced', functionalTestPassed: true, demonstratedToCustomer: true, cleanedUp: true, advice: 'ok' },
    ],
    ['sign-off', { signedBy, satisfied: true }],
  ];
  for (const [step, body] of steps) {
    const res = await api.call('POST', `/requests/${no}/${step}`, eng, body);
    if (res.status !== 200) throw new Error(`${step}: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

const stockCheck = (uri: string) =>
  new Promise<{ code: number; out: string }>((resolve) =>
    execFile('npx', ['tsx', 'infra/stockCheck.ts'], { env: { ...process.env, MONGODB_URI: uri } }, (err, out) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, out }),
    ),
  );

it('R-PARTS-1 R-PARTS-2 R-VISIT-2 R-VISIT-4 a three-day trip from plan to write-off on the pages', async () => {
  const { api } = desks;
  const ledger = new StockLedger(api.models);
  const eng = await issueToken(api.config.authSecret, { role: 'engineer', id: 'ENG-001' });
  const [r1, r2] = [await openRequest(api, 'ENG-001'), await openRequest(api, 'ENG-001')];
  for (const no of [r1, r2]) expect((await api.call('POST', `/requests/${no}/offer/accept`, eng, {})).status).toBe(200);
  const kitBefore = await ledger.balance('WH-EAST', 'P-KIT-DC-SAMPLER');

  // Plan: the parts that fit each request's unit, and the standard kit already filled in (one of each).
  const { context, page } = await signedIn(desks, 'zhang-w', '/app/engineer');
  await page.click('a[href="/app/engineer/trips/new"]');
  const plan = page.locator('form[data-name="plan-trip"]');
  await plan.locator('select[name=warehouseId]').selectOption('WH-EAST');
  await plan.locator('input[name=plannedStart]').fill(new Date().toISOString().slice(0, 16));
  await plan.locator('input[name=plannedEnd]').fill(new Date(Date.now() + 72 * HOUR).toISOString().slice(0, 16));
  await plan.locator('select[name=requestNos]').selectOption([r1, r2]);
  await plan.locator(`fieldset[data-request="${r1}"] input[data-code="P-SWH-SENSOR"]`).fill('1');
  await plan.locator(`fieldset[data-request="${r2}"] input[data-code="P-SWH-VALVE"]`).fill('1');
  expect(await plan.locator('fieldset.trip-kit input[data-code="P-KIT-DC-SAMPLER"]').inputValue()).toBe('1');
  expect(await plan.locator(`fieldset[data-request="${r1}"] input[data-code="P-UPS-BATT"]`).count()).toBe(0);
  await Promise.all([page.waitForURL('**/app/engineer/trips/TRIP-*'), plan.locator('button[type=submit]').click()]);
  const tripId = page.url().split('/').pop()!.split('?')[0];
  expect(await page.textContent('.trip-status')).toBe('Waiting for the supervisor');

  // The dispatcher approves on the board.
  const board = await signedIn(desks, 'disp-east', '/app/board*');
  await board.page.goto(`${desks.origin}/app/board?region=east`);
  expect(await board.page.textContent(`.trips-to-decide li[data-trip="${tripId}"]`)).toContain(
    `1 × P-SWH-SENSOR (${r1})`,
  );
  await board.page
    .locator(`li[data-trip="${tripId}"] form[data-name="approve-trip"] button[type=submit]`)
    .click()
    .then(() => board.page.waitForEvent('load'));
  const trip = (ok: (v: any) => boolean) =>
    eventually(() => api.call('GET', `/trips/${tripId}`, eng).then((r) => r.body), ok, `trip ${tripId}`);
  expect((await trip((v) => v.status === 'reserved')).requisition).toMatchObject({
    status: 'approved',
    decidedBy: 'disp-east',
  });

  await page.reload();
  await send(page, 'depart');
  await trip((v) => v.status === 'on_trip');

  // Two sites: each visit done, and its parts recorded from the van on the trip sheet.
  await visit(api, r1, eng, 'Li Wei');
  await visit(api, r2, eng, 'Chen Jing');
  await page.reload();
  const use = async (no: string, partNo: string, oldPart: string, symptom?: string) => {
    const f = page.locator('form[data-name="consumption"]');
    await f.locator('select[name=requestNo]').selectOption(no);
    await f.locator('select[name=partNo]').selectOption(partNo);
    await f.locator('select[name=oldPart]').selectOption(oldPart);
    if (symptom) await f.locator('input[name=symptom]').fill(symptom);
    await send(page, 'consumption');
  };
  await use(r1, 'P-SWH-SENSOR', 'returned', 'reads 0 °C in the sun');
  await use(r2, 'P-SWH-VALVE', 'kept_by_customer');
  expect(await page.textContent('tr[data-part="P-SWH-SENSOR"] .in-van')).toBe('0');

  // Before leaving the region: the open work nearby is shown to the engineer and the supervisor.
  const r3 = await openRequest(api);
  await send(page, 'leaving-region');
  expect(await page.textContent('.nearby')).toContain(r3);

  // The end: the kit comes back except a faulty AC sampler and a DC sampler that is missing.
  const end = page.locator('form[data-name="end-trip"]');
  await end.locator('input[data-code="P-KIT-AC-SAMPLER"]').fill('0');
  await end.locator('input[data-code="P-KIT-DC-SAMPLER"]').fill('0');
  await end.locator('select[name="faulty[0].partNo"]').selectOption('P-KIT-AC-SAMPLER');
  await end.locator('input[name="faulty[0].quantity"]').fill('1');
  await end.locator('select[name="faulty[0].requestNo"]').selectOption(r1);
  await end.locator('input[name="faulty[0].symptom"]').fill('no reading on phase B');
  expect(await end.locator('input[name="oldParts[0].symptom"]').inputValue()).toBe('reads 0 °C in the sun');
  await send(page, 'end-trip');
  const ended = await trip((v) => v.missing?.length > 0 || v.status === 'closed');
  expect(ended.missing).toEqual([{ partNo: 'P-KIT-DC-SAMPLER', quantity: 1 }]);
  expect(ended.inspections.length).toBe(2);

  // The supervisor writes the missing unit off with the reason, on the board.
  await board.page.reload();
  const writeOff = board.page.locator(`li[data-trip="${tripId}"] form[data-name="write-off"]`);
  await writeOff.locator('input[name=reason]').fill('left at the customer by mistake, charged to the branch');
  await Promise.all([board.page.waitForEvent('load'), writeOff.locator('button[type=submit]').click()]);
  const closed = await trip((v) => v.status === 'closed');
  expect(closed.writeOffs[0]).toMatchObject({ partNo: 'P-KIT-DC-SAMPLER', quantity: 1, by: 'disp-east' });
  expect(await ledger.balance('WH-EAST', 'P-KIT-DC-SAMPLER')).toBe(kitBefore - 1);
  const checked = await stockCheck(api.uri);
  expect(checked.out).toContain('ledger and balances agree');
  expect(checked.code).toBe(0);

  // The trip report: the trip, 出差, and the customers who signed at each site.
  const pdf = await fetch(`${api.base}/trips/${tripId}/documents/trip-report`, {
    headers: { authorization: `Bearer ${eng}` },
  });
  expect(pdf.status).toBe(200);
  const text = await pdfText(Buffer.from(await pdf.arrayBuffer()));
  for (const words of [tripId, '出差', 'Li Wei', 'Chen Jing', 'P-KIT-AC-SAMPLER']) expect(text).toContain(words);
  await board.context.close();
  await context.close();
}, 240_000);
