/**
 * Dispatch and visits with time skipping: offer deadlines, the supervisor queue, reassignment,
 * remote guidance first, several visits per request and technical support (R-DISPATCH, R-INTAKE-5,
 * R-VISIT-4, R-VISIT-5).
 */
import type { WorkflowHandle } from '@temporalio/client';
import * as m from '../../shared/serviceRequest/messages';
import { serviceRequestWorkflowId } from '../../shared/serviceRequest/ids';
import type { serviceRequest } from '../../workflows';
import { intakeBody } from '../setup/env';
import {
  act,
  actionsOf,
  agent,
  causeOf,
  createHarness,
  dispatcher,
  eng,
  entry,
  HOUR,
  MIN,
  outboxOf,
  stateOf,
  waitFor,
  waitForReadModel,
  window,
  type Harness,
} from '../setup/workflowHarness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('test-dispatch');
}, 120_000);
afterAll(async () => h?.teardown());

const work = {
  actions: 'replaced controller board',
  functionalTestPassed: true,
  demonstratedToCustomer: true,
  cleanedUp: true,
  advice: 'keep vents clear',
};
const diagnosis = {
  faultConfirmedWithCustomer: true,
  faultClass: 'hardware' as const,
  findings: 'controller board burnt',
};

/** ENG-001 accepts, agrees a window `hours` ahead, and checks in when it starts. */
async function acceptAndCheckIn(handle: WorkflowHandle<typeof serviceRequest>, hours: number): Promise<void> {
  await act(handle, m.acceptOfferUpdate, { args: [eng('ENG-001')] });
  const t = await h.env.currentTimeMs();
  await act(handle, m.agreeAppointmentUpdate, { args: [eng('ENG-001'), window(t, hours)] });
  await h.env.sleep(hours * HOUR);
  await act(handle, m.checkInUpdate, { args: [eng('ENG-001'), { identityShown: true }] });
}

