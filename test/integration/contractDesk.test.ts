/**
 * Contracts with an allowance in the browser (R-ENTITLE-1, 001 §4.2): the agent sees what is left before
 * taking a call in; past the allowance a request waits on the dispatcher's board until the supervisor
 * approves it as contract work; the customer's page shows what is left of their contract.
 */
import { eventually } from '../setup/apiHarness';
import { intakeBody } from '../setup/env';
import { deskSuite, signedIn } from '../setup/desks';

const desks = deskSuite('contract-desk', [
  { username: 'desk', displayName: 'Agent', role: 'agent' },
  { username: 'super', displayName: 'Supervisor', role: 'dispatcher' },
]);
const UPS = {
  serialNumber: 'UPS-2021-0420',
  customerId: 'CUST-002',
  region: 'east',
  contactPhone: '+86 10 5555 0202',
};

it('R-ENTITLE-1 R-DESK-1 what is left shows on the agent’s desk; past it the supervisor approves on the board; the customer sees what is left', async () => {
  const { api } = desks;
  await api.models.Contract.updateOne(
    { _id: 'SC-2025-017' },
    { $set: { allowance: { period: 'year', visits: 2, hours: 40, beyond: 'approval' } } },
  );
  const agent = await signedIn(desks, 'desk', '/app/agent');
  await agent.page.goto(`${desks.origin}/app/agent?serial=UPS-2021-0420`);
  const line = agent.page.locator('.unit .allowance');
  expect(await line.getAttribute('data-visits-left')).toBe('2');
  expect(await line.innerText()).toMatch(
    /Service contract SC-2025-017 · .* visits left 2 \/ 2 · on-site hours left 40 \/ 40 · beyond them a supervisor approves/,
  );
  expect(await agent.page.locator('.unit .entitlement').innerText()).toMatch(/contract work/);

  const take = async () => {
    const r = await api.call('POST', '/requests', api.tok.agent, intakeBody(UPS));
    expect(r.body).toMatchObject({ requestNo: expect.any(String) });
    return r.body;
  };
  // Three calls at once for two visits: whichever claims last waits (each request claims as it starts).
  const taken = await Promise.all([take(), take(), take()]);
  const rm = (no: string) => api.models.ServiceRequest.findById(no).lean();
  const rows = await eventually(
    () => Promise.all(taken.map((t) => rm(t.requestNo))),
    (ds) => ds.every((d) => d?.status === 'offered' || !!d?.allowancePending),
    'two offered, one waiting for approval',
  );
  expect(rows.filter((d) => d?.allowancePending).length).toBe(1);
  const third = taken[rows.findIndex((d) => d?.allowancePending)];
  const first = taken[rows.findIndex((d) => !d?.allowancePending)];
  const left = await api.call('GET', '/contracts/SC-2025-017/allowance', api.tok.agent);
  expect(left.body).toMatchObject({ visits: { allowed: 2, used: 2, left: 0 }, beyond: 'approval' });
  await agent.page.reload();
  expect(await line.getAttribute('data-visits-left')).toBe('0');

  // Only a supervisor decides, with a reason; a decision with nothing waiting is refused.
  expect(
    (
      await api.call('POST', `/requests/${third.requestNo}/allowance-decision`, api.tok.agent, {
        approve: true,
        reason: 'x',
      })
    ).status,
  ).toBe(403);
  expect(
    (await api.call('POST', `/requests/${third.requestNo}/allowance-decision`, api.tok.dispatcher, { approve: true }))
      .status,
  ).toBe(400);
  const none = await api.call('POST', `/requests/${first.requestNo}/allowance-decision`, api.tok.dispatcher, {
    approve: true,
    reason: 'x',
  });
  expect(none.status).toBe(409);
  expect(none.body.error).toMatch(/is not waiting for an approval beyond its contract's allowance/);

  const board = await signedIn(desks, 'super', '/app/board');
  const row = board.page.locator(`.allowance-approvals tr[data-request="${third.requestNo}"]`);
  await row.waitFor();
  expect(await row.innerText()).toMatch(/the 2 visits of .* are used/);
  const approve = row.locator('form[data-name="approve-allowance"]');
  await approve.locator('input[name=reason]').fill('key account, agreed with the manager');
  await Promise.all([board.page.waitForEvent('load'), approve.locator('button').click()]);
  const decided = await eventually(
    () => rm(third.requestNo),
    (d) => d?.status === 'offered',
    'offered once approved',
  );
  expect(decided).toMatchObject({ entitlement: 'contract', allowancePending: null });
  expect(await board.page.locator('.allowance-approvals').count()).toBe(0);

  const customer = await desks.browser.newContext({ locale: 'en-GB' });
  const cpage = await customer.newPage();
  const link = new URL(first.customerLink).searchParams.get('token')!;
  await cpage.goto(`${desks.origin}/c/${first.requestNo}?token=${link}`);
  expect(await cpage.locator('.summary .allowance').innerText()).toMatch(/visits left 0 \/ 2/);
  expect((await api.call('GET', `/requests/${first.requestNo}/contract-allowance?token=${link}`)).body).toMatchObject({
    contractNo: 'SC-2025-017',
    visits: { left: 0 },
  });
  for (const c of [agent.context, board.context, customer]) await c.close();
}, 180_000);
