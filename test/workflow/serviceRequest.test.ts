/**
 * The serviceRequest workflow with time skipping (days of timers in seconds), using the real
 * activities against FerretDB.
 */
import { WorkflowNotFoundError, type WorkflowHandle } from '@temporalio/client';
import { getImprovementQuery } from '../../shared/improvement/messages';
import * as m from '../../shared/serviceRequest/messages';
import { recordFixture } from '../setup/fixtures';
import {
  agent,
  causeOf,
  createHarness,
  dispatcher,
  eng,
  HOUR,
  outboxOf as outboxIn,
  stateOf,
  waitForReadModel as readModelIn,
  type Harness,
  act,
} from '../setup/workflowHarness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('test-sr');
}, 120_000);
afterAll(async () => h?.teardown());

const start = (over: Record<string, unknown> = {}) => h.start(over);
const outboxOf = (requestNo: string) => outboxIn(h.models, requestNo);
const waitForReadModel = (requestNo: string, status: string) =>
  readModelIn(h.models, requestNo, (d) => d.status === status);

async function visitAndSignOff(handle: WorkflowHandle, engineerId: string) {
  const now = await h.env.currentTimeMs();
  await act(handle, m.agreeAppointmentUpdate, {
    args: [
      eng(engineerId),
      {
        windowStart: new Date(now + 48 * HOUR).toISOString(),
        windowEnd: new Date(now + 50 * HOUR).toISOString(),
        estimatedDurationMinutes: 90,
        customerConsent: true,
        chargingPolicyExplained: false,
        toolsAndParts: ['multimeter', 'P-SWH-SENSOR x1'],
        customerChoseTime: true, // the customer's choice: the arrival and resolution clocks wait for the window (R-SLA-5)
      },
    ],
  });
  await h.env.sleep(47.75 * HOUR); // past the customer reminder (24 h before) and the engineer's call (30 min before)
  await act(handle, m.checkInUpdate, { args: [eng(engineerId), { identityShown: true }] });
  await act(handle, m.recordDiagnosisUpdate, {
    args: [eng(engineerId), { faultConfirmedWithCustomer: true, faultClass: 'hardware', findings: 'sensor failed' }],
  });
  await act(handle, m.recordWorkUpdate, {
    args: [
      eng(engineerId),
      {
        actions: 'replaced sensor',
        functionalTestPassed: true,
        demonstratedToCustomer: true,
        cleanedUp: true,
        advice: 'descale yearly',
      },
    ],
  });
  return act(handle, m.signOffUpdate, { args: [eng(engineerId), { signedBy: 'Li Wei', satisfied: true }] });
}

