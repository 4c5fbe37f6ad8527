/**
 * Determinism guard: recorded histories must replay on today's workflow code. v1 was recorded before
 * the `sla-clocks-dispatch` patch (a request already running when it was released), v2 after it,
 * v3 after `quotations` (re-record: RECORD_HISTORY=1 npx jest test/workflow/quotes -t "no chargeable work").
 * A change that breaks either needs a new `patched()` id, because running requests would break too.
 * Re-record v2 (never v1): RECORD_HISTORY=1 npx jest test/workflow/serviceRequest -t "warranty repair"
 * v4 after `cancel-releases-trip`: a request cancelled while a trip held its parts
 * (RECORD_HISTORY=1 npx jest test/workflow/fieldTrip -t "cancelling a request tells its trip").
 * v5 after `bounded-history`: the first run of a request rescheduled 100 times, which continued as new
 * under a stream of updates (RECORD_HISTORY=serviceRequest-bounded-v5.history.b64 npx jest test/workflow/historyGrowth).
 * v6 after `improvement-workflow`: a follow-up below 8 started an improvementAction workflow
 * (RECORD_HISTORY=1 npx jest test/workflow/serviceRequest -t "low score").
 * v7 after `commissioning-report`: a commissioning visit recorded, signed and accepted
 * (RECORD_HISTORY=1 npx jest test/workflow/commissioning).
 * v8 after `kpi-facts`: a finished request counted in its month's KPIs
 * (RECORD_HISTORY=1 npx jest test/workflow/kpi -t "counts itself"); kpiMonth v1 (… -t "counts once").
 * v9 with `proposeAppointment`/`answerAppointment` (new updates, no patch: no earlier command changed): a window
 * declined, another accepted by the customer and reminded (RECORD_HISTORY=1 npx jest test/workflow/appointmentConsent).
 * v10 after `intake-reads-as-activities`: a finished request whose intake read its master data and ranked
 * engineers in normal activities (RECORD_HISTORY=1 npx jest test/workflow/kpi -t "counts itself").
 * kpiMonth v2 with the `kpiFacts` signal (a new signal, no patch): the backfill's batches, sent twice
 * (RECORD_HISTORY=1 npx jest test/integration/kpiBackfill).
 * complaint v1: rejected once, accepted, improvement action opened, followed up
 * (RECORD_HISTORY=1 npx jest test/workflow/complaint -t "rejected goes back").
 * improvementAction v1: reminded, escalated overdue, started, done, verified
 * (RECORD_HISTORY=1 npx jest test/workflow/improvement -t "reminded before").
 * maintenanceTick v1: a tick that opened one occurrence
 * (RECORD_HISTORY=1 npx jest test/workflow/maintenanceChecklist -t "a tick opens").
 * v11 after `history-window`: a run that moved its oldest history entries to the database, then continued
 * as new (RECORD_HISTORY=serviceRequest-window-v11.history.b64 npx jest test/workflow/historyGrowth).
 * iotFaultWatch v1: two reports, one request opened as a child, ended with it
 * (RECORD_HISTORY=1 npx jest test/workflow/iotFaultWatch -t "opens one request").
 * complaint v2 and improvementAction v2 after `kpi-facts` (the same tests as their v1); fieldTrip v2 after
 * `consumption-checks-parts` (RECORD_HISTORY=1 npx jest test/workflow/fieldTrip -t "every unit carried"; no v1
 * was recorded); maintenanceOccurrence v1 (RECORD_HISTORY=1 npx jest test/workflow/maintenanceChecklist -t "a tick opens").
 * RECORD_HISTORY=1 writes only fixtures that do not exist yet; RECORD_HISTORY=<file> rewrites that one
 * (test/setup/fixtures.ts). The last test here fails when a workflow type has no fixture, or a fixture is
 * not replayed.
 */
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import fs from 'node:fs';
import path from 'node:path';
import { workflowBundle } from '../../infra/worker';
import * as workflows from '../../workflows';

const load = (name: string) =>
  temporal.api.history.v1.History.decode(
    Buffer.from(fs.readFileSync(path.join(__dirname, '..', 'fixtures', name), 'utf8'), 'base64'),
  );

