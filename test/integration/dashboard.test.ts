/**
 * The KPI dashboard in headless Chromium, as the service-centre manager (R-RECORD-3, R-RECORD-4): a month with known KPI sums
 * is charted with exactly those figures (read back from the chart Chart.js drew), per region too, and the
 * quarterly audit export downloads as CSV with the session's cookie.
 */
import { emptySums, type Sums } from '../../shared/kpi/facts';
import { openRequest } from '../setup/apiHarness';
import { shotBoth } from '../setup/browser';
import { deskSuite, signedIn } from '../setup/desks';

const desks = deskSuite('dashboard', [{ username: 'mgr-1', displayName: 'Wu Gang', role: 'manager' }]);
const sums = (over: Partial<Sums>): Sums => ({ ...emptySums(), ...over });
beforeAll(async () => {
  // Known figures for two months (as the KPI month workflows write them).
  const oct = sums({
    requests: 40,
    solved: 36,
    firstTimeFix: 27,
    arrivalN: 32,
    arrivalMet: 30,
    surveyed: 20,
    satisfied: 18,
    complaints: 2,
    suggestions: 5,
    suggestionsReviewed: 4,
    suggestionsAdopted: 3,
  });
  const east = sums({ requests: 10, solved: 10, firstTimeFix: 9 });
  // A month counted before suggestions were: its row has no suggestion keys.
  const {
    suggestions: _s,
    suggestionsReviewed: _r,
    suggestionsAdopted: _a,
    ...nov
  } = sums({
    requests: 25,
    solved: 20,
    firstTimeFix: 19,
    complaints: 1,
  });
  await desks.api.models.KpiMonth.create([
    {
      _id: '2020-10',
      month: '2020-10',
      version: 1,
      sums: { all: oct, byRegion: { east }, byEngineer: {}, byProductLine: {} },
    },
    {
      _id: '2020-11',
      month: '2020-11',
      version: 1,
      sums: { all: nov, byRegion: {}, byEngineer: {}, byProductLine: {} },
    },
  ]);
});

it('R-DESK-1 R-RECORD-3 R-RECORD-4 R-TRIAGE-3 the dashboard charts a month with known data and downloads the audit CSV', async () => {
  const { api } = desks;
  await openRequest(api); // something for the export
  const { context, page } = await signedIn(desks, 'mgr-1', '/app/dashboard?*', {
    start: '/app/dashboard?from=2020-09&to=2020-12',
    acceptDownloads: true,
  });
  await page.waitForFunction('window.Chart && Chart.getChart("kpi-chart")');
  const drawn = (await page.evaluate(`(() => {
    const c = Chart.getChart('kpi-chart'), v = Chart.getChart('volume-chart');
    return { labels: c.data.labels, sets: c.data.datasets.map((d) => [d.label, d.data]), volume: v.data.datasets.map((d) => d.data) };
  })()`)) as { labels: string[]; sets: [string, (number | null)[]][]; volume: number[][] };
  expect(drawn.labels).toEqual(['2020-09', '2020-10', '2020-11', '2020-12']);
  expect(drawn.sets).toEqual([
    ['First-time fix %', [null, 75, 95, null]], // 27 of 36 solved; 19 of 20
    ['Arrived on time %', [null, 93.8, null, null]], // 30 of 32
    ['Satisfied %', [null, 90, null, null]], // 18 of 20
  ]);
  expect(drawn.volume).toEqual([
    [0, 40, 25, 0],
    [0, 2, 1, 0],
  ]);
  expect(await page.locator('tr[data-month="2020-10"] td').nth(1).innerText()).toBe('40');
  // R-TRIAGE-3: suggestions received / adopted; a month counted before suggestions were shows 0.
  expect(await page.locator('tr[data-month="2020-10"] td.suggestions').innerText()).toBe('5 / 3');
  expect(await page.locator('tr[data-month="2020-11"] td.suggestions').innerText()).toBe('0 / 0');
  await shotBoth(page, 'dashboard');

  // The same month for one region.
  await page.selectOption('select[name=dimension]', 'region');
  await page.fill('input[name=value]', 'east');
  await Promise.all([page.waitForURL('**dimension=region**'), page.click('form.period button[type=submit]')]);
  expect(await page.locator('tr[data-month="2020-10"] td').nth(1).innerText()).toBe('10');

  // The audit export, with the session: a CSV with its header row.
  await page.goto(`${desks.origin}/app/dashboard`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('a.export[data-what="requests"]')]);
  const csv = await (await download.createReadStream()).toArray();
  const text = Buffer.concat(csv).toString('utf8');
  expect(text.split('\n')[0]).toContain('requestNo');
  expect(text.split('\n').length).toBeGreaterThan(2);
  await context.close();
}, 120_000);
