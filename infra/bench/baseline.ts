/**
 * `npm run bench`'s faithful baseline: N workflows that issue the commands of a request recorded in the same
 * run (requestScript.ts), on a worker process of their own, driven by a client that makes as many queries
 * and updates per request as the services made, at the same concurrency, polling as the HTTP client polls.
 */
import type { Client } from '@temporalio/client';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { pool, sleep, type Samples } from './measure';
import type { RequestScript } from './requestScript';
import { scriptedStateQuery, scriptedStepUpdate } from './scriptedWorkflow';

export interface BaselineOptions {
  client: Client;
  env: Record<string, string | undefined>;
  script: RequestScript;
  /** Client queries per request the services made, and the bytes of one answer. */
  queries: number;
  queryBytes: number;
  n: number;
  concurrency: number;
  pollMs: number;
}

const TASK_QUEUE = 'bench-scripted';

/** Starts the baseline's worker process; `stop` ends it. */
export async function startScriptedWorker(env: Record<string, string | undefined>) {
  const worker = spawn(process.execPath, ['--require', 'tsx/cjs', path.join(__dirname, 'scriptedWorker.ts')], {
    env: { ...env, BENCH_TASK_QUEUE: TASK_QUEUE },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the scripted worker did not start in 120 s')), 120_000);
    worker.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('scripted worker ready')) resolve(clearTimeout(timer));
    });
    worker.once('exit', (code) => reject(new Error(`the scripted worker exited with ${code}`)));
  });
  return worker;
}

function startAttributes(script: RequestScript) {
  return Object.fromEntries(
    script.startAttributes.map(({ name, type, value }) => {
      const list = value === null ? [] : Array.isArray(value) ? value : [value];
      return [name, type === 'Datetime' ? list.map((v) => new Date(String(v))) : list];
    }),
  );
}

/** Runs the baseline; returns its samples and the ids of its workflows. */
export async function runBaseline(o: BaselineOptions): Promise<{ samples: Samples; ids: string[] }> {
  const samples: Samples = {};
  const ids: string[] = [];
  const ready = o.script.steps.findIndex((s) => s.after.some((w) => 'update' in w)); // the "offered" point
  const time = async <T>(name: string, f: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await f();
    } finally {
      (samples[name] ??= []).push(performance.now() - t0);
    }
  };
  await pool(o.n, o.concurrency, async (i) => {
    const workflowId = `scripted-${Date.now()}-${i}`;
    const h = await time('start', () =>
      o.client.workflow.start('scriptedRequest', {
        taskQueue: TASK_QUEUE,
        workflowId,
        args: [o.script, o.queryBytes],
        searchAttributes: startAttributes(o.script) as never,
      }),
    );
    let queries = 0;
    for (;;) {
      queries++;
      const state = await time('query', () => h.query(scriptedStateQuery));
      if (state.steps >= ready) break;
      await sleep(o.pollMs);
    }
    for (const [k, [argBytes]] of o.script.updates.entries()) {
      // The services read the request's state before some steps: as many queries as they made, spread out.
      if (queries < o.queries) {
        queries++;
        await time('query', () => h.query(scriptedStateQuery));
      }
      await time('update', () => h.executeUpdate(scriptedStepUpdate, { args: [`${k}:${'x'.repeat(argBytes)}`] }));
    }
    await h.result();
    ids.push(workflowId);
  });
  return { samples, ids };
}
