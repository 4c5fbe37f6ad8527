/**
 * The faithful baseline's worker, in a process of its own as the request's worker is, so that the CPU per
 * request of each process compares like with like. Its activities do nothing but answer with as many bytes
 * as the request's did. Env: TEMPORAL_ADDRESS, BENCH_TASK_QUEUE.
 */
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';

async function main() {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  const worker = await Worker.create({
    connection,
    taskQueue: process.env.BENCH_TASK_QUEUE!,
    activities: { noop: async (_input: string, resultBytes: number) => 'x'.repeat(Math.max(0, resultBytes - 2)) },
    workflowBundle: await bundleWorkflowCode({
      workflowsPath: require.resolve('./scriptedWorkflow'),
      logger: new DefaultLogger('ERROR'),
    }),
  });
  process.once('SIGTERM', () => worker.shutdown());
  process.once('SIGINT', () => worker.shutdown());
  console.log('scripted worker ready');
  await worker.run();
  await connection.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
