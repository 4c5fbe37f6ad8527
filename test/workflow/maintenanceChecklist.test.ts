/**
 * A maintenance request with time skipping (R-MAINT-1): it carries its plan's checklist; the assigned
 * engineer records it item by item (done, not applicable, a defect with a note); the work waits until
 * every item has a result.
 */
import * as m from '../../shared/serviceRequest/messages';
import { serviceRequestWorkflowId } from '../../shared/serviceRequest/ids';
import type { maintenanceTick, serviceRequest } from '../../workflows';
import { intakeBody } from '../setup/env';
import { recordFixture } from '../setup/fixtures';
import {
  act,
  agent,
  causeOf,
  createHarness,
  eng,
  HOUR,
  outboxOf,
  stateOf,
  waitFor,
  type Harness,
  diagnosedBy,
} from '../setup/workflowHarness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('test-maint');
}, 120_000);
afterAll(async () => h?.teardown());

const engineer = eng('ENG-001');
const checklist = [
  { item: 'clean the collector tubes', kind: 'cleaning' as const },
  { item: 'check the anode', kind: 'inspection' as const },
  { item: 'calibrate the sensor', kind: 'calibration' as const },
];

describe('maintenance checklist (time skipping)', () => {
  it('R-MAINT-1 the engineer records the checklist item by item; the work waits for every item', async () => {
    const handle = await h.start(
      { kind: 'maintenance', urgency: 'general', fault: { symptoms: 'preventive maintenance' } },
      { maintenance: { planId: 'MP-TEST0001', dueDate: '2026-12-01', checklist } },
    );
    await diagnosedBy(h, handle, engineer, 'routine maintenance');
    const record = (
      items: { item: string; result: 'done' | 'not_applicable' | 'defect'; note?: string }[],
      by = engineer,
    ) => handle.executeUpdate(m.recordChecklistUpdate, { args: [by, { items }] });

    await expect(causeOf(record([{ item: 'polish the roof', result: 'done' }]))).resolves.toMatchObject({
      message: expect.stringContaining('not on this request'),
    });
    await expect(causeOf(record([{ item: 'check the anode', result: 'defect' }]))).resolves.toMatchObject({
      message: expect.stringContaining('a defect needs a note'),
    });
    await expect(causeOf(record([{ item: 'check the anode', result: 'done' }], eng('ENG-002')))).resolves.toMatchObject(
      {
        type: 'Forbidden',
      },
    );
    await record([
      { item: 'clean the collector tubes', result: 'done' },
      { item: 'check the anode', result: 'defect', note: 'anode worn to 20 %' },
    ]);
    const work = {
      actions: 'cleaned, checked',
      functionalTestPassed: true,
      demonstratedToCustomer: true,
      cleanedUp: true,
      advice: 'replace the anode',
    };
    await expect(causeOf(act(handle, m.recordWorkUpdate, { args: [engineer, work] }))).resolves.toMatchObject({
      message: 'record the maintenance checklist first; still open: calibrate the sensor',
    });
    await record([{ item: 'calibrate the sensor', result: 'not_applicable', note: 'no sensor on this model' }]);
    const done = await act(handle, m.recordWorkUpdate, { args: [engineer, work] });
    expect(done.status).toBe('work_done');
    const v = await stateOf(handle);
    expect(v.maintenance!.checklist.map((c) => [c.item, c.result])).toEqual([
      ['clean the collector tubes', 'done'],
      ['check the anode', 'defect'],
      ['calibrate the sensor', 'not_applicable'],
    ]);
    expect(v.history.filter((e) => e.action === 'defect_found').map((e) => e.detail)).toEqual([
      { item: 'check the anode', note: 'anode worn to 20 %' },
    ]);
    await act(handle, m.cancelRequestUpdate, { args: [agent, { reason: 'test over' }] }).catch(() => undefined);
  });

  it('R-MAINT-1 maintenance not done by its due date is escalated to the supervisor, once', async () => {
    const requestNo = 'SR-20261122-0502';
    const due = new Date((await h.env.currentTimeMs()) + 86_400_000).toISOString().slice(0, 10);
    const handle = await h.env.client.workflow.start<typeof serviceRequest>('serviceRequest', {
      taskQueue: 'test-maint',
      workflowId: serviceRequestWorkflowId(requestNo),
      args: [
        {
          requestNo,
          intake: intakeBody({
            kind: 'maintenance',
            urgency: 'general',
            fault: { symptoms: 'preventive maintenance' },
          }) as any,
          receivedBy: { role: 'service', id: 'plan:MP-TEST0002' },
          maintenance: { planId: 'MP-TEST0002', dueDate: due, checklist },
        },
      ],
    });
    await waitFor(handle, (s) => s.status === 'offered');
    await act(handle, m.acceptOfferUpdate, { args: [engineer] });
    await h.env.sleep(3 * 24 * HOUR);
    const v = await stateOf(handle);
    expect(v.history.filter((e) => e.action === 'maintenance_overdue').map((e) => e.detail)).toEqual([
      { dueDate: due, status: 'assigned' },
    ]);
    for (let i = 0; i < 50 && !(await outboxOf(h.models, requestNo)).includes('supervisor:maintenance_overdue'); i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(await outboxOf(h.models, requestNo)).toContain('supervisor:maintenance_overdue');
    await act(handle, m.cancelRequestUpdate, { args: [agent, { reason: 'test over' }] }).catch(() => undefined);
  });

  // Last in this file: its occurrence outlives the tick that started it, and the time-skipping server
  // then stalls time for the rest of the file (the real server does not).
  it('R-MAINT-1 a tick opens one occurrence per unit and due date; a second tick for that date opens nothing', async () => {
    await h.models.MaintenancePlan.create({
      _id: 'MP-TICK0001',
      planId: 'MP-TICK0001',
      serialNumber: 'SWH-2025-0001',
      customerId: 'CUST-001',
      region: 'east',
      everyMonths: 6,
      leadDays: 14,
      firstDue: '2026-12-01',
      checklist,
      status: 'active',
      version: 1,
    });
    const tick = (id: string) =>
      h.env.client.workflow.execute<typeof maintenanceTick>('maintenanceTick', {
        taskQueue: 'test-maint',
        workflowId: id,
        args: [{ planId: 'MP-TICK0001', notBefore: '2026-11-20' }],
      });
    expect(await tick('maintenance-tick:MP-TICK0001-a')).toEqual({
      due: '2026-12-01',
      opened: ['SWH-2025-0001'],
      already: [],
      skipped: [],
    });
    expect(await tick('maintenance-tick:MP-TICK0001-b')).toEqual({
      due: '2026-12-01',
      opened: [],
      already: ['SWH-2025-0001'],
      skipped: [],
    });
    const occurrence = h.env.client.workflow.getHandle('maintenance:MP-TICK0001:SWH-2025-0001:2026-12-01');
    // Replay fixture: RECORD_HISTORY=1 npx jest test/workflow/maintenanceChecklist -t "a tick opens"
    await recordFixture(
      'maintenanceTick-opened.history.b64',
      h.env.client.workflow.getHandle('maintenance-tick:MP-TICK0001-a').fetchHistory(),
    );
    // Replay fixture (recorded at 1.0): RECORD_HISTORY=1 writes it when missing
    await recordFixture('maintenanceOccurrence-opened.history.b64', occurrence.fetchHistory());
    await occurrence.terminate('test over');
  });
});
