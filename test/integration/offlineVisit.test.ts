/**
 * The engineer's pages without a network, in headless Chromium against the real services (R-FIELD-1/2,
 * R-VISIT-2..6, R-PARTS-3; docs/offline.md): a whole visit done offline — check-in, diagnosis, two photos,
 * the work with a part from the van, the customer's signature — is queued on the device and sent in order
 * on reconnect: signed off once, the history in the order and at the times the steps were done, the part
 * consumed once, the photos stored once; the same queue sent again changes nothing. A step the dispatcher
 * made impossible meanwhile (reassigned) is refused on replay, and the engineer reads why.
 */
import sharp from 'sharp';
import type { BrowserContext, Page } from 'playwright-core';
import { issueToken } from '../../shared/runtime/auth';
import { vanOf } from '../../shared/fieldTrip/ids';
import { StockLedger } from '../../shared/storage/stockLedger';
import { eventually, openRequest, type Api } from '../setup/apiHarness';
import { deskSuite, signedIn } from '../setup/desks';
import { scheduleVisit } from '../setup/journeys';

// The browser's own names, for the functions the test runs in the page.
declare const document: { querySelectorAll(s: string): ArrayLike<unknown> };
declare const navigator: { serviceWorker: { ready: Promise<unknown> } };
declare const idbKeyval: { get(k: string): Promise<unknown>; set(k: string, v: unknown): Promise<void> };
declare const window: { AftersalesOffline: { flush(): Promise<unknown> } };

const desks = deskSuite('offline-visit', [
  { username: 'zhang-w', displayName: 'Zhang Wei', role: 'engineer', engineerId: 'ENG-001' },
]);
const HOUR = 3_600_000;

const photo = (r: number) =>
  sharp({ create: { width: 320, height: 240, channels: 3, background: { r, g: 90, b: 60 } } })
    .jpeg()
    .toBuffer();

/** A request of ENG-001 accepted and scheduled, over the API. */
async function scheduled(api: Api, eng: string): Promise<string> {
  const no = await openRequest(api, 'ENG-001');
  await scheduleVisit(api, no, eng);
  return no;
}

/** A departed trip carrying one sensor for the request. */
async function tripWithSensor(api: Api, eng: string, no: string): Promise<string> {
  const made = await api.call('POST', '/trips', eng, {
    region: 'east',
    warehouseId: 'WH-EAST',
    plannedStart: new Date().toISOString(),
    plannedEnd: new Date(Date.now() + 48 * HOUR).toISOString(),
    lines: [{ partNo: 'P-SWH-SENSOR', quantity: 1, requestNo: no }],
    requestNos: [no],
  });
  expect(made.status).toBe(201);
  const id = made.body.tripId as string;
  expect((await api.call('POST', `/trips/${id}/approve`, api.tok.dispatcher, { approve: true })).status).toBe(200);
  await eventually(
    () => api.call('GET', `/trips/${id}`, eng).then((r) => r.body.status),
    (s) => s === 'reserved',
    'trip reserved',
  );
  expect((await api.call('POST', `/trips/${id}/depart`, eng)).status).toBe(200);
  return id;
}

/** Opens the work order online once, so the service worker keeps a copy, then cuts the network. */
async function offlineOn(context: BrowserContext, page: Page, no: string) {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await page.goto(`${desks.origin}/app/engineer/${no}`);
  await context.setOffline(true);
}

const queued = async (page: Page, set: string, name: string) => {
  const before = await page.locator('#queue .pending-step').count();
  await page.click(`.step-set[data-status="${set}"] form[data-name="${name}"] button[type=submit]`);
  await page
    .waitForFunction((n) => document.querySelectorAll('#queue .pending-step').length > n, before, { timeout: 5000 })
    .catch(async (e) => {
      throw new Error(`${name}: ${await page.textContent('#message')} ${e}`);
    });
};