describe('dispatch (time skipping)', () => {
  it('R-DISPATCH-3 an offer not accepted in time passes to the next candidate, then to the supervisor queue', async () => {
    const handle = await h.start(); // general policy: 15 min to accept
    const v0 = await stateOf(handle);
    expect(v0.offer).toMatchObject({
      engineerId: 'ENG-001',
      expiresAt: new Date(Date.parse(v0.offer!.offeredAt) + 15 * MIN).toISOString(),
    });
    await h.env.sleep(16 * MIN);
    const second = await stateOf(handle);
    expect(second).toMatchObject({ status: 'offered', offer: { engineerId: 'ENG-002' } });
    expect(entry(second, 'offer_timed_out')).toMatchObject({ detail: { engineerId: 'ENG-001' } });
    // The first engineer's late acceptance is refused: the offer is someone else's now.
    await expect(causeOf(act(handle, m.acceptOfferUpdate, { args: [eng('ENG-001')] }))).resolves.toMatchObject({
      type: 'Forbidden',
    });
    await h.env.sleep(15 * MIN);
    const queued = await stateOf(handle);
    expect(queued.status).toBe('awaiting_assignment');
    expect(actionsOf(queued).filter((a) => a === 'offer_timed_out')).toHaveLength(2);
    await waitForReadModel(h.models, v0.requestNo, (d) => d.status === 'awaiting_assignment');
    expect(await outboxOf(h.models, v0.requestNo)).toEqual(
      expect.arrayContaining(['engineer:offer', 'engineer:offer_expired', 'supervisor:needs_assignment']),
    );
    // Nothing else times out in the queue: the dispatcher assigns when they can.
    await h.env.sleep(HOUR);
    expect((await stateOf(handle)).status).toBe('awaiting_assignment');
    const assigned = await act(handle, m.assignEngineerUpdate, {
      args: [dispatcher, { engineerId: 'ENG-003', reason: 'only free engineer' }],
    });
    expect(assigned.status).toBe('assigned');
    await act(handle, m.cancelRequestUpdate, { args: [agent, { reason: 'test over' }] });
  });

  it('R-DISPATCH-3 an accepted offer cancels its deadline: no timeout afterwards', async () => {
    const handle = await h.start();
    await h.env.sleep(10 * MIN);
    await act(handle, m.acceptOfferUpdate, { args: [eng('ENG-001')] });
    await h.env.sleep(30 * MIN);
    const v = await stateOf(handle);
    expect(v).toMatchObject({ status: 'assigned', engineerId: 'ENG-001' });
    expect(actionsOf(v)).not.toContain('offer_timed_out');
    await act(handle, m.cancelRequestUpdate, { args: [agent, { reason: 'test over' }] });
  });

  it('R-DISPATCH-4 reassignment keeps the agreed window, tells both engineers; rescheduling needs a reason; history keeps every step', async () => {
    const handle = await h.start();
    await act(handle, m.acceptOfferUpdate, { args: [eng('ENG-001')] });
    const t = await h.env.currentTimeMs();
    await act(handle, m.agreeAppointmentUpdate, {
      args: [eng('ENG-001'), window(t, 26, { customerChoseTime: true })],
    });
    // The engineer falls sick: the dispatcher reassigns with a reason.
    await expect(
      causeOf(
        act(handle, m.assignEngineerUpdate, {
          args: [eng('ENG-001'), { engineerId: 'ENG-002', reason: 'sick' }],
        }),
      ),
    ).resolves.toMatchObject({ type: 'Forbidden' });
    const re = await act(handle, m.assignEngineerUpdate, {
      args: [dispatcher, { engineerId: 'ENG-002', reason: 'ENG-001 is sick' }],
    });
    expect(re).toMatchObject({ status: 'scheduled', engineerId: 'ENG-002' });
    expect(entry(re, 'reassigned')).toMatchObject({
      actor: dispatcher,
      detail: { engineerId: 'ENG-002', previousEngineerId: 'ENG-001', reason: 'ENG-001 is sick' },
    });
    // The old engineer can no longer act on it; the new one can.
    await expect(
      causeOf(act(handle, m.checkInUpdate, { args: [eng('ENG-001'), { identityShown: true }] })),
    ).resolves.toMatchObject({ type: 'Forbidden' });
    // A reschedule without a reason is refused; with the customer's consent and a reason it is recorded.
    const later = window(t, 50, { customerChoseTime: true });
    await expect(causeOf(act(handle, m.agreeAppointmentUpdate, { args: [dispatcher, later] }))).resolves.toMatchObject({
      type: 'NotAllowed',
      message: expect.stringMatching(/reason/),
    });
    const moved = await act(handle, m.agreeAppointmentUpdate, {
      args: [dispatcher, { ...later, reason: 'new engineer is free only on Tuesday' }],
    });
    expect(entry(moved, 'appointment_changed')).toMatchObject({
      detail: { customerConsent: true, reason: 'new engineer is free only on Tuesday' },
    });
    // Reminders now go to the new engineer, for the new window.
    await h.env.sleep(50 * HOUR - 20 * MIN - ((await h.env.currentTimeMs()) - t));
    const reminded = await stateOf(handle);
    expect(actionsOf(reminded)).toContain('engineer_call_reminder_sent');
    await waitForReadModel(
      h.models,
      re.requestNo,
      (d) => d.engineerId === 'ENG-002' && d.lastAction === 'engineer_call_reminder_sent',
    );
    const box = await h.models.Outbox.find({
      requestNo: re.requestNo,
      template: { $in: ['assigned', 'unassigned', 'call_customer'] },
    }).lean();
    expect(box.map((o) => `${o.template}:${o._id.split(':').at(-1)}`).sort()).toEqual([
      'assigned:ENG-002',
      'call_customer:ENG-002',
      'unassigned:ENG-001',
    ]);
    expect(actionsOf(reminded)).toEqual(
      expect.arrayContaining(['offered', 'offer_accepted', 'appointment_agreed', 'reassigned', 'appointment_changed']),
    );
    await act(handle, m.cancelRequestUpdate, { args: [agent, { reason: 'test over' }] });
  });

  it('R-VISIT-4 a visit ending with "another visit needed" goes back to scheduling; visits are numbered with arrival and duration', async () => {
    const handle = await h.start();
    await acceptAndCheckIn(handle, 2);

    await act(handle, m.recordDiagnosisUpdate, { args: [eng('ENG-001'), diagnosis] });
    await h.env.sleep(75 * MIN);
    const back = await act(handle, m.endVisitUpdate, {
      args: [
        eng('ENG-001'),
        { outcome: 'another_visit_needed', reason: 'controller board to order', needs: ['parts'] },
      ],
    });
    expect(back.status).toBe('assigned');
    expect(back.appointment).toBeUndefined();
    expect(back.visits).toEqual([
      expect.objectContaining({ no: 1, outcome: 'another_visit_needed', needs: ['parts'] }),
    ]);
    expect(Math.abs(back.visits![0].durationMinutes! - 75)).toBeLessThanOrEqual(1);
    // Work cannot be recorded between visits.
    await expect(causeOf(act(handle, m.recordWorkUpdate, { args: [eng('ENG-001'), work] }))).resolves.toMatchObject({
      type: 'NotAllowed',
    });

    const t = await h.env.currentTimeMs();
    await act(handle, m.agreeAppointmentUpdate, {
      args: [eng('ENG-001'), window(t, 30, { customerChoseTime: true, toolsAndParts: ['controller board'] })],
    });
    await h.env.sleep(30 * HOUR);
    const second = await stateOf(handle);
    // The second visit gets its own reminders (the first visit had only the call: it was agreed 2 h ahead).
    expect(actionsOf(second).filter((a) => a === 'engineer_call_reminder_sent')).toHaveLength(2);
    expect(actionsOf(second).filter((a) => a === 'appointment_reminder_sent')).toHaveLength(1);
    await act(handle, m.checkInUpdate, { args: [eng('ENG-001'), { identityShown: true }] });
    await h.env.sleep(40 * MIN);
    await act(handle, m.recordWorkUpdate, { args: [eng('ENG-001'), work] }); // on the first visit's diagnosis
    const done = await act(handle, m.signOffUpdate, {
      args: [eng('ENG-001'), { signedBy: 'Li Wei', satisfied: true }],
    });
    expect(done.visits!.map((v) => [v.no, v.outcome])).toEqual([
      [1, 'another_visit_needed'],
      [2, 'completed'],
    ]);
    expect(Math.abs(done.visits![1].durationMinutes! - 40)).toBeLessThanOrEqual(1);
    expect(done.visits![1].appointment!.toolsAndParts).toEqual(['controller board']);
    // Arrival counts from the first visit; resolution stopped at sign-off.
    expect(done.clocks!.find((c) => c.name === 'arrival')!.stoppedAt).toBe(done.visits![0].checkedInAt);
    expect(done.clocks!.every((c) => c.stoppedAt)).toBe(true);
    const rm = await waitForReadModel(h.models, done.requestNo, (d) => d.status === 'awaiting_follow_up');
    expect(rm.visits).toBe(2);
  });

  it('R-INTAKE-5 solved by remote guidance: no visit, the follow-up still happens', async () => {
    const handle = await h.start({ remoteGuidanceFirst: true });
    const v0 = await stateOf(handle);
    expect(v0.status).toBe('remote_guidance');
    expect(v0.offer).toBeUndefined();
    await expect(
      causeOf(act(handle, m.recordRemoteGuidanceUpdate, { args: [eng('ENG-001'), { solved: true, summary: 'x' }] })),
    ).resolves.toMatchObject({ type: 'Forbidden' });
    const solved = await act(handle, m.recordRemoteGuidanceUpdate, {
      args: [agent, { solved: true, summary: 'reset the controller by phone' }],
    });
    expect(solved.status).toBe('awaiting_follow_up');
    expect(solved.clocks!.map((c) => `${c.name}:${c.outcome}`)).toEqual([
      'dispatch:not_needed',
      'arrival:not_needed',
      'resolution:met',
    ]);
    await h.env.sleep(25 * HOUR);
    expect((await stateOf(handle)).status).toBe('follow_up_due');
    await act(handle, m.recordFollowUpUpdate, {
      args: [agent, { punctuality: 9, attitude: 9, resolution: 9, overall: 9 }],
    });
    const outcome = await handle.result();
    expect(outcome.status).toBe('closed');
    const rm = await waitForReadModel(h.models, v0.requestNo, (d) => d.status === 'closed');
    expect(rm.resolution).toBe('remote guidance: reset the controller by phone');
    expect(await outboxOf(h.models, v0.requestNo)).toEqual(
      expect.arrayContaining(['agent:remote_guidance', 'customer:solved_remotely', 'agent:follow_up_due']),
    );
  });

  it.each([
    ['a consultation', { kind: 'consultation' }],
    ['a fault triage says needs no visit', { visitNeeded: false }],
  ])('R-TRIAGE-1 %s is answered remotely and offered to no field engineer', async (_what, over) => {
    const handle = await h.start(over);
    const v0 = await stateOf(handle);
    expect(v0.status).toBe('remote_guidance');
    await h.env.sleep(HOUR); // however long the answer takes, nobody is offered the job
    const waiting = await stateOf(handle);
    expect(waiting.offer).toBeUndefined();
    expect(actionsOf(waiting)).not.toContain('offered');
    const solved = await act(handle, m.recordRemoteGuidanceUpdate, {
      args: [agent, { solved: true, summary: 'explained the anti-freeze setting' }],
    });
    expect(solved.status).toBe('awaiting_follow_up');
    expect(solved.clocks!.find((c) => c.name === 'dispatch')!.outcome).toBe('not_needed');
    await act(handle, m.cancelRequestUpdate, { args: [agent, { reason: 'test over' }] }).catch(() => undefined);
  });

  it('R-INTAKE-5 remote guidance that does not solve it continues with dispatch', async () => {
    const handle = await h.start({ remoteGuidanceFirst: true });
    await act(handle, m.recordRemoteGuidanceUpdate, {
      args: [agent, { solved: false, summary: 'pump noise persists' }],
    });
    const v = await waitFor(handle, (s) => s.status === 'offered');
    expect(v.offer!.engineerId).toBe('ENG-001');
    expect(actionsOf(v)).toEqual(expect.arrayContaining(['remote_guidance_failed', 'candidates_ranked', 'offered']));
    await act(handle, m.cancelRequestUpdate, { args: [agent, { reason: 'test over' }] });
  });

  it('R-VISIT-5 the engineer asks technical support; the request waits and work is refused until support answers', async () => {
    const handle = await h.start();
    await acceptAndCheckIn(handle, 1);
    const t = (await h.env.currentTimeMs()) - HOUR; // when the window was agreed
    await act(handle, m.recordDiagnosisUpdate, { args: [eng('ENG-001'), diagnosis] });
    const waiting = await act(handle, m.askSupportUpdate, {
      args: [eng('ENG-001'), { mode: 'on_site', question: 'board shows E7 after replacement' }],
    });
    expect(waiting.waitingOn).toBe('technical_support');
    await expect(causeOf(act(handle, m.recordWorkUpdate, { args: [eng('ENG-001'), work] }))).resolves.toMatchObject({
      type: 'NotAllowed',
      message: expect.stringMatching(/technical support/),
    });
    await expect(
      causeOf(act(handle, m.answerSupportUpdate, { args: [eng('ENG-001'), { mode: 'remote', answer: 'x' }] })),
    ).resolves.toMatchObject({ type: 'Forbidden' });
    const joinAt = new Date(t + 3 * HOUR).toISOString();
    const answered = await act(handle, m.answerSupportUpdate, {
      args: [
        { role: 'support', id: 'tech-1' },
        { mode: 'on_site', answer: 'firmware must be reflashed; I will bring the tool', joinOnSiteAt: joinAt },
      ],
    });
    expect(answered.waitingOn).toBeUndefined();
    expect(answered.support).toEqual([
      expect.objectContaining({ no: 1, answeredBy: 'tech-1', answerMode: 'on_site', joinOnSiteAt: joinAt }),
    ]);
    const worked = await act(handle, m.recordWorkUpdate, { args: [eng('ENG-001'), work] });
    expect(worked.status).toBe('work_done');
    await waitForReadModel(h.models, worked.requestNo, (d) => d.status === 'work_done');
    expect(await outboxOf(h.models, worked.requestNo)).toEqual(
      expect.arrayContaining(['technical:support_requested', 'engineer:support_answered']),
    );
    const techMail = await h.models.Outbox.findOne({
      requestNo: worked.requestNo,
      template: 'support_requested',
    }).lean();
    expect(techMail!.address).toBe('tech-support@example.test');
  });
});

