/** What the IoT fault watch's workflow tests share: a monitoring system's report, and starting a watch. */
import type { Actor } from '../../shared/common/actor';
import { iotWatchWorkflowId, type WatchedReport } from '../../shared/iot/messages';
import type { iotFaultWatch } from '../../workflows';
import { intakeBody } from './env';
import type { Harness } from './workflowHarness';

export const monitoring: Actor = { role: 'service', id: 'scada' };

export const watched = (faultCode: string, messageId: string): WatchedReport => ({
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

/** Starts the watch of unit SWH-2025-0001 for a fault code on the harness's task queue. */
export const watchStarter =
  (h: () => Harness, taskQueue: string) =>
  (faultCode: string, over: Partial<Parameters<typeof iotFaultWatch>[0]> = {}) =>
    h().env.client.workflow.start<typeof iotFaultWatch>('iotFaultWatch', {
      taskQueue,
      workflowId: iotWatchWorkflowId('SWH-2025-0001', faultCode),
      args: [{ serialNumber: 'SWH-2025-0001', faultCode, ...over }],
    });