it.each([
  ['v1 (started before SLA clocks)', 'serviceRequest-warranty-v1.history.b64'],
  ['v2 (SLA clocks, offer deadlines, multi-visit)', 'serviceRequest-warranty-v2.history.b64'],
  ['v3 (a paid repair: quotation, approval, settlement, payment)', 'serviceRequest-paid-v3.history.b64'],
])(
  'R-RECORD-1 a recorded warranty-repair history replays deterministically: %s',
  async (_label, file) => {
    const history = load(file);
    expect(history.events!.length).toBeGreaterThan(50);
    await Worker.runReplayHistory(
      { workflowBundle: await workflowBundle() },
      history,
      `service-request:replay:${file}`,
    );
  },
  60_000,
);

it('R-RECORD-1 each history took the patched paths of its time', () => {
  const markers = (file: string) =>
    load(file).events!.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_patch').length;
  expect(markers('serviceRequest-warranty-v1.history.b64')).toBe(0);
  expect(markers('serviceRequest-warranty-v2.history.b64')).toBe(1); // sla-clocks-dispatch
  expect(markers('serviceRequest-paid-v3.history.b64')).toBe(2); // + quotations
  expect(markers('serviceRequest-cancelled-v4.history.b64')).toBe(3); // + cancel-releases-trip
  expect(markers('serviceRequest-bounded-v5.history.b64')).toBe(3); // sla-clocks-dispatch, quotations, bounded-history
  expect(markers('serviceRequest-improvement-v6.history.b64')).toBe(4); // + improvement-workflow
  expect(markers('serviceRequest-commissioning-v7.history.b64')).toBe(4); // sla, quotations, bounded, commissioning-report
  expect(markers('serviceRequest-kpi-v8.history.b64')).toBe(4); // sla, quotations, bounded, kpi-facts
  expect(markers('serviceRequest-intake-reads-v10.history.b64')).toBe(5); // + intake-reads-as-activities
});

it('R-RECORD-1 R-DISPATCH-1 a request whose intake read master data in normal activities replays deterministically: v10', async () => {
  const file = 'serviceRequest-intake-reads-v10.history.b64';
  const history = load(file);
  const scheduled = history.events!.flatMap((e) => e.activityTaskScheduledEventAttributes?.activityType?.name ?? []);
  expect(scheduled).toEqual(expect.arrayContaining(['loadIntakeContext', 'rankEngineers']));
  // Earlier versions recorded these reads as local-activity markers inside the first workflow task.
  const local = (f: string) =>
    load(f).events!.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity').length;
  expect(local(file)).toBe(0);
  expect(local('serviceRequest-kpi-v8.history.b64')).toBeGreaterThanOrEqual(2);
  await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, `service-request:replay:${file}`);
}, 60_000);

it('R-RECORD-1 a request that continued as new under a stream of updates replays deterministically: v5', async () => {
  const file = 'serviceRequest-bounded-v5.history.b64';
  const history = load(file);
  expect(history.events!.at(-1)!.workflowExecutionContinuedAsNewEventAttributes).toBeTruthy();
  await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, `service-request:replay:${file}`);
}, 60_000);

it('R-RECORD-1 a run that moved its oldest history entries out of its state replays deterministically: v11', async () => {
  const file = 'serviceRequest-window-v11.history.b64';
  const history = load(file);
  const moves = history.events!.filter(
    (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'storeEarlierHistory',
  );
  expect(moves.length).toBeGreaterThan(0);
  await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, `service-request:replay:${file}`);
}, 60_000);

it('R-RECORD-1 R-PARTS-4 a cancelled request whose trip released its parts replays deterministically: v4', async () => {
  const file = 'serviceRequest-cancelled-v4.history.b64';
  const history = load(file);
  const signalled = history.events!.filter((e) => e.signalExternalWorkflowExecutionInitiatedEventAttributes);
  expect(signalled).toHaveLength(1); // the trip was told, from workflow code
  await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, `service-request:replay:${file}`);
}, 60_000);

it('R-RECORD-1 R-INTAKE-1 an IoT fault watch that opened a request and ended with it replays deterministically: v1', async () => {
  const file = 'iotFaultWatch-v1.history.b64';
  const history = load(file);
  expect(history.events!.filter((e) => e.startChildWorkflowExecutionInitiatedEventAttributes)).toHaveLength(1);
  await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, `iot-fault:replay:${file}`);
}, 60_000);

it('R-RECORD-1 R-FOLLOW-2 a request whose low follow-up started an improvement action replays deterministically: v6', async () => {
  const file = 'serviceRequest-improvement-v6.history.b64';
  const history = load(file);
  expect(history.events!.filter((e) => e.startChildWorkflowExecutionInitiatedEventAttributes)).toHaveLength(1);
  await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, `service-request:replay:${file}`);
}, 60_000);