describe('continue-as-new (time skipping)', () => {
  it('R-VISIT-4 R-RECORD-1 a long request continues as new and carries its state, clocks and history over', async () => {
    const requestNo = 'SR-20261122-0777';
    const handle = await h.env.client.workflow.start<typeof serviceRequest>('serviceRequest', {
      taskQueue: 'test-dispatch',
      workflowId: serviceRequestWorkflowId(requestNo),
      // Past the events up to the agreed appointment (intake's reads as activities added some), so the run
      // continues as new after the test's updates, not while one of them is on its way.
      args: [{ requestNo, intake: intakeBody() as any, receivedBy: agent, continueAfterEvents: 76 }],
    });
    const firstRun = handle.firstExecutionRunId;
    await waitFor(handle, (s) => s.status === 'offered');
    await acceptAndCheckIn(handle, 2);

    await act(handle, m.recordDiagnosisUpdate, { args: [eng('ENG-001'), diagnosis] });
    await act(handle, m.endVisitUpdate, {
      args: [eng('ENG-001'), { outcome: 'another_visit_needed', reason: 'board to order', needs: ['parts'] }],
    });
    const t = await h.env.currentTimeMs();
    await act(handle, m.agreeAppointmentUpdate, {
      args: [eng('ENG-001'), window(t, 30, { customerChoseTime: true })],
    });

    // By now the first run has continued as new; the request goes on in the next run.
    const firstStatus = async () =>
      (await h.env.client.workflow.getHandle(handle.workflowId, firstRun).describe()).status.name;
    for (let i = 0; i < 100 && (await firstStatus()) === 'RUNNING'; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await firstStatus()).toBe('CONTINUED_AS_NEW');
    const carried = await stateOf(handle);
    expect(carried).toMatchObject({
      status: 'scheduled',
      engineerId: 'ENG-001',
      visits: [{ no: 1, outcome: 'another_visit_needed' }],
    });
    expect(carried.history[0].action).toBe('received');
    expect(carried.clocks!.map((c) => `${c.name}:${c.outcome ?? 'running'}`)).toEqual([
      'dispatch:met',
      'arrival:met',
      'resolution:running',
    ]);

    await h.env.sleep(30 * HOUR); // reminders and the resumed clocks run in the new run
    const second = await stateOf(handle);
    expect(actionsOf(second).filter((a) => a === 'engineer_call_reminder_sent')).toHaveLength(2); // one per visit, none twice
    expect(actionsOf(second).filter((a) => a === 'appointment_reminder_sent')).toHaveLength(1);
    await act(handle, m.checkInUpdate, { args: [eng('ENG-001'), { identityShown: true }] });
    await act(handle, m.recordWorkUpdate, { args: [eng('ENG-001'), work] });
    await act(handle, m.signOffUpdate, { args: [eng('ENG-001'), { signedBy: 'Li Wei', satisfied: true }] });
    await h.env.sleep(25 * HOUR);
    await act(handle, m.recordFollowUpUpdate, {
      args: [agent, { punctuality: 9, attitude: 9, resolution: 9, overall: 9 }],
    });
    expect((await handle.result()).status).toBe('closed');
    const archived = await h.models.Archive.findById(requestNo).lean();
    const record = archived!.record as { visits: unknown[]; history: { action: string }[] };
    expect(record.visits).toHaveLength(2);
    expect(record.history.filter((x) => x.action === 'received')).toHaveLength(1); // nothing was redone
    const sent = (await outboxOf(h.models, requestNo)).filter(
      (x) => x === 'customer:request_received' || x === 'engineer:offer',
    );
    expect(sent).toEqual(['customer:request_received', 'engineer:offer']);
  });
});
