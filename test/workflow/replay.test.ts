/**
 * Determinism guard: recorded histories must replay on today's workflow code. Every fixture was recorded at
 * release 1.0 (docs/decisions/0008), which folded in every change made before it. A change that breaks one
 * needs a `patched()` id (the old path kept), because running requests would break too; then record a new
 * fixture after it beside the old one (docs/architecture.md, "Versioning"). The last test fails when a
 * workflow type has no fixture or a fixture is not listed here.
 *
 * Recorded by the tests named with each (RECORD_HISTORY=1 writes the fixtures that do not exist yet; an
 * existing one is only rewritten by RECORD_HISTORY=<its file name>, test/setup/fixtures.ts).
 */
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import fs from 'node:fs';
import path from 'node:path';
import { workflowBundle } from '../../infra/worker';
import * as workflows from '../../workflows';

type History = temporal.api.history.v1.IHistory;
const load = (name: string): History =>
  temporal.api.history.v1.History.decode(
    Buffer.from(fs.readFileSync(path.join(__dirname, '..', 'fixtures', name), 'utf8'), 'base64'),
  );
const count = (h: History, has: (e: temporal.api.history.v1.IHistoryEvent) => unknown) => h.events!.filter(has).length;
const children = (h: History) => count(h, (e) => e.startChildWorkflowExecutionInitiatedEventAttributes);

