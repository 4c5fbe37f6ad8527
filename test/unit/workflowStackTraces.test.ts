/**
 * infra/workflowStackTraces.ts (decision 0010): preloaded by every way the worker is started, it keeps the
 * SDK's promise hook out of the worker's threads unless WORKFLOW_STACK_TRACES=on, and leaves the main thread
 * alone. Each case runs a real Node process with the preload and a worker thread that tries to install a
 * promise hook, as the SDK's workflow thread does.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { workerNodeFlags } from '../../infra/processes';

const ROOT = path.join(__dirname, '..', '..');
const PRELOAD = './infra/workflowStackTraces.ts';

const probe = `
const { Worker } = require('node:worker_threads');
const inThread = \`
  const { AsyncLocalStorage } = require('node:async_hooks');
  const { globalHandlers } = require('@temporalio/worker/lib/workflow/vm-shared');
  globalHandlers.install(); // what the SDK's workflow thread does first
  const als = new AsyncLocalStorage();
  als.run('kept', async () => {
    await null;
    require('node:worker_threads').parentPort.postMessage({
      sdkHook: globalHandlers.promiseHookInstalled ? 'installed' : 'refused',
      asyncLocalStorage: als.getStore(),
    });
  });
\`;
const main = (() => { try { require('node:v8').promiseHooks.createHook({}); return 'installed' } catch { return 'refused' } })();
const w = new Worker(inThread, { eval: true });
w.once('message', (thread) => { console.log(JSON.stringify({ main, ...thread })); process.exit(0); });
`;

function run(env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--require', 'tsx/cjs', '--require', PRELOAD, '-e', probe], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  return JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}');
}

it('R-INTEGRATE-1 the worker threads run without the promise hook unless stack traces are asked for', () => {
  // Node's own promise hooks still work there (AsyncLocalStorage keeps its store across an await).
  const kept = { main: 'installed', asyncLocalStorage: 'kept' };
  expect(run({ WORKFLOW_STACK_TRACES: '' })).toEqual({ ...kept, sdkHook: 'refused' });
  expect(run({ WORKFLOW_STACK_TRACES: 'on' })).toEqual({ ...kept, sdkHook: 'installed' });
});

it('R-INTEGRATE-1 every way of starting the worker preloads it', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  expect(pkg.scripts.worker).toContain(`--require ${PRELOAD}`);
  expect(pkg.scripts.start).toContain(`--require ${PRELOAD}`);
  const unit = fs.readFileSync(path.join(ROOT, 'infra', 'deploy', 'aftersales-worker@.service'), 'utf8');
  expect(unit).toMatch(new RegExp(`^ExecStart=.*--require ${PRELOAD.replace(/\./g, '\\.')} infra/worker\\.ts$`, 'm'));
  // The benchmarks, the cluster profile and the process tests start it with these flags.
  expect(workerNodeFlags(ROOT)).toEqual(expect.arrayContaining(['--require', path.join(ROOT, PRELOAD)]));
  for (const f of ['infra/bench/system.ts', 'infra/cluster/parts.ts', 'test/setup/processHarness.ts'])
    expect(fs.readFileSync(path.join(ROOT, f), 'utf8')).toContain('workerNodeFlags(');
});
