/**
 * Quality staff's desk in headless Chromium (R-FOLLOW-2): an improvement action its owner has done shows
 * on the board; quality staff sign in with their account and verify it, recorded under their account.
 */
import { eventually } from '../setup/apiHarness';
import { shotBoth } from '../setup/browser';
import { deskSuite, signedIn } from '../setup/desks';

const desks = deskSuite('quality-desk', [{ username: 'qa-1', displayName: 'Sun Li', role: 'quality' }]);

it('R-DESK-1 R-FOLLOW-2 quality verifies a done improvement action from the board', async () => {
  const { api } = desks;
  const opened = await api.call('POST', '/improvement-actions', api.tok.admin, {
    source: 'manual',
    title: 'Call ahead before every visit',
    description: 'three complaints about unannounced arrivals',
    ownerId: 'disp-1',
  });
  expect(opened.status).toBe(201);
  const { actionId } = opened.body;
  await api.call('POST', `/improvement-actions/${actionId}/start`, api.tok.dispatcher, {});
  await api.call('POST', `/improvement-actions/${actionId}/done`, api.tok.dispatcher, { outcome: 'on the checklist' });
  await eventually(
    () => api.models.ImprovementAction.findById(actionId).lean(),
    (a) => a?.status === 'done',
    'done in the read model',
  );

  const { context, page } = await signedIn(desks, 'qa-1', '/app/quality');
  const row = page.locator(`tr[data-action="${actionId}"]`);
  expect(await row.locator('.status').innerText()).toBe('done, to verify');
  await shotBoth(page, 'quality-desk');
  await row.locator('form', { hasText: 'Verify' }).locator('button').click();
  await eventually(
    () => api.models.ImprovementAction.findById(actionId).lean(),
    (a) => a?.status === 'verified',
    'verified',
  );
  const view = (await api.call('GET', `/improvement-actions/${actionId}`, api.tok.admin)).body;
  expect(view.history.at(-1)).toMatchObject({ action: 'verified', actor: { role: 'quality', id: 'qa-1' } });
  await context.close();
}, 120_000);