it('R-RECORD-1 R-FOLLOW-4 a complaint from intake to follow-up replays deterministically: v1', async () => {
  const file = 'complaint-v1.history.b64';
  const history = load(file);
  expect(history.events!.filter((e) => e.startChildWorkflowExecutionInitiatedEventAttributes)).toHaveLength(1);
  await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, `complaint:replay:${file}`);
}, 60_000);

it('R-RECORD-1 R-FOLLOW-2 an improvement action from reminder to verification replays deterministically: v1', async () => {
  const file = 'improvementAction-v1.history.b64';
  const history = load(file);
  expect(history.events!.filter((e) => e.timerFiredEventAttributes).length).toBeGreaterThanOrEqual(2);
  await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, `improvement:replay:${file}`);
}, 60_000);

it('R-RECORD-1 R-MAINT-1 a maintenance tick that opened an occurrence replays deterministically: v1', async () => {
  const file = 'maintenanceTick-v1.history.b64';
  const history = load(file);
  expect(history.events!.filter((e) => e.startChildWorkflowExecutionInitiatedEventAttributes)).toHaveLength(1);
  await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, `maintenance-tick:replay:${file}`);
}, 60_000);

it('R-RECORD-1 R-VISIT-7 a commissioning visit accepted by the signed report replays deterministically: v7', async () => {
  const file = 'serviceRequest-commissioning-v7.history.b64';
  await Worker.runReplayHistory(
    { workflowBundle: await workflowBundle() },
    load(file),
    `service-request:replay:${file}`,
  );
}, 60_000);

it.each([
  ['a finished request counted in the KPIs (v8)', 'serviceRequest-kpi-v8.history.b64'],
  ['a KPI month counting facts once (kpiMonth v1)', 'kpiMonth-v1.history.b64'],
  ['a KPI month counting the backfill’s batches once (kpiMonth v2)', 'kpiMonth-batches-v2.history.b64'],
])(
  'R-RECORD-1 R-RECORD-3 replays deterministically: %s',
  async (_label, file) => {
    await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, load(file), `replay:${file}`);
  },
  60_000,
);

it('R-RECORD-1 R-VISIT-1 a window declined, then accepted by the customer and reminded, replays deterministically: v9', async () => {
  const file = 'serviceRequest-consent-v9.history.b64';
  const history = load(file);
  const updates = history.events!.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes);
  const names = updates.map((e) => e.workflowExecutionUpdateAcceptedEventAttributes!.acceptedRequest!.input!.name);
  expect(names.filter((n) => n === 'answerAppointment')).toHaveLength(2);
  await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, `service-request:replay:${file}`);
}, 60_000);

/** A patch marker in a recorded history: proof the fixture was recorded after that patch. */
const markers = (history: ReturnType<typeof load>) =>
  history.events!.flatMap((e) => {
    const m = e.markerRecordedEventAttributes;
    const data = m?.markerName === 'core_patch' ? m.details?.['patch-data']?.payloads?.[0]?.data : undefined;
    return data ? [JSON.parse(Buffer.from(data).toString()).id as string] : [];
  });

it.each([
  ['a complaint after `kpi-facts` (complaint v2)', 'complaint-kpi-v2.history.b64', 'complaint', 'kpi-facts'],
  ['an improvement action after `kpi-facts` (v2)', 'improvementAction-kpi-v2.history.b64', 'improvement', 'kpi-facts'],
  [
    'a field trip with every outcome (fieldTrip v2)',
    'fieldTrip-v2.history.b64',
    'field-trip',
    'consumption-checks-parts',
  ],
  ['a maintenance occurrence that opened its request (v1)', 'maintenanceOccurrence-v1.history.b64', 'maintenance', ''],
])(
  'R-RECORD-1 replays deterministically: %s',
  async (_label, file, prefix, patch) => {
    const history = load(file);
    if (patch) expect(markers(history)).toContain(patch);
    await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, `${prefix}:replay:${file}`);
  },
  60_000,
);

it('R-RECORD-1 every workflow type has a replay fixture, and every fixture is replayed by this file', () => {
  const fixtures = fs.readdirSync(path.join(__dirname, '..', 'fixtures')).filter((f) => f.endsWith('.history.b64'));
  const here = fs.readFileSync(__filename, 'utf8');
  expect(fixtures.filter((f) => !here.includes(`'${f}'`))).toEqual([]);
  const types = Object.keys(workflows);
  expect(types.filter((t) => !fixtures.some((f) => f.startsWith(`${t}-`)))).toEqual([]);
});
