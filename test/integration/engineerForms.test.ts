/**
 * The engineer's forms for a visit that cannot finish, in headless Chromium (code you would inherit, item 5:
 * forms never driven before): asking the technical department for help (R-VISIT-5), the diagnosis, and
 * ending the visit because another one is needed, with what it needs (R-VISIT-4). Each is recorded under the engineer.
 */
import type { Page } from 'playwright-core';
import { issueToken } from '../../shared/runtime/auth';
import { eventually, openRequest } from '../setup/apiHarness';
import { scheduleVisit } from '../setup/journeys';
import { accountStore } from '../../shared/storage/accounts';
import { DESK_PASSWORD, deskSuite, signedIn } from '../setup/desks';

const desks = deskSuite('engineer-forms', [
  { username: 'zhang-w', displayName: 'Zhang Wei', role: 'engineer', engineerId: 'ENG-001' },
]);

/** The engineer accepts the offer, agrees a window and checks in: on site, where the forms below are. */
async function onSite(no: string, eng: string) {
  await scheduleVisit(desks.api, no, eng);
  expect((await desks.api.call('POST', `/requests/${no}/check-in`, eng, { identityShown: true })).status).toBe(200);
}

const send = async (page: Page, name: string) =>
  Promise.all([page.waitForEvent('load'), page.click(`form[data-name="${name}"] button[type=submit]`)]);

it('R-VISIT-4 R-VISIT-5 an engineer on site asks for support, then ends the visit as another is needed', async () => {
  const { api } = desks;
  const no = await openRequest(api, 'ENG-001');
  const eng = await issueToken(api.config.authSecret, { role: 'engineer', id: 'ENG-001' });
  await onSite(no, eng);

  const { context, page } = await signedIn(desks, 'zhang-w', '/app/engineer');
  await page.goto(`${desks.origin}/app/engineer/${no}`);
  await page.click('form[data-name="support"] >> xpath=ancestor::details/summary');
  await page.selectOption('form[data-name="support"] select[name=mode]', 'remote');
  await page.fill('form[data-name="support"] textarea[name=question]', 'controller shows E7 after a reset');
  await send(page, 'support');
  const view = () => api.call('GET', `/requests/${no}`, api.tok.dispatcher).then((r) => r.body);
  const waiting = await eventually(view, (v) => v.waitingOn === 'technical_support', 'waiting on support');
  expect(waiting.support.at(-1)).toMatchObject({ mode: 'remote', question: 'controller shows E7 after a reset' });
  const answered = await api.call('POST', `/requests/${no}/support/answer`, api.tok.support, {
    mode: 'remote',
    answer: 'replace the controller board',
  });
  expect(answered.status).toBe(200);

  await page.reload();
  const diagnosis = page.locator('form[data-name="diagnosis"]');
  await diagnosis.locator('[name=faultConfirmedWithCustomer]').check();
  await diagnosis.locator('select[name=faultClass]').selectOption('hardware');
  await diagnosis.locator('[name=findings]').fill('controller board failed');
  await send(page, 'diagnosis');
  await page.click('form[data-name="another-visit"] >> xpath=ancestor::details/summary');
  await page.selectOption('form[data-name="another-visit"] select[name=needs]', ['parts']);
  await page.fill('form[data-name="another-visit"] input[name=reason]', 'the controller board is on order');
  await send(page, 'another-visit');
  const after = await eventually(view, (v) => v.visits?.at(-1)?.outcome === 'another_visit_needed', 'visit ended');
  expect(after.visits.at(-1)).toMatchObject({ needs: ['parts'], reason: 'the controller board is on order' });
  const entry = after.history.find((h: { action: string }) => h.action === 'visit_ended');
  expect(entry?.actor).toEqual({ role: 'engineer', id: 'ENG-001' });
  await context.close();
}, 180_000);

it('R-MAINT-1 an engineer fills the maintenance checklist on the page; a defect opens its repair request', async () => {
  const { api } = desks;
  const firstDue = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  const plan = await api.call('POST', '/maintenance-plans', api.tok.dispatcher, {
    serialNumber: 'SWH-2025-0001',
    everyMonths: 6,
    leadDays: 14,
    firstDue,
    checklist: [
      { item: 'clean the collector tubes', kind: 'cleaning' },
      { item: 'check the anode', kind: 'inspection' },
    ],
  });
  expect(plan.status).toBe(201);
  const no = await firstRequestOf(plan.body.planId);
  const offered = await eventually(
    () => api.call('GET', `/requests/${no}`, api.tok.agent).then((r) => r.body),
    (v) => v.status === 'offered',
    'offered',
  );
  const engineerId = offered.offer.engineerId as string;
  const username = `eng-${engineerId.toLowerCase()}`;
  if (engineerId !== 'ENG-001')
    await accountStore(api.models).create(
      { username, displayName: engineerId, role: 'engineer', engineerId, password: DESK_PASSWORD },
      'test',
    );
  const eng = await issueToken(api.config.authSecret, { role: 'engineer', id: engineerId });
  await onSite(no, eng);

  const { context, page } = await signedIn(desks, engineerId === 'ENG-001' ? 'zhang-w' : username, '/app/engineer');
  await page.goto(`${desks.origin}/app/engineer/${no}`);
  const form = page.locator('form[data-name="checklist"]');
  await form.locator('select[name="items[0].result"]').selectOption('done');
  await form.locator('select[name="items[1].result"]').selectOption('defect');
  await form.locator('input[name="items[1].note"]').fill('anode worn through');
  await send(page, 'checklist');
  const after = await eventually(
    () => api.call('GET', `/requests/${no}`, api.tok.agent).then((r) => r.body),
    (v) => (v.maintenance?.checklist ?? []).every((c: { result?: string }) => !!c.result),
    'checklist recorded',
  );
  expect(after.maintenance.checklist).toEqual([
    expect.objectContaining({ item: 'clean the collector tubes', result: 'done' }),
    expect.objectContaining({ item: 'check the anode', result: 'defect', note: 'anode worn through' }),
  ]);
  const recorded = after.history.find((h: { action: string }) => h.action === 'checklist_recorded');
  expect(recorded?.actor).toEqual({ role: 'engineer', id: engineerId });
  expect(after.history.some((h: { action: string }) => h.action === 'defect_found')).toBe(true);
  // The page's call opened the repair request: the same items again answer it, and open none twice.
  const items = after.maintenance.checklist.map(({ item, result, note }: Record<string, string>) => ({
    item,
    result,
    ...(note ? { note } : {}),
  }));
  const again = await api.call('POST', `/requests/${no}/checklist`, eng, { items });
  expect(again.body.defectRequests).toHaveLength(1);
  const repair = await api.call('GET', `/requests/${again.body.defectRequests[0]}`, api.tok.agent);
  expect(repair.body.intake).toMatchObject({ kind: 'fault_repair', serialNumber: 'SWH-2025-0001' });
  await context.close();
}, 180_000);

/** The request a maintenance plan's first occurrence opened. */
async function firstRequestOf(planId: string): Promise<string> {
  const [occ] = await eventually(
    () => desks.api.models.MaintenanceOccurrence.find({ planId }).comment('scan: a test reads its occurrence').lean(),
    (o) => o.length === 1,
    'the occurrence',
  );
  return occ.requestNo as string;
}
