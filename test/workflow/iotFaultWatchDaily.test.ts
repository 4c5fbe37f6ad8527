/**
 * The IoT fault watch's daily check on the time-skipping server (R-INTAKE-1), in a file (and so a test
 * server) of its own: that server stops skipping time now and then after the other watch tests, whose
 * requests outlive their watches, and this test sleeps through two days.
 */
import * as m from '../../shared/serviceRequest/messages';
import { serviceRequestWorkflowId } from '../../shared/serviceRequest/ids';
import type { serviceRequest } from '../../workflows';
import { monitoring, watched, watchStarter } from '../setup/iotWatch';
import { agent, createHarness, HOUR, waitForReadModel, type Harness } from '../setup/workflowHarness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('test-iot-daily');
}, 120_000);
afterAll(async () => h?.teardown());

const startWatch = watchStarter(() => h, 'test-iot-daily');

describe('IoT fault watch, daily check', () => {
  it('R-INTAKE-1 after continue-as-new, the daily check ends the watch once its request is over', async () => {
    const requestNo = 'SR-20261122-0777';
    const req = await h.env.client.workflow.start<typeof serviceRequest>('serviceRequest', {
      taskQueue: 'test-iot-daily',
      workflowId: serviceRequestWorkflowId(requestNo),
      args: [{ requestNo, intake: watched('E40', 'd-1').intake, receivedBy: monitoring }],
    });
    await waitForReadModel(h.models, requestNo, (d) => d.status === 'offered');
    const watch = await startWatch('E40', { requestNo, reports: 7 }); // as a later run of the watch starts
    await h.env.sleep(2 * 24 * HOUR);
    expect((await watch.describe()).status.name).toBe('RUNNING'); // the request is still open
    await req.executeUpdate(m.cancelRequestUpdate, { args: [agent, { reason: 'fixed remotely' }] });
    await waitForReadModel(h.models, requestNo, (d) => d.status === 'cancelled');
    await h.env.sleep(25 * HOUR); // the next daily check
    expect(await watch.result()).toEqual({ requestNo, reports: 7 });
  });
});
