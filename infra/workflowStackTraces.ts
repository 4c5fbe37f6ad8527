/**
 * Preloaded by the worker process (`--require`, after tsx/cjs) so that it runs in the SDK's workflow threads
 * too, which inherit the process's preloads. Unless WORKFLOW_STACK_TRACES=on, it keeps the SDK from installing
 * its promise hook there. That hook captures a stack, mapped through the bundle's source map, for every promise
 * a workflow creates, only so that the Temporal UI's "Stack Trace" tab can show where a run waits: measured in
 * `npm run bench`, a third of the workflow threads' CPU (docs/decisions/0010-workflow-stack-traces-off.md).
 * Without it the SDK disables stack-trace collection, as it does where promise hooks do not exist, and answers
 * that query with "Workflow stack traces are not enabled on this worker"; each run's current details in the
 * UI (workflows/serviceRequest/publishing.ts) still say its status and what it waits on.
 */
import v8 from 'node:v8';
import { isMainThread } from 'node:worker_threads';

if (!isMainThread && process.env.WORKFLOW_STACK_TRACES !== 'on') {
  // The same function installs Node's own promise hooks (AsyncLocalStorage): only the SDK's call is refused.
  const createHook = v8.promiseHooks.createHook;
  v8.promiseHooks.createHook = (hooks) => {
    if (/@temporalio[\\/]worker[\\/](lib|src)[\\/]workflow[\\/]vm-shared\.[jt]s/.test(new Error().stack ?? ''))
      throw new Error('workflow stack traces are off');
    return createHook(hooks);
  };
  // The SDK then says the hooks are "not available", which would send an operator looking for a broken Node.
  const warn = console.warn.bind(console);
  console.warn = (...args: unknown[]) =>
    String(args[0]).startsWith('v8.promiseHooks.createHook is not available')
      ? warn('workflow stack traces are off in this worker (WORKFLOW_STACK_TRACES=on turns them on)')
      : warn(...args);
}
