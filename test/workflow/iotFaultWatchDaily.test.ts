/**
 * The IoT fault watch's daily check on the time-skipping server (R-INTAKE-1), in a file (and so a test
 * server) of its own: that server stops skipping time now and then after the other watch tests, whose
 * requests outlive their watches, and this test sleeps through two days.
 */
import type { Actor } from '../../shared/common/actor';
import { iotWatchWorkflowId, type WatchedReport } from '../../shared/iot/messages';
import * as m from '../../shared/serviceRequest/messages';
import { serviceRequestWorkflowId } from '../../shared/serviceRequest/ids';
import type { iotFaultWatch, serviceRequest } from '../../workflows';
import { intakeBody } from '../setup/env';
import { agent, createHarness, HOUR, waitForReadModel, type Harness } from '../setup/workflowHarness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('test-iot-daily');
}, 120_000);
afterAll(async () => h?.teardown());

const monitoring: Actor = { role: 'service', id: 'scada' };
const watched = (faultCode: string, messageId: string): WatchedReport => ({
  report: {
    messageId,
    serialNumber: 'SWH-2025-0001',
    faultCode,
    severity: 'major',
    observedAt: new Date().toISOString(),
    readings: { tankTempC: 96.5 },
  },
  intake: intakeBody({ channel: 'iot', fault: { symptoms: `fault ${faultCode}`, faultCode } }) as any,
  by: monitoring,
  summaryTail: 'fault_repair · important · Li Wei · east',
  details: '**unit** SWH-2025-0001',
});
const startWatch = (faultCode: string, over: Partial<Parameters<typeof iotFaultWatch>[0]> = {}) =>
  h.env.client.workflow.start<typeof iotFaultWatch>('iotFaultWatch', {
    taskQueue: 'test-iot-daily',
    workflowId: iotWatchWorkflowId('SWH-2025-0001', faultCode),
    args: [{ serialNumber: 'SWH-2025-0001', faultCode, ...over }],
  });

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
