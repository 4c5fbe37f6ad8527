/**
 * KPIs with time skipping (R-RECORD-3): a request that finishes is counted once in its month, even when
 * its fact is reported again; a recurrence takes back the earlier request's first-time fix; each month
 * is one row.
 */
import type { KpiFact } from '../../shared/kpi/facts';
import { getKpiMonthQuery, kpiFactSignal, kpiFactsSignal, kpiMonthWorkflowId } from '../../shared/kpi/messages';
import * as m from '../../shared/serviceRequest/messages';
import { act, agent, createHarness, eng, HOUR, window, type Harness } from '../setup/workflowHarness';
import { recordFixture } from '../setup/fixtures';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('test-kpi');
}, 120_000);
afterAll(async () => h?.teardown());

const send = (f: KpiFact) =>
  h.env.client.workflow.signalWithStart('kpiMonth', {
    taskQueue: 'test-kpi',
    workflowId: kpiMonthWorkflowId(f.month),
    args: [{ month: f.month }],
    signal: kpiFactSignal,
    signalArgs: [f],
  });
const rowOf = async (month: string, ok: (r: any) => boolean) => {
  for (let i = 0; i < 100; i++) {
    const row = await h.models.KpiMonth.findById(month).lean();
    if (row && ok(row)) return row;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no KPI row for ${month}`);
};

describe('KPIs (time skipping)', () => {
  it('R-RECORD-3 a fact reported twice counts once; a recurrence takes the first-time fix back', async () => {
    const request: KpiFact = {
      type: 'request',
      ref: 'SR-X-1',
      month: '2020-03',
      region: 'east',
      engineerId: 'ENG-001',
      visits: 1,
      solved: true,
    };
    await send(request);
    await send(request); // a retried activity
    await send({ type: 'complaint', ref: 'CP-X-1', month: '2020-03' });
    await send({ type: 'recurrence', ref: 'SR-X-1', month: '2020-03', by: 'SR-X-2' });
    await send({ type: 'recurrence', ref: 'SR-X-1', month: '2020-03', by: 'SR-X-2' });
    const row = await rowOf('2020-03', (r) => r.version >= 3);
    expect(row.sums.all).toMatchObject({ requests: 1, solved: 1, firstTimeFix: 0, complaints: 1 });
    expect(row.sums.byEngineer['ENG-001']).toMatchObject({ requests: 1, firstTimeFix: 0 });
    const live = await h.env.client.workflow.getHandle(kpiMonthWorkflowId('2020-03')).query(getKpiMonthQuery);
    expect(live.all.requests).toBe(1);
    // Replay fixture (recorded at 1.0): RECORD_HISTORY=1 writes it when missing
    await recordFixture(
      'kpiMonth-facts.history.b64',
      h.env.client.workflow.getHandle(kpiMonthWorkflowId('2020-03')).fetchHistory(),
    );
  });

  it('R-RECORD-3 a batch of facts counts each once, also when the batch is sent again', async () => {
    const facts: KpiFact[] = [
      {
        type: 'request',
        ref: 'SR-B-1',
        month: '2020-04',
        region: 'east',
        engineerId: 'ENG-001',
        visits: 1,
        solved: true,
      },
      {
        type: 'request',
        ref: 'SR-B-2',
        month: '2020-04',
        region: 'east',
        engineerId: 'ENG-002',
        visits: 2,
        solved: true,
      },
      { type: 'complaint', ref: 'CP-B-1', month: '2020-04' },
    ];
    const batch = (signalArgs: [KpiFact[]]) =>
      h.env.client.workflow.signalWithStart('kpiMonth', {
        taskQueue: 'test-kpi',
        workflowId: kpiMonthWorkflowId('2020-04'),
        args: [{ month: '2020-04' }],
        signal: kpiFactsSignal,
        signalArgs,
      });
    await batch([facts]);
    await batch([facts]); // sent again
    await batch([[{ type: 'recurrence', ref: 'SR-B-1', month: '2020-04', by: 'SR-B-3' }]]);
    await batch([[{ type: 'recurrence', ref: 'SR-B-1', month: '2020-04', by: 'SR-B-3' }]]);
    const row = await rowOf('2020-04', (r) => r.sums.all.requests === 2 && r.sums.all.firstTimeFix === 0);
    expect(row.sums.all).toMatchObject({ requests: 2, solved: 2, firstTimeFix: 0, complaints: 1 });
    await recordFixture(
      'kpiMonth-batches.history.b64',
      h.env.client.workflow.getHandle(kpiMonthWorkflowId('2020-04')).fetchHistory(),
    );
  });

  it('R-RECORD-3 a request that finishes counts itself in the month it was signed off', async () => {
    const handle = await h.start();
    const engineer = eng('ENG-001');
    await act(handle, m.acceptOfferUpdate, { args: [engineer] });
    await act(handle, m.agreeAppointmentUpdate, { args: [engineer, window(await h.env.currentTimeMs(), 2)] });
    await h.env.sleep(2 * HOUR);
    await act(handle, m.checkInUpdate, { args: [engineer, { identityShown: true }] });
    await act(handle, m.recordDiagnosisUpdate, {
      args: [engineer, { faultConfirmedWithCustomer: true, faultClass: 'hardware', findings: 'sensor failed' }],
    });
    await act(handle, m.recordWorkUpdate, {
      args: [
        engineer,
        {
          actions: 'replaced sensor',
          functionalTestPassed: true,
          demonstratedToCustomer: true,
          cleanedUp: true,
          advice: 'descale yearly',
        },
      ],
    });
    const signed = await act(handle, m.signOffUpdate, { args: [engineer, { signedBy: 'Li Wei', satisfied: true }] });
    await h.env.sleep(25 * HOUR);
    await act(handle, m.recordFollowUpUpdate, {
      args: [agent, { punctuality: 9, attitude: 9, resolution: 9, overall: 9 }],
    });
    expect((await handle.result()).status).toBe('closed');
    const month = signed.signOff!.at.slice(0, 7);
    const row = await rowOf(month, (r) => r.sums.all.requests >= 1);
    expect(row.sums.all).toMatchObject({
      requests: 1,
      solved: 1,
      firstTimeFix: 1,
      surveyed: 1,
      satisfied: 1,
      arrivalN: 1,
    });
    expect(row.sums.byRegion.east.requests).toBe(1);
    // Replay fixture (recorded at 1.0): RECORD_HISTORY=1 writes it when missing
    await recordFixture('serviceRequest-kpi.history.b64', handle.fetchHistory());
  });
});
