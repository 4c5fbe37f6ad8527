/**
 * Carry-in repair (R-TRIAGE-2, 002 §2.1.3 送修) on the real services, FerretDB and headless Chromium: intake
 * names a service point (bad ones refused with what is allowed), the counter receives the unit and names the
 * bench engineer (and hands it over to another), the engineer diagnoses and repairs it on their page, and the
 * customer signs for it at the counter. Nobody is offered the job.
 */
import { issueToken } from '../../shared/runtime/auth';
import { intakeBody } from '../setup/env';
import { eventually } from '../setup/apiHarness';
import { shot } from '../setup/browser';
import { deskSuite, signedIn } from '../setup/desks';
import type { Page } from 'playwright-core';

const desks = deskSuite('carry-in', [
  { username: 'chen', displayName: 'Chen Jing', role: 'agent' },
  { username: 'zhang-w', displayName: 'Zhang Wei', role: 'engineer', engineerId: 'ENG-001' },
]);
const CARRY_IN = { serviceMode: 'carry_in', servicePointId: 'SP-SH-01' };
const receipt = { engineerId: 'ENG-001', condition: 'casing scratched', accessories: ['power cable'] };
const send = (page: Page, selector: string) =>
  Promise.all([page.waitForEvent('load'), page.click(`${selector} button[type=submit]`)]);

it('R-TRIAGE-2 intake names an active service point; only the counter receives the unit and hands it to another bench engineer; the customer sees where to go', async () => {
  const { api } = desks;
  const points = await api.call('GET', '/service-points', api.tok.agent);
  expect(points.body).toEqual([expect.objectContaining({ servicePointId: 'SP-SH-01', region: 'east' })]);

  const refused = [
    [{ serviceMode: 'carry_in' }, 'body.servicePointId: a carry-in repair names the service point'],
    [{ ...CARRY_IN, servicePointId: 'SP-NOPE' }, 'no service point SP-NOPE; the service points are SP-SH-01'],
    [{ servicePointId: 'SP-SH-01' }, 'a service point is given only with serviceMode carry_in'],
    [{ ...CARRY_IN, kind: 'consultation' }, 'carry_in is for fault_repair or maintenance'],
  ] as const;
  for (const [over, why] of refused) {
    const r = await api.call('POST', '/requests', api.tok.agent, intakeBody(over));
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain(why);
  }

  const created = await api.call('POST', '/requests', api.tok.agent, intakeBody(CARRY_IN));
  expect(created.status).toBe(201);
  const no = created.body.requestNo as string;
  const view = () => api.call('GET', `/requests/${no}`, api.tok.dispatcher).then((r) => r.body);
  const waiting = await eventually(view, (v) => v.status === 'awaiting_unit', 'waiting for the unit');
  expect(waiting.offer).toBeUndefined();
  expect(waiting.carryIn.servicePoint).toMatchObject({
    servicePointId: 'SP-SH-01',
    openingHours: 'Mon–Sat 09:00–18:00',
  });

  const eng1 = await issueToken(api.config.authSecret, { role: 'engineer', id: 'ENG-001' });
  expect((await api.call('POST', `/requests/${no}/unit-received`, eng1, receipt)).status).toBe(403);
  const noEngineer = await api.call('POST', `/requests/${no}/unit-received`, api.tok.agent, {
    ...receipt,
    engineerId: 'ENG-404',
  });
  expect(noEngineer).toMatchObject({ status: 400 });
  expect(JSON.stringify(noEngineer.body)).toContain('no active engineer ENG-404');
  const ok = await api.call('POST', `/requests/${no}/unit-received`, api.tok.agent, receipt);
  expect(ok).toMatchObject({ status: 200, body: { status: 'unit_received' } });
  const again = await api.call('POST', `/requests/${no}/unit-received`, api.tok.agent, receipt);
  expect(again.status).toBe(409);
  expect(JSON.stringify(again.body)).toContain('only while awaiting_unit (status: unit_received)');

  // Another bench engineer takes over while the unit is on the bench: the counter's step, with a reason.
  const handOver = (token: string, body: object) => api.call('POST', `/requests/${no}/bench-engineer`, token, body);
  expect((await handOver(eng1, { engineerId: 'ENG-002', reason: 'away' })).status).toBe(403);
  const noReason = await handOver(api.tok.agent, { engineerId: 'ENG-002' });
  expect(noReason.status).toBe(400);
  expect(JSON.stringify(noReason.body)).toContain('body.reason');
  expect((await handOver(api.tok.agent, { engineerId: 'ENG-404', reason: 'away' })).status).toBe(400);
  const same = await handOver(api.tok.agent, { engineerId: 'ENG-001', reason: 'away' });
  expect(same.status).toBe(409);
  expect(JSON.stringify(same.body)).toContain('ENG-001 is already the bench engineer');
  const handed = await handOver(api.tok.agent, { engineerId: 'ENG-002', reason: 'Zhang Wei is on a field trip' });
  expect(handed).toMatchObject({ status: 200, body: { status: 'unit_received' } });
  const now = await view();
  expect(now.engineerId).toBe('ENG-002');
  expect(now.history.at(-1)).toMatchObject({
    action: 'bench_engineer_changed',
    detail: { engineerId: 'ENG-002', previousEngineerId: 'ENG-001', reason: 'Zhang Wei is on a field trip' },
  });
  // The engineer who handed it over no longer works on it; the one who took it over does.
  const diagnosis = { faultConfirmedWithCustomer: true, findings: 'thermostat failed', faultClass: 'hardware' };
  expect((await api.call('POST', `/requests/${no}/diagnosis`, eng1, diagnosis)).status).toBe(403);

  // The customer's own link shows where the unit is and what the counter noted, not who took it.
  const link = new URL(created.body.customerLink).searchParams.get('token')!;
  const mine = await api.call('GET', `/requests/${no}`, link);
  expect(mine.body.carryIn).toMatchObject({
    condition: 'casing scratched',
    servicePoint: { name: expect.any(String) },
  });
  expect(mine.body.carryIn.receivedBy).toBeUndefined();
}, 120_000);