it('R-FIELD-1 R-FIELD-2 a whole visit done offline is sent in order on reconnect, once, and twice changes nothing', async () => {
  const { api } = desks;
  const eng = await issueToken(api.config.authSecret, { role: 'engineer', id: 'ENG-001' });
  const ledger = new StockLedger(api.models);
  const no = await scheduled(api, eng);
  const tripId = await tripWithSensor(api, eng, no);
  const inVan = await ledger.balance(vanOf('ENG-001'), 'P-SWH-SENSOR');

  const { context, page } = await signedIn(desks, 'zhang-w', '/app/engineer');
  await offlineOn(context, page, no);
  const cutAt = Date.now();
  // Offline, the page is the service worker's copy.
  await page.reload();
  expect(await page.textContent('#queue .offline')).toContain('Offline');
  expect(await page.textContent('.request-no')).toBe(no); // the work order names its request

  await queued(page, 'scheduled', 'check-in');
  expect(await page.isVisible('.step-set[data-status="on_site"] form[data-name="diagnosis"]')).toBe(true);
  const diagnosis = page.locator('.step-set[data-status="on_site"] form[data-name="diagnosis"]');
  await diagnosis.locator('select[name=faultClass]').selectOption('hardware');
  await diagnosis.locator('[name=findings]').fill('sensor open circuit');
  await queued(page, 'on_site', 'diagnosis');

  const files = page.locator('form[data-name="attachments"]');
  await files.locator('input[type=file]').setInputFiles([
    { name: 'before.jpg', mimeType: 'image/jpeg', buffer: await photo(10) },
    { name: 'after.jpg', mimeType: 'image/jpeg', buffer: await photo(200) },
  ]);
  await files.locator('button[type=submit]').click();
  await page.waitForFunction(() => document.querySelectorAll('#queue .pending-step').length === 4);

  const work = page.locator('.step-set[data-status="diagnosed"] form[data-name="work"]');
  await work.locator('[name=actions]').fill('replaced the sensor');
  await work.locator('input[data-code="P-SWH-SENSOR"]').fill('1');
  await work.locator('[name=functionalTestPassed]').check();
  await work.locator('[name=advice]').fill('check the valves monthly');
  await work.locator('select[data-old-part]').selectOption('returned');
  await work.locator('button[type=submit]').click();
  await page.waitForFunction(() => document.querySelectorAll('#queue .pending-step').length === 6);

  const sign = page.locator('.step-set[data-status="work_done"] form[data-name="sign-off-on-device"]');
  await sign.locator('canvas').scrollIntoViewIfNeeded();
  const pad = (await sign.locator('canvas').boundingBox())!;
  await page.mouse.move(pad.x + 20, pad.y + 40);
  await page.mouse.down();
  await page.mouse.move(pad.x + 160, pad.y + 90, { steps: 8 });
  await page.mouse.up();
  await queued(page, 'work_done', 'sign-off-on-device');

  // Nothing has reached the service yet; the device holds the seven steps in order.
  expect((await api.call('GET', `/requests/${no}`, eng)).body.status).toBe('scheduled');
  const held = await page.evaluate(async () => {
    const q = (await idbKeyval.get('aftersales-queue')) as { path: string }[];
    await idbKeyval.set('queue-copy', q);
    return q.map((e) => e.path.replace(/^\/(requests|trips)\/[^/]+\//, '').split('?')[0]);
  });
  expect(held).toEqual(['check-in', 'diagnosis', 'attachments', 'attachments', 'work', 'consumption', 'sign-off']);

  const backAt = Date.now();
  await Promise.all([page.waitForEvent('load'), context.setOffline(false)]);
  const view = await eventually(
    () => api.call('GET', `/requests/${no}`, eng).then((r) => r.body),
    (v) => !!v.signOff,
    'signed off',
  );
  const steps = view.history.filter((h: { actor: { id: string } }) => h.actor.id === 'ENG-001');
  expect(steps.map((h: { action: string }) => h.action)).toEqual([
    'offer_accepted',
    'appointment_agreed',
    'checked_in',
    'diagnosed',
    'attachment_added',
    'attachment_added',
    'work_recorded',
    'signed_off',
  ]);
  const offline = steps.slice(2);
  for (const h of offline) {
    // Each counts at the time it was done on the device: after the network went, before it came back.
    expect(Date.parse(h.at)).toBeGreaterThanOrEqual(cutAt - 1000);
    expect(Date.parse(h.at)).toBeLessThanOrEqual(backAt);
    expect(Date.parse(h.recordedAt)).toBeGreaterThanOrEqual(backAt - 1000);
  }
  expect(offline.map((h: { at: string }) => h.at)).toEqual([...offline.map((h: { at: string }) => h.at)].sort());
  expect(view.visits[0].checkedInAt).toBe(offline[0].at);
  expect(view.attachments).toHaveLength(2);
  const trip = (await api.call('GET', `/trips/${tripId}`, eng)).body;
  expect(trip.consumptions).toEqual([expect.objectContaining({ requestNo: no, partNo: 'P-SWH-SENSOR', quantity: 1 })]);
  expect(await ledger.balance(vanOf('ENG-001'), 'P-SWH-SENSOR')).toBe(inVan - 1);

  // The same queue sent again: every step is answered as the first time, nothing changes.
  const again = await page.evaluate(async () => {
    await idbKeyval.set('aftersales-queue', await idbKeyval.get('queue-copy'));
    return window.AftersalesOffline.flush();
  });
  expect(again).toMatchObject({ sent: 7, refused: [], stopped: false });
  const after = (await api.call('GET', `/requests/${no}`, eng)).body;
  expect(after.history).toHaveLength(view.history.length);
  expect(after.attachments).toHaveLength(2);
  expect((await api.call('GET', `/trips/${tripId}`, eng)).body.consumptions).toHaveLength(1);
  expect(await ledger.balance(vanOf('ENG-001'), 'P-SWH-SENSOR')).toBe(inVan - 1);
  await context.close();
}, 240_000);

it('R-FIELD-1 a check-in queued offline after the dispatcher reassigned the job is refused in words', async () => {
  const { api } = desks;
  const eng = await issueToken(api.config.authSecret, { role: 'engineer', id: 'ENG-001' });
  const no = await scheduled(api, eng);
  const { context, page } = await signedIn(desks, 'zhang-w', '/app/engineer');
  await offlineOn(context, page, no);
  await queued(page, 'scheduled', 'check-in');

  const moved = await api.call('POST', `/requests/${no}/assign`, api.tok.dispatcher, {
    engineerId: 'ENG-002',
    reason: 'Zhang Wei is stuck on the other site',
  });
  expect(moved.status).toBe(200);
  await context.setOffline(false);
  await page.waitForSelector('#queue .refused-step');
  expect(await page.textContent('#queue .refused-step')).toMatch(/another engineer/);
  expect(await page.locator('#queue .pending-step').count()).toBe(0);
  const view = (await api.call('GET', `/requests/${no}`, api.tok.dispatcher)).body;
  expect(view.engineerId).toBe('ENG-002');
  expect(view.history.some((h: { action: string }) => h.action === 'checked_in')).toBe(false);
  await context.close();
}, 180_000);
