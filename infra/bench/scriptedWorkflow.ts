/**
 * The faithful baseline (`npm run bench`): a workflow that issues the commands a recorded request issued
 * (requestScript.ts), step by step, each step after what woke the request's own task: the same activities
 * (no-ops taking and returning as many bytes), local activities, timers, cancellations and search-attribute
 * upserts with the same values, updates answered with results of the same size, a query for the client.
 */
import {
  CancellationScope,
  condition,
  defineQuery,
  defineUpdate,
  isCancellation,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  sleep,
  upsertSearchAttributes,
  type SearchAttributes,
} from '@temporalio/workflow';
import type { RequestScript, SearchAttributeValue, Wake } from './requestScript';

export const scriptedStepUpdate = defineUpdate<string, [string]>('scriptedStep');
/** How far the script has got, padded to the size of the request's state query. */
export const scriptedStateQuery = defineQuery<{ steps: number; pad: string }>('scriptedState');

type Noop = { noop(input: string, resultBytes: number): Promise<string> };
const remote = proxyActivities<Noop>({ startToCloseTimeout: '10 seconds', retry: { maximumAttempts: 3 } });
const local = proxyLocalActivities<Noop>({ startToCloseTimeout: '10 seconds', retry: { maximumAttempts: 3 } });

const pad = (bytes: number) => 'x'.repeat(Math.max(0, bytes - 2)); // a JSON string's quotes count too

function untyped(values: SearchAttributeValue[]): SearchAttributes {
  return Object.fromEntries(
    values.map(({ name, type, value }) => {
      const list = value === null ? [] : Array.isArray(value) ? value : [value];
      return [name, type === 'Datetime' ? list.map((v) => new Date(String(v))) : list];
    }),
  ) as SearchAttributes;
}

export async function scriptedRequest(script: RequestScript, queryBytes: number): Promise<void> {
  let updates = 0;
  let done = 0;
  setHandler(scriptedStepUpdate, () => pad(script.updates[updates++]?.[1] ?? 0), {
    validator: (step) => {
      if (!step) throw new Error('no step');
    },
  });
  setHandler(scriptedStateQuery, () => ({ steps: done, pad: pad(queryBytes) }));

  const activities: Promise<string>[] = [];
  const timers: { fired: Promise<void>; scope: CancellationScope }[] = [];
  const woken = async (w: Wake) => {
    if ('update' in w) await condition(() => updates > w.update);
    else if ('activity' in w) await activities[w.activity];
    else await timers[w.timer]?.fired;
  };
  for (const step of script.steps) {
    for (const w of step.after) await woken(w);
    for (const ms of step.timers) {
      const scope = new CancellationScope();
      const fired = scope
        .run(() => sleep(ms))
        .catch((err) => {
          if (!isCancellation(err)) throw err;
        });
      timers.push({ fired, scope });
    }
    for (const k of step.cancels) timers[k]?.scope.cancel();
    for (const values of step.upserts) upsertSearchAttributes(untyped(values));
    for (const [input, result] of step.activities) activities.push(remote.noop(pad(input), result));
    await Promise.all(step.locals.map(([input, result]) => local.noop(pad(input), result)));
    done++;
  }
  await Promise.all(activities);
}