/** [what it shows, file, workflow id prefix, what the recording must contain, the test that records it] */
const FIXTURES: [string, string, string, (h: History) => boolean, string][] = [
  [
    'a warranty repair from intake to archive',
    'serviceRequest-warranty.history.b64',
    'service-request',
    (h) => h.events!.length > 50,
    'serviceRequest "warranty repair"',
  ],
  [
    'a paid repair: quotation, approval, settlement, payment',
    'serviceRequest-paid.history.b64',
    'service-request',
    (h) => h.events!.length > 50,
    'quotes "no chargeable work"',
  ],
  [
    'a carry-in repair: received, repaired on the bench with a component replaced, collected (R-TRIAGE-2, R-ASSET-1)',
    'serviceRequest-carryIn.history.b64',
    'service-request',
    (h) =>
      h.events!.some(
        (e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === 'receiveUnit',
      ),
    'carryIn "brought in"',
  ],
  [
    'a request on business-hours clocks: breach and manager escalation in service hours (R-SLA-6)',
    'serviceRequest-businessHours.history.b64',
    'service-request',
    (h) => h.events!.some((e) => e.markerRecordedEventAttributes?.markerName === 'core_patch'),
    'businessHours "received Friday 17:50"',
  ],
  [
    'a carry-in unit collected after its free storage days, the storage charged and paid (R-TRIAGE-2)',
    'serviceRequest-carryInStorage.history.b64',
    'service-request',
    (h) =>
      h.events!.some(
        (e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === 'recordPayment',
      ),
    'carryIn "kept free"',
  ],
  [
    'a request cancelled while a trip held its parts',
    'serviceRequest-cancelled-trip.history.b64',
    'service-request',
    () => true,
    'fieldTrip "cancelling a request tells its trip"',
  ],
  [
    'the first run of a request that continued as new under 100 reschedules',
    'serviceRequest-continued.history.b64',
    'service-request',
    (h) => !!h.events!.at(-1)!.workflowExecutionContinuedAsNewEventAttributes,
    'historyGrowth',
  ],
  [
    'a run that moved its oldest history to the database',
    'serviceRequest-window.history.b64',
    'service-request',
    (h) => count(h, (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'storeEarlierHistory') > 0,
    'historyGrowth',
  ],
  [
    'a follow-up below 8 that started an improvement action',
    'serviceRequest-improvement.history.b64',
    'service-request',
    (h) => children(h) === 1,
    'serviceRequest "low score"',
  ],
  [
    'a commissioning visit accepted by the signed report',
    'serviceRequest-commissioning.history.b64',
    'service-request',
    () => true,
    'commissioning',
  ],
  [
    'a finished request counted in its month’s KPIs',
    'serviceRequest-kpi.history.b64',
    'service-request',
    () => true,
    'kpi "counts itself"',
  ],
  [
    'a window declined, then accepted by the customer and reminded',
    'serviceRequest-consent.history.b64',
    'service-request',
    (h) =>
      count(
        h,
        (e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === 'answerAppointment',
      ) === 2,
    'appointmentConsent',
  ],
  [
    'a contract request past its allowance, approved by a supervisor',
    'serviceRequest-allowance.history.b64',
    'service-request',
    (h) =>
      count(
        h,
        (e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === 'decideAllowance',
      ) === 1,
    'contractAllowance "asks for approval"',
  ],
  [
    'a field trip with every outcome',
    'fieldTrip-outcomes.history.b64',
    'field-trip',
    (h) => h.events!.length > 30,
    'fieldTrip "every unit carried"',
  ],
  [
    'a complaint rejected once, accepted, with an improvement action, followed up',
    'complaint-followed-up.history.b64',
    'complaint',
    (h) => children(h) === 1,
    'complaint "rejected goes back"',
  ],
  [
    'an improvement action reminded, escalated, done and verified',
    'improvementAction-verified.history.b64',
    'improvement',
    (h) => count(h, (e) => e.timerFiredEventAttributes) >= 2,
    'improvement "reminded before"',
  ],
  ['a KPI month counting facts once', 'kpiMonth-facts.history.b64', 'kpi', () => true, 'kpi "counts once"'],
  [
    'a KPI month counting batches of facts once',
    'kpiMonth-batches.history.b64',
    'kpi',
    (h) => count(h, (e) => e.workflowExecutionSignaledEventAttributes) >= 4,
    'kpi "a batch of facts"',
  ],
  [
    'a maintenance tick that opened one occurrence',
    'maintenanceTick-opened.history.b64',
    'maintenance-tick',
    (h) => children(h) === 1,
    'maintenanceChecklist "a tick opens"',
  ],
  [
    'a maintenance occurrence that opened its request',
    'maintenanceOccurrence-opened.history.b64',
    'maintenance',
    (h) => children(h) === 1,
    'maintenanceChecklist "a tick opens"',
  ],
  [
    'a day of certification reminders',
    'certificationReminders-reminded.history.b64',
    'certifications',
    (h) =>
      h.events!.some(
        (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'remindExpiringCertifications',
      ),
    'certifications "reminders before"',
  ],
  [
    'an IoT fault watch that opened one request and ended with it',
    'iotFaultWatch-one-request.history.b64',
    'iot-fault',
    (h) => children(h) === 1,
    'iotFaultWatch "opens one request"',
  ],
  [
    'a suggestion adopted with the improvement action it opened (R-TRIAGE-3)',
    'suggestion-adopted.history.b64',
    'suggestion',
    (h) => children(h) === 1,
    'suggestion "adopted suggestion"',
  ],
  [
    'a suggestion counted in its month’s KPIs when received and reviewed (R-TRIAGE-3, R-RECORD-3)',
    'suggestion-counted.history.b64',
    'suggestion',
    (h) => count(h, (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'reportKpiFact') === 2,
    'suggestion "counted in its month"',
  ],
  [
    'a usage meter that opened one threshold',
    'usageMeter-opened.history.b64',
    'usage-meter',
    (h) => count(h, (e) => e.childWorkflowExecutionStartedEventAttributes) === 1, // a second try found it claimed
    'usageMeter "opens the threshold"',
  ],
];

it.each(FIXTURES)(
  'R-RECORD-1 replays deterministically: %s',
  async (_what, file, prefix, shows) => {
    const history = load(file);
    expect(shows(history)).toBe(true);
    await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, `${prefix}:replay:${file}`);
  },
  60_000,
);

it('R-RECORD-1 every workflow type has a replay fixture, and every fixture is replayed by this file', () => {
  const files = fs.readdirSync(path.join(__dirname, '..', 'fixtures')).filter((f) => f.endsWith('.history.b64'));
  const listed = FIXTURES.map((f) => f[1]);
  expect(files.filter((f) => !listed.includes(f))).toEqual([]);
  expect(listed.filter((f) => !files.includes(f))).toEqual([]);
  expect(Object.keys(workflows).filter((t) => !files.some((f) => f.startsWith(`${t}-`)))).toEqual([]);
});
