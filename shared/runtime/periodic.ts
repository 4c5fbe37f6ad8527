/**
 * A background job in the worker process (outbox delivery, the abnormal-end sweep): runs `job` now and
 * then every `intervalMs` after each run ends (never two at once), logs a failed run and goes on, and
 * stops after the run in progress. Node-only.
 */
import { logger } from './logger';

export class Periodic {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = false;

  constructor(
    private readonly name: string,
    private readonly job: () => Promise<unknown>,
  ) {}

  start(intervalMs: number): void {
    const tick = async () => {
      this.running = this.job().catch((err) =>
        logger.error({ job: this.name, err: (err as Error).message }, 'job failed'),
      );
      await this.running;
      if (!this.stopped) this.timer = setTimeout(() => void tick(), intervalMs);
    };
    this.timer = setTimeout(() => void tick(), 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
