/** Baseline for the benchmark: the same number of activities and updates as a request, doing nothing. */
import { condition, defineUpdate, proxyActivities, setHandler } from '@temporalio/workflow';

export const bareStepUpdate = defineUpdate<number, [string]>('bareStep');
const { noop } = proxyActivities<{ noop(step: string): Promise<void> }>({ startToCloseTimeout: '10 seconds' });

export async function bareRequest(updates: number, activities: number): Promise<void> {
  let received = 0;
  let pendingActivities = activities;
  setHandler(bareStepUpdate, (step) => { received++; return received; }, { validator: (step) => { if (!step) throw new Error('no step'); } });
  // Spread the activities across the run like the real workflow's publisher does.
  await noop('start');
  pendingActivities--;
  let done = 0;
  while (pendingActivities > 0 || received < updates) {
    await condition(() => received > done || (received >= updates && pendingActivities > 0));
    done = received;
    if (pendingActivities > 0) { await noop(`step-${done}`); pendingActivities--; }
  }
}
