/** Running the services or the worker as their own processes, as production does, for crash and log tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../../infra/ports';
import { workerNodeFlags } from '../../infra/processes';
import type { Config } from '../../shared/runtime/config';

const root = path.join(__dirname, '..', '..');

/** The environment a process of this system needs to join the test's Temporal, database and task queue. */
export const processEnv = (config: Config, port: number, extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  ...process.env,
  TEMPORAL_ADDRESS: config.temporalAddress,
  MONGODB_URI: config.mongoUri,
  PORT: String(port),
  TEMPORAL_TASK_QUEUE: config.taskQueue,
  NOTIFY_CHANNEL: 'log',
  ...extra,
});

/**
 * Node itself with tsx's loader (the tsx CLI would run a second process that SIGKILL does not reach);
 * with `lines`, collects what the process prints, line by line.
 */
export function runProcess(entry: string, env: NodeJS.ProcessEnv, lines?: string[]): ChildProcess {
  // The worker as `npm run worker` starts it (heap limit, the stack-trace preload of decision 0010).
  const flags = entry === 'infra/worker.ts' ? workerNodeFlags(root) : ['--require', 'tsx/cjs'];
  const child = spawn(process.execPath, [...flags, entry], {
    cwd: root,
    env,
    stdio: lines ? ['ignore', 'pipe', 'pipe'] : 'ignore',
  });
  if (lines) {
    let rest = '';
    child.stdout!.on('data', (d: Buffer) => {
      const parts = (rest + d.toString()).split('\n');
      rest = parts.pop()!;
      lines.push(...parts.filter(Boolean));
    });
  }
  return child;
}

/** `npm start`'s environment on free loopback ports with its own data directory (a whole second system). */
export async function envOnFreePorts(dataDir: string): Promise<NodeJS.ProcessEnv> {
  const [http, temporal, ui, mongo, smtp, metrics] = await Promise.all([1, 2, 3, 4, 5, 6].map(() => freePort()));
  return {
    ...process.env,
    AFTERSALES_DATA_DIR: dataDir,
    PORT: String(http),
    TEMPORAL_ADDRESS: `127.0.0.1:${temporal}`,
    TEMPORAL_UI_PORT: String(ui),
    MONGODB_URI: `mongodb://127.0.0.1:${mongo}/aftersales`,
    SMTP_PORT: String(smtp),
    WORKER_METRICS_PORT: String(metrics),
  };
}
