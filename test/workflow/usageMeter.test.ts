/**
 * The usage meter on the time-skipping server (R-ASSET-2): readings one at a time, a threshold opened
 * once, a counter that goes back refused — and all of it kept across continue-as-new.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { usageMeterWorkflowId } from '../../shared/maintenance/ids';
import { reportUsageUpdate, meterQuery } from '../../shared/maintenance/messages';
import type { usageMeter } from '../../workflows';
import { recordFixture } from '../setup/fixtures';
import { createHarness, type Harness } from '../setup/workflowHarness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('test-usage');
  await h.models.MaintenancePlan.create({
    _id: 'MP-USAGE01',
    planId: 'MP-USAGE01',
    serialNumber: 'WT-2023-0042',
    customerId: 'CUST-004',
    region: 'north',
    leadDays: 7,
    usage: { counter: 'runningHours', every: 1000, from: 0, openBefore: 0 },
    checklist: [{ item: 'change the gearbox oil', kind: 'other' }],
    status: 'active',
    version: 1,
  });
}, 120_000);
afterAll(async () => h?.teardown());

const startMeter = (counter: string, continueAfterEvents?: number) =>
  h.env.client.workflow.start<typeof usageMeter>('usageMeter', {
    taskQueue: 'test-usage',
    workflowId: usageMeterWorkflowId('WT-2023-0042', counter),
    args: [
      { serialNumber: 'WT-2023-0042', counter, readings: 0, ...(continueAfterEvents ? { continueAfterEvents } : {}) },
    ],
  });
const t = (n: number) => new Date(Date.UTC(2026, 11, 1, n)).toISOString();
const endAll = async (ids: string[]) =>
  Promise.all(
    ids.map((id) =>
      h.env.client.workflow
        .getHandle(id)
        .terminate('test over')
        .catch(() => undefined),
    ),
  );

describe('usage meter', () => {
  it('R-ASSET-2 opens the threshold it reaches once and refuses a counter that goes back', async () => {
    const meter = await startMeter('runningHours');
    const read = (value: number, hour: number) =>
      meter.executeUpdate(reportUsageUpdate, { args: [{ value, observedAt: t(hour) }] });
    expect((await read(400, 1)).opened).toEqual([]);
    const first = await read(1010, 2);
    expect(first.opened).toEqual([{ planId: 'MP-USAGE01', threshold: 1000, occurrenceId: expect.any(String) }]);
    expect((await read(1200, 3)).opened).toEqual([]);
    await expect(read(900, 4)).rejects.toThrow(WorkflowUpdateFailedError);
    expect(await read(300, 0)).toMatchObject({ late: true, highest: 1200 });
    expect(await meter.query(meterQuery)).toMatchObject({ highest: 1200, readings: 3, observedAt: t(3) });
    // Replay fixture: RECORD_HISTORY=1 npx jest test/workflow/usageMeter -t "opens the threshold"
    await recordFixture('usageMeter-opened.history.b64', meter.fetchHistory());
    await endAll([meter.workflowId, first.opened[0].occurrenceId]);
  });

  it('R-ASSET-2 keeps its highest reading across continue-as-new', async () => {
    const meter = await startMeter('starts', 20);
    for (const [value, hour] of [
      [10, 1],
      [20, 2],
      [30, 3],
      [40, 4],
    ])
      await meter.executeUpdate(reportUsageUpdate, { args: [{ value, observedAt: t(hour) }] });
    expect((await meter.describe()).runId).not.toBe(meter.firstExecutionRunId);
    await expect(meter.executeUpdate(reportUsageUpdate, { args: [{ value: 35, observedAt: t(5) }] })).rejects.toThrow(
      WorkflowUpdateFailedError,
    );
    expect(await meter.query(meterQuery)).toMatchObject({ highest: 40, readings: 4 });
    await endAll([meter.workflowId]);
  });
});
