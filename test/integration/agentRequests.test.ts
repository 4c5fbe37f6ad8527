/**
 * The agent's work on requests and complaints in headless Chromium (desks issue): the queue of requests
 * to acknowledge, the request page where the agent acknowledges, answers, records a message and cancels;
 * the follow-up call below 8 that opens an improvement action quality then verifies; a complaint taken
 * in from a call and handled through acknowledgement, response, investigation, proposal and decision.
 */
import { eventually, openRequest } from '../setup/apiHarness';
import { shotBoth } from '../setup/browser';
import { deskSuite, signedIn, untilShown } from '../setup/desks';
import { signedOffFreeRepair } from '../setup/journeys';

const desks = deskSuite('agent-requests', [
  { username: 'chen', displayName: 'Chen Jing', role: 'agent' },
  { username: 'qa-2', displayName: 'Sun Li', role: 'quality' },
]);

const submit = async (page: import('playwright-core').Page, step: string) => {
  await Promise.all([page.waitForEvent('load'), page.click(`form[data-step="${step}"] button[type=submit]`)]);
};

it('R-DESK-1 R-SLA-2 an agent acknowledges, answers, records a message and cancels from the request page', async () => {
  const { api } = desks;
  const no = await openRequest(api);
  const { context, page } = await signedIn(desks, 'chen', '/app/agent');
  await page.locator(`.queue li[data-request="${no}"]`).waitFor();
  await Promise.all([page.waitForURL(`**/app/agent/requests/${no}`), page.click(`li[data-request="${no}"] a`)]);
  expect(await page.locator('tr[data-clock="dispatch"] .state').innerText()).toMatch(/running|warning/);

  await page.fill('form[data-step="acknowledgement"] textarea', 'called back, confirmed the fault');
  await submit(page, 'acknowledgement');
  await page.locator('.history li[data-action="acknowledged"]').waitFor();
  expect(await page.locator('form[data-step="acknowledgement"]').count()).toBe(0);
  await page.fill('form[data-step="response"] textarea', 'an engineer will come tomorrow <b>morning</b>');
  await submit(page, 'response');
  await page.locator('.history li[data-action="responded"]').waitFor();
  await page.fill('form[data-step="message"] textarea[name=text]', 'please call before you come');
  await submit(page, 'message');
  await page.locator('.history li[data-action="customer_message"]').waitFor();
  await shotBoth(page, 'agent-request');

  // Cancelling without a reason is refused beside the form; with one it is done, under the account.
  await page.click('form[data-step="cancel"] button[type=submit]');
  expect(await page.locator('form[data-step="cancel"] input[name=reason]:invalid').count()).toBe(1);
  await page.fill('form[data-step="cancel"] input[name=reason]', 'customer fixed it themselves');
  await submit(page, 'cancel');
  const view = (await api.call('GET', `/requests/${no}`, api.tok.agent)).body;
  expect(view.status).toBe('cancelled');
  expect(view.history.find((h: { action: string }) => h.action === 'acknowledged')?.actor).toEqual({
    role: 'agent',
    id: 'chen',
  });
  expect(await page.locator('form[data-step="cancel"]').count()).toBe(0);
  await context.close();
}, 120_000);

it('R-DESK-1 R-FOLLOW-1 R-FOLLOW-2 a follow-up call below 8 opens an improvement action that quality verifies', async () => {
  const { api } = desks;
  await api.models.Policy.updateOne({ _id: 'service' }, { $set: { followUpDelayMs: 300 } });
  const { no } = await signedOffFreeRepair(api);
  await eventually(
    () => api.models.ServiceRequest.findById(no).lean(),
    (d) => d?.status === 'follow_up_due',
    'follow-up due',
  );
  const agent = await signedIn(desks, 'chen', '/app/agent');
  await untilShown(agent.page, `.queue li[data-request="${no}"]`);
  await agent.page.goto(`${desks.origin}/app/agent/requests/${no}`);
  await agent.page.fill('form[data-step="follow-up"] input[name=overall]', '6');
  await agent.page.fill('form[data-step="follow-up"] input[name=reason]', 'the engineer came two hours late');
  await submit(agent.page, 'follow-up');
  const closed = await eventually(
    () => api.call('GET', `/requests/${no}`, api.tok.agent).then((r) => r.body),
    (v) => v.status === 'closed',
    'closed',
  );
  expect(closed.followUp).toMatchObject({ overall: 6, reason: 'the engineer came two hours late' });
  expect(closed.history.find((h: { action: string }) => h.action === 'follow_up_recorded')?.actor).toEqual({
    role: 'agent',
    id: 'chen',
  });
  const withAction = await eventually(
    () => api.call('GET', `/requests/${no}`, api.tok.agent).then((r) => r.body),
    (v) => v.improvementActions?.length === 1,
    'the improvement action on the request',
  );
  const action = await eventually(
    () => api.models.ImprovementAction.findById(withAction.improvementActions[0]).lean(),
    (a) => !!a,
    'the improvement action in its read model',
  );
  await agent.context.close();

  await api.call('POST', `/improvement-actions/${action!._id}/start`, api.tok.admin, {});
  await api.call('POST', `/improvement-actions/${action!._id}/done`, api.tok.admin, { outcome: 'punctuality coached' });
  await eventually(
    () => api.models.ImprovementAction.findById(action!._id).lean(),
    (a) => a?.status === 'done',
    'done',
  );
  const qa = await signedIn(desks, 'qa-2', '/app/quality');
  await qa.page.locator(`tr[data-action="${action!._id}"] form`, { hasText: 'Verify' }).locator('button').click();
  await eventually(
    () => api.models.ImprovementAction.findById(action!._id).lean(),
    (a) => a?.status === 'verified',
    'verified by quality',
  );
  await qa.context.close();
}, 180_000);
