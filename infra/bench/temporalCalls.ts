/**
 * Counts the client's calls to Temporal by method (and the bytes of query answers), so the baseline's client
 * can make as many as the services made for a request, and the report can show both.
 */
import type { Connection } from '@temporalio/client';

export interface CallCounts {
  calls: Record<string, number>;
  queryBytes: number;
}

export function countCalls(connection: Connection): CallCounts {
  const counts: CallCounts = { calls: {}, queryBytes: 0 };
  const service = connection.workflowService as unknown as Record<string, (...args: unknown[]) => Promise<any>>;
  for (const [name, fn] of Object.entries(service)) {
    if (typeof fn !== 'function') continue;
    service[name] = async (...args: unknown[]) => {
      counts.calls[name] = (counts.calls[name] ?? 0) + 1;
      const res = await fn.apply(service, args);
      if (name === 'queryWorkflow')
        for (const p of res?.queryResult?.payloads ?? []) counts.queryBytes += p.data?.length ?? 0;
      return res;
    };
  }
  return counts;
}

/** Calls per unit of work, as `method n` pairs, largest first. */
export function perUnit(counts: Record<string, number>, units: number): string {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${(v / units).toFixed(1)}`)
    .join(', ');
}

/** A snapshot to subtract from later (counts keep growing). */
export const snapshot = (c: CallCounts): CallCounts => ({ calls: { ...c.calls }, queryBytes: c.queryBytes });
export const since = (before: CallCounts, after: CallCounts): CallCounts => ({
  calls: Object.fromEntries(Object.entries(after.calls).map(([k, v]) => [k, v - (before.calls[k] ?? 0)])),
  queryBytes: after.queryBytes - before.queryBytes,
});