it('R-TRIAGE-2 R-DESK-1 an agent takes in a carry-in repair on the desk; the bench engineer repairs it; it is collected', async () => {
  const { api } = desks;
  const { context, page } = await signedIn(desks, 'chen', '/app/agent');
  await page.goto(`${desks.origin}/app/agent?serial=SWH-2025-0001`);
  await page.fill('textarea[name="fault.symptoms"]', 'controller display dark');
  await page.selectOption('select[name=serviceMode]', 'carry_in');
  await page.selectOption('select[name=servicePointId]', 'SP-SH-01');
  await Promise.all([page.waitForURL('**/app/agent/requests/SR-*'), page.click('form.api button[type=submit]')]);
  const no = page.url().split('/').pop()!.split('?')[0];
  const view = () => api.call('GET', `/requests/${no}`, api.tok.dispatcher).then((r) => r.body);
  await eventually(view, (v) => v.status === 'awaiting_unit', 'waiting for the unit');

  await page.reload();
  const receive = 'form[data-step="unit-received"]';
  await page.fill(`${receive} input[name=engineerId]`, 'ENG-002');
  await page.fill(`${receive} textarea[name=condition]`, 'front cover cracked');
  await page.fill(`${receive} textarea[name=accessories]`, 'power cable\nremote control');
  await send(page, receive);
  const received = await eventually(view, (v) => v.status === 'unit_received', 'received');
  expect(received.carryIn).toMatchObject({ receivedBy: 'chen', accessories: ['power cable', 'remote control'] });
  await shot(page, 'carry-in-counter');
  // ENG-002 is away after all: the counter hands the unit over to Zhang Wei.
  const handOver = 'form[data-step="bench-engineer"]';
  await page.fill(`${handOver} input[name=engineerId]`, 'ENG-001');
  await page.fill(`${handOver} input[name=reason]`, 'ENG-002 is on leave');
  await send(page, handOver);
  await eventually(view, (v) => v.engineerId === 'ENG-001', 'handed over');

  const bench = await signedIn(desks, 'zhang-w', '/app/engineer');
  const p = bench.page;
  await p.goto(`${desks.origin}/app/engineer/${no}`);
  await p.locator('form[data-name="diagnosis"] [name=findings]').fill('display ribbon cable loose');
  await send(p, 'form[data-name="diagnosis"]');
  expect(await p.locator('form[data-name="another-visit"]').count()).toBe(0); // no second visit on the bench
  const work = p.locator('form[data-name="work"]');
  await work.locator('[name=actions]').fill('reseated the ribbon cable');
  for (const box of ['functionalTestPassed', 'demonstratedToCustomer', 'cleanedUp'])
    await work.locator(`[name=${box}]`).check();
  await work.locator('[name=advice]').fill('avoid knocks to the front panel');
  await send(p, 'form[data-name="work"]');
  await eventually(view, (v) => v.status === 'ready_for_collection', 'ready for collection');
  await bench.context.close();

  await page.reload();
  // The demo service point keeps a unit free 30 days, then charges CNY 10.00 a day (R-TRIAGE-2).
  expect(await page.locator('.carry-in .storage').innerText()).toMatch(/Kept free until .*CNY 10\.00/);
  await page.fill('form[data-step="collection"] input[name=signedBy]', 'Li Wei');
  await send(page, 'form[data-step="collection"]');
  const collected = await eventually(view, (v) => v.status === 'awaiting_follow_up', 'collected');
  expect(collected).toMatchObject({ closedAs: 'completed', signOff: { signedBy: 'Li Wei', satisfied: true } });
  expect(collected.history.map((h: { action: string }) => h.action)).not.toContain('offered');
  await page.goto(`${page.url().split('?')[0]}?lang=zh`);
  expect(await page.locator('.carry-in h2').innerText()).toContain('客户送修');
  await context.close();
}, 180_000);
