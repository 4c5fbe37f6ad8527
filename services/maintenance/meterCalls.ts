/**
 * Talking to a unit's usage meter (R-ASSET-2): a reading by update-with-start (the meter starts with its first
 * reading; the same message again gets the first answer), and the reset of a replaced or zeroed meter.
 */
import { WithStartWorkflowOperation, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { Client } from '@temporalio/client';
import { usageMeterWorkflowId } from '../../shared/maintenance/ids';
import { reportUsageUpdate, resetMeterUpdate, type MeterReset } from '../../shared/maintenance/messages';
import type { Config } from '../../shared/runtime/config';
import type { usageMeter } from '../../workflows';
import { HttpError } from '../http/errors';

export interface MeterReading {
  serialNumber: string;
  counter: string;
  value: number;
  observedAt: string;
  messageId: string;
}

export function meterCalls(client: Client, config: Config) {
  async function report(r: MeterReading) {
    const meterId = usageMeterWorkflowId(r.serialNumber, r.counter);
    const start = new WithStartWorkflowOperation<typeof usageMeter>('usageMeter', {
      workflowId: meterId,
      taskQueue: config.taskQueue,
      args: [{ serialNumber: r.serialNumber, counter: r.counter, readings: 0 }],
      workflowIdConflictPolicy: 'USE_EXISTING',
      staticSummary: `usage meter ${r.counter} of ${r.serialNumber} · opens maintenance by usage`,
    });
    try {
      const answer = await client.workflow.executeUpdateWithStart(reportUsageUpdate, {
        args: [{ value: r.value, observedAt: new Date(r.observedAt).toISOString() }],
        updateId: `usage:${r.messageId}`,
        startWorkflowOperation: start,
      });
      return { meterId, ...answer };
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError && /CounterWentBack/.test(String((err.cause as any)?.type)))
        throw new HttpError(409, err.cause!.message);
      throw err;
    }
  }

  async function reset(serialNumber: string, counter: string, x: MeterReset) {
    try {
      return await client.workflow
        .getHandle(usageMeterWorkflowId(serialNumber, counter))
        .executeUpdate(resetMeterUpdate, {
          args: [x],
        });
    } catch (err) {
      if (err instanceof WorkflowNotFoundError)
        throw new HttpError(404, `unit ${serialNumber} has no ${counter} meter: nothing was ever reported`);
      if (err instanceof WorkflowUpdateFailedError) throw new HttpError(409, err.cause?.message ?? err.message);
      throw err;
    }
  }
  return { report, reset };
}
