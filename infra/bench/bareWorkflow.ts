/** Baseline for the benchmark: the same number of activities and updates as a request, doing nothing. */
import { condition, defineUpdate, proxyActivities, proxyLocalActivities, setHandler } from '@temporalio/workflow';

export const bareStepUpdate = defineUpdate<number, [string]>('bareStep');
const { noop } = proxyActivities<{ noop(step: string): Promise<void> }>({ startToCloseTimeout: '10 seconds' });
const local = proxyLocalActivities<{ noop(step: string): Promise<void> }>({ startToCloseTimeout: '10 seconds' });

/** Mirrors a request's shape: local activities side by side at the start, then the others spread over the updates. */
export async function bareRequest(updates: number, activities: number, localActivities = 0): Promise<void> {
  let received = 0;
  let pendingActivities = activities;
  setHandler(
    bareStepUpdate,
    (_step) => {
      received++;
      return received;
    },
    {
      validator: (step) => {
        if (!step) throw new Error('no step');
      },
    },
  );
  await Promise.all([noop('start'), ...Array.from({ length: localActivities }, (_, i) => local.noop(`local-${i}`))]);
  pendingActivities--;
  let done = 0;
  while (pendingActivities > 0 || received < updates) {
    await condition(() => received > done || (received >= updates && pendingActivities > 0));
    done = received;
    if (pendingActivities > 0) {
      await noop(`step-${done}`);
      pendingActivities--;
    }
  }
}
