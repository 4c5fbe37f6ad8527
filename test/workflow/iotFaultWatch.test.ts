/**
 * The IoT fault watch on the time-skipping server (R-INTAKE-1): one request per unit and fault code while
 * it is open; the watch ends when that request is over (its workflow ends, or, after continue-as-new,
 * the daily check sees it past its visits: iotFaultWatchDaily.test.ts) and keeps its request across
 * continue-as-new.
 */
import { reportFaultUpdate } from '../../shared/iot/messages';
import * as m from '../../shared/serviceRequest/messages';
import { serviceRequestWorkflowId } from '../../shared/serviceRequest/ids';
import { watched, watchStarter } from '../setup/iotWatch';
import { agent, createHarness, stateOf, type Harness } from '../setup/workflowHarness';
import { recordFixture } from '../setup/fixtures';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('test-iot');
}, 120_000);
afterAll(async () => h?.teardown());

const startWatch = watchStarter(() => h, 'test-iot');
const request = (requestNo: string) => h.env.client.workflow.getHandle(serviceRequestWorkflowId(requestNo));

describe('IoT fault watch', () => {
  it('R-INTAKE-1 opens one request for the fault, adds later reports to it, and ends when the request is over', async () => {
    const watch = await startWatch('E21');
    const first = await watch.executeUpdate(reportFaultUpdate, { args: [watched('E21', 'a-1')] });
    expect(first.created).toBe(true);
    const second = await watch.executeUpdate(reportFaultUpdate, { args: [watched('E21', 'a-2')] });
    expect(second).toEqual({ requestNo: first.requestNo, created: false });

    const view = await stateOf(request(first.requestNo));
    expect(view.intake).toMatchObject({ channel: 'iot', fault: { faultCode: 'E21' } });
    expect(view.history.filter((e) => e.action === 'fault_reading').map((e) => e.detail?.messageId)).toEqual([
      'a-1',
      'a-2',
    ]);

    await request(first.requestNo).executeUpdate(m.cancelRequestUpdate, {
      args: [agent, { reason: 'reset by phone' }],
    });
    expect(await watch.result()).toEqual({ requestNo: first.requestNo, reports: 2 });
    // Let the cancelled request finish too: the time-skipping server stalls while a child outlives its parent.
    await request(first.requestNo).result();
    // Replay fixture: RECORD_HISTORY=1 npx jest test/workflow/iotFaultWatch -t "opens one request"
    await recordFixture('iotFaultWatch-one-request.history.b64', watch.fetchHistory());
  });

  it('R-INTAKE-1 keeps its request across continue-as-new', async () => {
    const watch = await startWatch('E30', { continueAfterEvents: 25 });
    const { requestNo } = await watch.executeUpdate(reportFaultUpdate, { args: [watched('E30', 'c-1')] });
    for (const n of [2, 3, 4, 5]) {
      const answer = await watch.executeUpdate(reportFaultUpdate, { args: [watched('E30', `c-${n}`)] });
      expect(answer).toEqual({ requestNo, created: false });
    }
    expect((await watch.describe()).runId).not.toBe(watch.firstExecutionRunId); // it continued as new
    const readings = (await stateOf(request(requestNo))).history.filter((e) => e.action === 'fault_reading');
    expect(readings).toHaveLength(5);
    // (Ended by hand: the time-skipping server stalls when a child outlives a parent run that continued as new.)
    await watch.terminate('test over');
    await request(requestNo).terminate('test over');
  });
});
