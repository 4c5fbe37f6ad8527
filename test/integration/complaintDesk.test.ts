/**
 * Complaints and inspections at the desks in headless Chromium (desks issue, R-FOLLOW-4, R-PARTS-5): an
 * agent takes a complaint in from a call and acknowledges and answers it; quality finds it among the
 * complaints to investigate and records the investigation; the agent proposes a resolution and records
 * the customer's decision on the phone. Quality records the finding of a returned module's inspection.
 */
import type { Page } from 'playwright-core';
import { createPartsActivities } from '../../activities/fieldTrip/parts';
import { eventually, openRequest } from '../setup/apiHarness';
import { shotBoth } from '../setup/browser';
import { deskSuite, signedIn, untilShown } from '../setup/desks';
import { repositoriesOf } from '../../shared/storage/repositories';

const desks = deskSuite('complaint-desk', [
  { username: 'wang', displayName: 'Wang Fang', role: 'agent' },
  { username: 'qa-3', displayName: 'Sun Li', role: 'quality' },
]);

async function step(page: Page, call: string, fill: Record<string, string> = {}) {
  const form = page.locator(`form[data-call="POST ${call}"]`);
  for (const [name, value] of Object.entries(fill)) {
    const field = form.locator(`[name="${name}"]`);
    if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(value);
    else if ((await field.getAttribute('type')) === 'checkbox') await field.check();
    else await field.fill(value);
  }
  await Promise.all([page.waitForEvent('load'), form.locator('button[type=submit]').click()]);
}

it('R-DESK-1 R-FOLLOW-4 a complaint goes from the call through investigation to the customer’s decision', async () => {
  const { api } = desks;
  const about = await openRequest(api);
  const agent = await signedIn(desks, 'wang', '/app/agent');
  await agent.page.goto(`${desks.origin}/app/complaints/new?customerId=CUST-001&requestNo=${about}`);
  const intake = agent.page.locator('form[data-call="POST /complaints"]');
  await intake.locator('[name=category]').selectOption('response_speed');
  await intake.locator('[name=contactName]').fill('Li Wei');
  await intake.locator('[name=contactPhone]').fill('+86 21 5555 0101');
  await intake.locator('[name=description]').fill('nobody called back for two days <script>x</script>');
  await Promise.all([agent.page.waitForURL('**/app/complaints/CP-*'), intake.locator('button').click()]);
  const no = new URL(agent.page.url()).pathname.split('/').pop()!;
  expect(await agent.page.locator('.complaint p', { hasText: 'nobody called' }).innerText()).toContain('<script>');

  await step(agent.page, `/complaints/${no}/acknowledge`, { summary: 'sorry, we are looking into it' });
  await step(agent.page, `/complaints/${no}/response`, { summary: 'the delay came from dispatch' });
  expect(await agent.page.locator('tr[data-clock="acknowledge"]').getAttribute('data-state')).toBe('met');
  await shotBoth(agent.page, 'complaint');

  const qa = await signedIn(desks, 'qa-3', '/app/quality');
  await untilShown(qa.page, `li[data-complaint="${no}"]`);
  await Promise.all([qa.page.waitForURL(`**/app/complaints/${no}`), qa.page.click(`li[data-complaint="${no}"] a`)]);
  await step(qa.page, `/complaints/${no}/investigation`, {
    findings: 'the request waited in the queue over a weekend',
    responsibleParty: 'dispatch',
    rootCause: 'no weekend dispatcher',
    improvementNeeded: 'on',
  });
  expect(await qa.page.locator('.investigation').innerText()).toContain('no weekend dispatcher');
  await qa.context.close();

  await agent.page.reload();
  await step(agent.page, `/complaints/${no}/proposal`, { resolution: 'a free maintenance visit' });
  await step(agent.page, `/complaints/${no}/decision`, { accept: 'true' });
  const view = (await api.call('GET', `/complaints/${no}`, api.tok.admin)).body;
  expect(view.status).toBe('closed');
  expect(view.history.find((h: { action: string }) => h.action === 'investigated')?.actor).toEqual({
    role: 'quality',
    id: 'qa-3',
  });
  await agent.context.close();
}, 180_000);

it('R-DESK-1 R-PARTS-5 quality records the finding of a returned module, linked to its request', async () => {
  const { api } = desks;
  const no = await openRequest(api);
  // What a trip's end opens for a faulty module brought back (tripsHttp covers the trip itself).
  await createPartsActivities(repositoriesOf(api.models)).openQualityInspections([
    {
      id: 'TRIP-20261201-TEST01-I1',
      tripId: 'TRIP-20261201-TEST01',
      requestNo: no,
      partNo: 'P-SWH-SENSOR',
      symptom: 'open circuit',
      origin: 'removed_from_unit',
    },
  ]);
  const qa = await signedIn(desks, 'qa-3', '/app/quality');
  const item = qa.page.locator('li[data-inspection="TRIP-20261201-TEST01-I1"]');
  await shotBoth(qa.page, 'quality-inspections');
  await item.locator('[name=finding]').fill('moisture in the connector: seal defect');
  await Promise.all([qa.page.waitForEvent('load'), item.locator('button[type=submit]').click()]);
  expect(await qa.page.locator('li[data-inspection="TRIP-20261201-TEST01-I1"]').count()).toBe(0);
  expect(await api.models.OpenInspection.countDocuments({})).toBe(0); // off the queue
  const inspections = (await api.call('GET', `/requests/${no}/inspections`, api.tok.agent)).body;
  expect(JSON.stringify(inspections)).toContain('moisture in the connector');
  await eventually(
    () => api.models.QualityInspection.findById('TRIP-20261201-TEST01-I1').lean(),
    (i) => i?.inspector === 'qa-3',
    'recorded under the account',
  );
  await qa.context.close();
}, 120_000);
