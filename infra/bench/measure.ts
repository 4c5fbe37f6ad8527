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

/** A JSON call to the API as a client makes it; anything but 2xx fails the run with the answer. */
/** Puts a new version of the `general` SLA policy through the API: the stored one changed by `change`. */
export async function changeGeneralPolicy(call: ReturnType<typeof apiCaller>, admin: string, change: (p: any) => void) {
  const {
    key: _k,
    version: _v,
    versions: _vs,
    changedBy: _c,
    changedAt: _a,
    ...body
  } = await call('GET', '/sla-policies/general', admin);
  change(body);
  await call('PUT', '/sla-policies/general', admin, body);
}

export function apiCaller(base: string) {
  return async (method: string, p: string, token: string, body?: unknown): Promise<any> => {
    const res = await fetch(base + p, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = (await res.json()) as any;
    if (res.status >= 300) throw new Error(`${method} ${p}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
}

/** The benchmarks' warranty repair intake (the seeded demo customer and unit). */
export const benchIntake = (symptoms = 'bench') => ({
  channel: 'api',
  kind: 'fault_repair',
  urgency: 'general',
  customerId: 'CUST-001',
  contactName: 'Li Wei',
  contactPhone: '+86 21 5555 0101',
  siteAddress: 'x',
  region: 'east',
  serialNumber: 'SWH-2025-0001',
  fault: { symptoms },
  selfChecks: { powerChecked: true, valvesChecked: true },
});

/** An appointment window two days ahead, agreed with the customer. */
export const benchAppointment = () => ({
  windowStart: new Date(Date.now() + 48 * 3_600_000).toISOString(),
  windowEnd: new Date(Date.now() + 50 * 3_600_000).toISOString(),
  estimatedDurationMinutes: 60,
  customerConsent: true,
});
