/** What the benchmarks share: percentiles, a bounded pool, printing, and workflow task durations from history. */
import type { Client } from '@temporalio/client';

export type Samples = Record<string, number[]>;

export const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

/** Runs `one(0..n-1)` with at most `c` at a time. */
export async function pool(n: number, c: number, one: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: c }, async () => {
      while (next < n) await one(next++);
    }),
  );
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function printRow(name: string, xs: number[]): void {
  const f = (p: number) => pct(xs, p).toFixed(1).padStart(7);
  console.log(
    `  ${name.padEnd(26)} n=${String(xs.length).padStart(5)}  p50 ${f(50)} ms  p95 ${f(95)} ms  p99 ${f(99)} ms`,
  );
}

/** Each workflow task's duration (started → completed) in the given workflows' histories, in ms. */
export async function workflowTaskDurations(client: Client, workflowIds: string[]): Promise<number[]> {
  const out: number[] = [];
  for (const id of workflowIds) {
    const { events } = await client.workflow.getHandle(id).fetchHistory();
    let started: number | undefined;
    for (const e of events ?? []) {
      const at = Number(e.eventTime?.seconds ?? 0) * 1000 + Math.floor((e.eventTime?.nanos ?? 0) / 1e6);
      if (e.workflowTaskStartedEventAttributes) started = at;
      if (e.workflowTaskCompletedEventAttributes && started !== undefined) out.push(at - started);
    }
  }
  return out;
}
