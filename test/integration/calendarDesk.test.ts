/**
 * Business calendars on the admin desk in headless Chromium (R-SLA-6): an admin publishes a calendar with
 * service hours, a holiday and a make-up working day (调休), points an SLA policy's clocks at it, and a new
 * request's clocks count service hours — on `GET /requests/{no}/sla`, the agent's console and the board.
 */
import { eventually } from '../setup/apiHarness';
import { intakeBody } from '../setup/env';
import { deskSuite, signedIn } from '../setup/desks';

const desks = deskSuite('calendar-desk', [
  { username: 'root', displayName: 'Admin', role: 'admin' },
  { username: 'desk', displayName: 'Agent', role: 'agent' },
  { username: 'board', displayName: 'Dispatcher', role: 'dispatcher' },
]);

it('R-SLA-6 R-DESK-1 an admin publishes a business calendar and a policy counting service hours; a new request’s clocks use it', async () => {
  const { api } = desks;
  const admin = await signedIn(desks, 'root', '/app/admin');
  await admin.page.goto(`${desks.origin}/app/admin/policies`);
  await admin.page.locator('details.new-calendar summary').click();
  const form = admin.page.locator('form[data-step="calendar-new"]');
  await form.locator('[name=key]').fill('ops-week');
  await form.locator('[name=name]').fill('Ops week');
  for (const d of ['mon', 'tue', 'wed', 'thu', 'fri', 'sat']) await form.locator(`[name="week.${d}"]`).fill('');
  await form.locator('button').click();
  await admin.page.locator('#message.error').waitFor();
  expect(await admin.page.locator('#message').innerText()).toMatch(/at least one weekday has service hours/);
  expect(await api.models.Calendar.findById('ops-week').lean()).toBeNull(); // nothing written

  for (const d of ['mon', 'tue', 'wed', 'thu', 'fri'])
    await form.locator(`[name="week.${d}"]`).fill('08:00-12:00, 13:00-17:00');
  await form.locator('[name=holidays]').fill('2027-01-01 元旦');
  await form.locator('[name=workingDays]').fill('2027-01-09 元旦调休 fri');
  await Promise.all([admin.page.waitForEvent('load'), form.locator('button').click()]);
  await admin.page.locator('section.calendar[data-calendar="ops-week"][data-version="1"]').waitFor();
  expect(await api.models.Calendar.findById('ops-week').lean()).toMatchObject({
    version: 1,
    timeZone: 'Asia/Shanghai',
    week: {
      mon: [
        { from: '08:00', to: '12:00' },
        { from: '13:00', to: '17:00' },
      ],
      sat: [],
      sun: [],
    },
    holidays: [{ date: '2027-01-01', name: '元旦' }],
    workingDays: [{ date: '2027-01-09', name: '元旦调休', hoursOf: 'fri' }],
  });

  // The general policy's dispatch and arrival clocks now count service hours on it.
  const policy = admin.page.locator('section.sla-policy[data-policy="general"] form');
  await policy.locator('select[name="businessHours.calendar"]').selectOption('ops-week');
  await policy.locator('select[name="businessHours.clocks"]').selectOption(['dispatch', 'arrival']);
  await Promise.all([admin.page.waitForEvent('load'), policy.locator('button').click()]);
  expect(await api.models.SlaPolicy.findById('general').lean()).toMatchObject({
    version: 2,
    businessHours: { calendar: 'ops-week', clocks: ['dispatch', 'arrival'] },
  });
  // The policy as the API shows it, without what only the store keeps (its key and versions).
  const {
    key: _k,
    version: _v,
    versions: _vs,
    ...general
  } = (await api.call('GET', '/sla-policies/general', api.tok.admin)).body;
  const unknown = await api.call('PUT', '/sla-policies/general', api.tok.admin, {
    ...general,
    businessHours: { calendar: 'nowhere', clocks: ['dispatch'] },
  });
  expect(unknown.status).toBe(400);
  expect(unknown.body.error).toMatch(/nowhere/);
  // Elapsed clocks longer than any stretch without service hours (a weekend, a holiday), so the board's
  // nearest deadline is the dispatch clock's whatever the hour the test runs at.
  const week = 7 * 86_400_000;
  const urgent = Object.fromEntries(
    Object.entries(general.budgets.urgent).map(([c, ms]) => [c, ['dispatch', 'arrival'].includes(c) ? ms : week]),
  );
  const longer = await api.call('PUT', '/sla-policies/general', api.tok.admin, {
    ...general,
    budgets: { ...general.budgets, urgent },
  });
  expect(longer.status).toBe(200);

  const taken = await api.call('POST', '/requests', api.tok.agent, intakeBody({ urgency: 'urgent' }));
  const no = taken.body.requestNo as string;
  const sla = await eventually(
    () => api.call('GET', `/requests/${no}/sla`, api.tok.agent),
    (r) => r.status === 200 && r.body.clocks.length > 0,
    'clocks started',
  );
  const clock = (n: string) => sla.body.clocks.find((c: { name: string }) => c.name === n);
  expect(clock('dispatch')).toMatchObject({
    counts: 'business_hours',
    calendar: { ref: 'ops-week@1', name: 'Ops week' },
  });
  expect(clock('dispatch').businessMsLeft).toBeLessThanOrEqual(30 * 60_000);
  expect(clock('resolution')).toMatchObject({ counts: 'elapsed' });
  // The deadline falls in service hours: on a weekday in Shanghai between 08:00 and 12:00 or 13:00 and 17:00.
  const local = new Date(Date.parse(clock('dispatch').deadline) + 8 * 3_600_000);
  const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
  expect([1, 2, 3, 4, 5]).toContain(local.getUTCDay());
  expect((minute > 8 * 60 && minute <= 12 * 60) || (minute > 13 * 60 && minute <= 17 * 60)).toBe(true);

  const agent = await signedIn(desks, 'desk', '/app/agent');
  await agent.page.goto(`${desks.origin}/app/agent/requests/${no}`);
  const row = agent.page.locator('tr[data-clock="dispatch"]');
  expect(await row.locator('.business-hours').innerText()).toBe('Service hours');
  expect(await row.locator('.business-left').innerText()).toMatch(/^Service hours left: 0 h (\d|[1-2]\d|30) min$/);
  expect(await agent.page.locator('tr[data-clock="resolution"] .business-hours').count()).toBe(0);

  const board = await signedIn(desks, 'board', '/app/board');
  await eventually(
    async () => {
      await board.page.reload();
      return board.page.locator(`tr[data-request="${no}"] .business-hours`).count();
    },
    (n) => n === 1,
    'the board shows the business-hours deadline',
  );
  for (const s of [admin, agent, board]) await s.context.close();
}, 180_000);