describe('serviceRequest workflow (time skipping)', () => {
  it('R-INTAKE-6 R-DISPATCH-1 R-VISIT-1 R-FOLLOW-1 R-RECORD-2: a warranty repair runs from intake to archive', async () => {
    const handle = await start();
    const offered = await stateOf(handle);
    expect(offered).toMatchObject({ status: 'offered', entitlement: 'free', customerName: 'Li Wei' });
    expect(offered.candidates.map((c) => c.engineerId)).toEqual(['ENG-001', 'ENG-002']); // certified first

    await act(handle, m.acceptOfferUpdate, { args: [eng('ENG-001')] });
    const signed = await visitAndSignOff(handle, 'ENG-001');
    expect(signed.status).toBe('awaiting_follow_up');

    await h.env.sleep(25 * HOUR); // follow-up policy: due 24 h after sign-off
    expect((await stateOf(handle)).status).toBe('follow_up_due');
    await h.env.sleep(25 * HOUR); // grace of 24 h passes without a follow-up → escalated
    expect((await stateOf(handle)).history.map((h) => h.action)).toContain('follow_up_escalated');

    await act(handle, m.recordFollowUpUpdate, {
      args: [agent, { punctuality: 9, attitude: 10, resolution: 9, overall: 9 }],
    });
    const outcome = await handle.result();
    expect(outcome.status).toBe('closed');
    // `RECORD_HISTORY=1 npx jest test/workflow` refreshes the replay fixture (only before a release).
    await recordFixture('serviceRequest-warranty.history.b64', handle.fetchHistory());
    const serviceDate = signed.signOff!.at.slice(0, 10);
    expect(outcome.archiveKey).toBe(`Li Wei+SWH-2025-0001+${serviceDate}`);

    const archived = await h.models.Archive.findById(outcome.requestNo).lean();
    expect(archived!.retainUntil.getTime() - archived!.closedAt.getTime()).toBeGreaterThanOrEqual(3 * 365 * 86_400_000);
    const readModel = await h.models.ServiceRequest.findById(outcome.requestNo).lean();
    expect(readModel).toMatchObject({ status: 'closed', engineerId: 'ENG-001', entitlement: 'free' });
    expect(await outboxOf(outcome.requestNo)).toEqual([
      'customer:request_received',
      'engineer:offer',
      'customer:engineer_assigned',
      'customer:appointment',
      'customer:appointment_reminder',
      'engineer:call_customer',
      'customer:completed',
      'agent:follow_up_due',
      'supervisor:follow_up_overdue',
    ]);
  });

  it('R-DISPATCH-3 declines walk the candidate list; with none left a dispatcher assigns', async () => {
    const handle = await start();
    await act(handle, m.declineOfferUpdate, { args: [eng('ENG-001'), { reason: 'on another job' }] });
    await expect(causeOf(act(handle, m.acceptOfferUpdate, { args: [eng('ENG-001')] }))).resolves.toMatchObject({
      type: 'Forbidden',
      message: expect.stringMatching(/another engineer/),
    });
    const v = await act(handle, m.declineOfferUpdate, { args: [eng('ENG-002'), { reason: 'no parts' }] });
    expect(v.status).toBe('awaiting_assignment');
    await expect(
      causeOf(
        act(handle, m.assignEngineerUpdate, {
          args: [eng('ENG-002'), { engineerId: 'ENG-002', reason: 'x' }],
        }),
      ),
    ).resolves.toMatchObject({ type: 'Forbidden', message: 'only dispatcher or admin may assign an engineer' });
    const assigned = await act(handle, m.assignEngineerUpdate, {
      args: [dispatcher, { engineerId: 'ENG-003', reason: 'covers for team' }],
    });
    expect(assigned).toMatchObject({ status: 'assigned', engineerId: 'ENG-003' });
    const rm = await waitForReadModel(assigned.requestNo, 'assigned');
    expect(rm.engineerId).toBe('ENG-003');
    expect(await outboxOf(assigned.requestNo)).toEqual(
      expect.arrayContaining(['supervisor:needs_assignment', 'engineer:assigned']),
    );
  });

  it('R-VISIT-1 a reschedule re-arms both reminders for the new window, each sent once at its time', async () => {
    const handle = await start();
    await act(handle, m.acceptOfferUpdate, { args: [eng('ENG-001')] });
    const t0 = await h.env.currentTimeMs();
    const window = (startH: number) => ({
      windowStart: new Date(t0 + startH * HOUR).toISOString(),
      windowEnd: new Date(t0 + (startH + 2) * HOUR).toISOString(),
      estimatedDurationMinutes: 60,
      customerConsent: true,
      chargingPolicyExplained: false,
      toolsAndParts: [],
      customerChoseTime: true,
      reason: 'customer asked for a later day',
    });
    const sent = async () =>
      (await stateOf(handle)).history.map((h) => h.action).filter((a) => a.endsWith('reminder_sent'));
    await act(handle, m.agreeAppointmentUpdate, { args: [eng('ENG-001'), window(48)] });
    await h.env.sleep(23 * HOUR);
    expect(await sent()).toEqual([]);
    // The customer asks for a day later; the dispatcher records it with consent.
    const moved = await act(handle, m.agreeAppointmentUpdate, { args: [dispatcher, window(72)] });
    expect(moved.history.find((h) => h.action === 'appointment_changed')).toMatchObject({
      actor: dispatcher,
      detail: { reason: 'customer asked for a later day' },
    });
    await h.env.sleep(2 * HOUR); // t0+25h: the old window's reminder time has passed
    expect(await sent()).toEqual([]);
    await h.env.sleep(24 * HOUR); // t0+49h: 23 h before the new window
    expect(await sent()).toEqual(['appointment_reminder_sent']);
    await h.env.sleep(22.25 * HOUR); // t0+71.25h: 45 min before
    expect(await sent()).toEqual(['appointment_reminder_sent']);
    await h.env.sleep(0.5 * HOUR); // t0+71.75h: 15 min before
    expect(await sent()).toEqual(['appointment_reminder_sent', 'engineer_call_reminder_sent']);
    const rm = await waitForReadModel(moved.requestNo, 'scheduled');
    expect(await outboxOf(rm.requestNo)).toEqual(
      expect.arrayContaining(['engineer:appointment', 'engineer:call_customer']),
    );
    await act(handle, m.cancelRequestUpdate, { args: [agent, { reason: 'test over' }] });
  });

  it('R-FOLLOW-2 a low score opens an improvement action workflow owned by the region supervisor', async () => {
    const handle = await start();
    await act(handle, m.acceptOfferUpdate, { args: [eng('ENG-001')] });
    await visitAndSignOff(handle, 'ENG-001');
    await h.env.sleep(25 * HOUR);
    await expect(
      causeOf(
        act(handle, m.recordFollowUpUpdate, {
          args: [agent, { punctuality: 5, attitude: 8, resolution: 6, overall: 6 }],
        }),
      ),
    ).resolves.toMatchObject({ type: 'NotAllowed', message: 'an overall score below 8 needs a reason' });
    await act(handle, m.recordFollowUpUpdate, {
      args: [agent, { punctuality: 5, attitude: 8, resolution: 6, overall: 6, reason: 'late arrival' }],
    });
    const outcome = await handle.result();
    const final = await stateOf(handle);
    const actionId = `IA-${outcome.requestNo}-FU`;
    expect(final.improvementActions).toEqual([actionId]);
    // Its own workflow, which outlives the request: open, owned by the region's supervisor, due in 14 days.
    const action = await h.env.client.workflow.getHandle(`improvement:${actionId}`).query(getImprovementQuery);
    expect(action).toMatchObject({
      source: 'follow_up',
      sourceRef: outcome.requestNo,
      owner: { id: 'disp-1', email: 'supervisor.east@example.test' },
      status: 'open',
      description: 'late arrival',
    });
    const row = await eventuallyRow(actionId);
    expect(row).toMatchObject({ ownerId: 'disp-1', status: 'open', sourceRef: outcome.requestNo });
    // Replay fixture (recorded at 1.0): RECORD_HISTORY=1 writes it when missing
    await recordFixture('serviceRequest-improvement.history.b64', handle.fetchHistory());
    await h.env.client.workflow.getHandle(`improvement:${actionId}`).terminate('test over');
  });

  it('a cancelled request ends, tells the offered engineer, and refuses further steps', async () => {
    const handle = await start();
    await act(handle, m.cancelRequestUpdate, { args: [agent, { reason: 'customer fixed it' }] });
    // Refused: by the validator while the workflow still runs, or because it has already ended.
    const late = await act(handle, m.acceptOfferUpdate, { args: [eng('ENG-001')] }).then(
      () => null,
      (e) => e,
    );
    expect(late?.cause?.type === 'NotAllowed' || late instanceof WorkflowNotFoundError).toBe(true);
    const outcome = await handle.result();
    expect(outcome.status).toBe('cancelled');
    expect(await outboxOf(outcome.requestNo)).toEqual(
      expect.arrayContaining(['engineer:cancelled', 'customer:cancelled']),
    );
  });
});

async function eventuallyRow(actionId: string) {
  for (let i = 0; i < 100; i++) {
    const row = await h.models.ImprovementAction.findById(actionId).lean();
    if (row) return row;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no row for ${actionId}`);
}
