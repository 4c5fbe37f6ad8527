/** The worker: workflows + activities on the task queue, and the outbox dispatcher. `tsx infra/worker.ts` runs it alone. */
import {
  DefaultLogger,
  NativeConnection,
  Runtime,
  Worker,
  bundleWorkflowCode,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { createActivities } from '../activities';
import { WebhookDispatcher } from './background/webhookDelivery';
import { AbnormalEndSweeper } from './background/abnormalEnds';
import { logChannel, OutboxDispatcher, smtpChannel, webhookChannel, type Channel } from './background/outboxDelivery';
import { loadConfig, type Config } from '../shared/runtime/config';
import { logger, logSdkEntry } from '../shared/runtime/logger';
import { connectModels, type Models } from '../shared/storage/models';
import { openWorkOf } from '../shared/storage/openWork';
import { claimRelease } from '../shared/storage/release';
import { ChangeLogPruner } from '../shared/storage/changeLogPruner';
import { repositoriesOf } from '../shared/storage/repositories';

export const WORKFLOWS_PATH = path.join(__dirname, '..', 'workflows', 'index.ts');

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
/** Bundles the workflow code once per process (webpack is the slow part of a worker start). */
export const workflowBundle = () =>
  (bundle ??= bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietLogger }));

export function channelFor(config: Config): Channel {
  switch (config.notifyChannel) {
    case 'smtp':
      return smtpChannel({
        ...config.smtp,
        maxConnections: Object.values(config.outboxConcurrency).reduce((a, b) => a + b),
      });
    case 'webhook':
      return webhookChannel();
    case 'log':
      return logChannel();
  }
}

export async function createWorker(connection: NativeConnection, models: Models, config: Config): Promise<Worker> {
  return Worker.create({
    connection,
    namespace: config.temporalNamespace,
    taskQueue: config.taskQueue,
    workflowBundle: await workflowBundle(),
    // Each cached run keeps its workflow state in memory (about 0.3 MB measured with 5,000 open requests);
    // past the limit the least recently used is evicted and replayed from history when it next has work.
    maxCachedWorkflows: config.workerMaxCachedWorkflows,
    activities: createActivities({
      repos: repositoriesOf(models),
      notifyChannel: config.notifyChannel,
      webhookUrl: config.webhookUrl,
    }),
  });
}

/** The SDK logs worker state changes at INFO; keep the console for what an operator needs. */
export function quietSdkLogs(metricsPort?: number): void {
  // Our own SIGINT/SIGTERM handlers stop the worker in order (worker, outbox, connections).
  Runtime.install({
    logger: new DefaultLogger((process.env.TEMPORAL_LOG_LEVEL as 'WARN') ?? 'WARN', logSdkEntry),
    shutdownSignals: [],
    // The SDK's worker metrics (task slots, polls, latencies) in Prometheus format on loopback.
    ...(metricsPort
      ? { telemetryOptions: { metrics: { prometheus: { bindAddress: `127.0.0.1:${metricsPort}` } } } }
      : {}),
  });
}

export async function startWorker(config = loadConfig()) {
  const connection = await NativeConnection.connect({ address: config.temporalAddress });
  const { conn, models } = await connectModels(config.mongoUri);
  await claimRelease(models); // a database from before 1.0 is refused here, with what to do
  const worker = await createWorker(connection, models, config);
  const dispatcher = new OutboxDispatcher(repositoriesOf(models).notifications, channelFor(config), {
    channelName: config.notifyChannel,
    concurrency: config.outboxConcurrency,
  });
  dispatcher.start();
  // The read model must not show a request open whose workflow was terminated, timed out or failed.
  const clientConnection = await Connection.connect({ address: config.temporalAddress });
  const client = new Client({ connection: clientConnection, namespace: config.temporalNamespace });
  const sweeper = new AbnormalEndSweeper(client, repositoriesOf(models).serviceRequest, config.taskQueue);
  sweeper.start();
  const webhooks = new WebhookDispatcher(repositoriesOf(models).notifications);
  webhooks.start();
  // Ranking and nearby work read open work from memory (decision 0006), kept current in the background.
  const openWork = openWorkOf(models).start();
  const running = worker.run();
  const pruner = new ChangeLogPruner(models).start(); // entries a day old, once a day
  return {
    worker,
    running,
    async close() {
      // Shut down once: a worker already draining (e.g. after a signal) must not be told again.
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await dispatcher.stop();
      await sweeper.stop();
      await webhooks.stop();
      await openWork.stop();
      await pruner.stop();
      await clientConnection.close();
      await connection.close();
      await conn.close();
    },
  };
}

const quietLogger = {
  log() {},
  trace() {},
  debug() {},
  info() {},
  warn: (m: string) => logger.warn({ bundle: true }, m),
  error: (m: string) => logger.error({ bundle: true }, m),
};

if (require.main === module) {
  quietSdkLogs(loadConfig().workerMetricsPort);
  startWorker()
    .then(({ close }) => {
      logger.info({ taskQueue: loadConfig().taskQueue }, 'worker polling');
      for (const sig of ['SIGINT', 'SIGTERM'] as const)
        process.once(sig, () => void close().then(() => process.exit(0)));
    })
    .catch((err) => {
      logger.fatal({ err }, 'worker failed to start');
      process.exit(1);
    });
}
