/**
 * The publisher loop shared by the workflows: every state change bumps a sequence number; this loop
 * publishes each change in order (coalescing changes that arrive together) through `publish`, and
 * `drain` waits for the last one before the workflow ends.
 */
import { condition } from '@temporalio/workflow';

export function publishInOrder(
  seqOf: () => number,
  /** Publishes everything after `since` (the last sequence number published). */
  publish: (since: number) => Promise<void>,
  alreadyPublished = 0,
): { drain(): Promise<void> } {
  let published = alreadyPublished;
  let stop = false;
  const loop = (async () => {
    for (;;) {
      await condition(() => seqOf() > published || stop);
      if (seqOf() <= published) return;
      const seq = seqOf();
      await publish(published);
      published = seq;
    }
  })();
  return {
    drain: async () => {
      stop = true;
      await loop;
    },
  };
}
