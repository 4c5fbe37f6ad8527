/**
 * Keeps the change log (decision 0006) from growing with history: entries older than the retention are
 * deleted, oldest first, by `_id` (no scan). Readers only ever need the entries after their start, and a
 * reader that has not looked for longer than that reloads open work instead (openWork.ts). The floor goes
 * up before anything below it is deleted, so nobody writes or reads below it meanwhile; one run a day, claimed
 * by a unique insert, so two workers never move the floor against each other.
 */
import { Periodic } from '../runtime/periodic';
import { logger } from '../runtime/logger';
import { CHANGE_LOG_RETENTION_MS, ChangeLog, FLOOR_ID, idOf } from './changeLog';
import { isDuplicateKey, type Models } from './models';

const DELETES_AT_ONCE = 20;

export class ChangeLogPruner {
  private readonly job = new Periodic('change-log-pruning', () => this.runOncePerDay());

  constructor(
    private readonly models: Models,
    private readonly opts: { retentionMs?: number; now?: () => number } = {},
  ) {}

  start(intervalMs = 3_600_000): this {
    this.job.start(intervalMs);
    return this;
  }

  stop(): Promise<void> {
    return this.job.stop();
  }

  private now(): number {
    return this.opts.now?.() ?? Date.now();
  }

  /** Prunes if no process has today: the day's claim is a unique insert beside the entries. */
  private async runOncePerDay(): Promise<void> {
    const day = new Date(this.now()).toISOString().slice(0, 10);
    try {
      await this.models.RequestChange.create({ _id: `prune|${day}` });
    } catch (err) {
      if (isDuplicateKey(err)) return;
      throw err;
    }
    const pruned = await this.prune();
    if (pruned) logger.info({ pruned }, 'change log pruned');
  }

  /** Deletes the entries older than the retention, keeping the last one; returns how many it deleted. */
  async prune(): Promise<number> {
    const cutoff = this.now() - (this.opts.retentionMs ?? CHANGE_LOG_RETENTION_MS);
    const log = new ChangeLog(this.models);
    const floor = await log.floor();
    const head = await log.head();
    // The newest old entry, by halving [floor, head): entries are written in order, so their times rise.
    let old = floor - 1; // every entry up to here is older than the cutoff
    let young = head; // this one is not, or it is the last entry (always kept)
    while (young - old > 1) {
      const mid = Math.floor((old + young) / 2);
      const e = await this.models.RequestChange.findById(idOf(mid), { t: 1 }).lean<{ t?: number }>();
      if (!e || (e.t ?? 0) < cutoff)
        old = mid; // entries from before `t` was written count as old
      else young = mid;
    }
    if (old < floor) return 0;
    await this.models.RequestChange.updateOne({ _id: FLOOR_ID }, { $set: { floor: old + 1 } }, { upsert: true });
    for (let n = floor; n <= old; n += DELETES_AT_ONCE) {
      const ids = Array.from({ length: Math.min(DELETES_AT_ONCE, old - n + 1) }, (_, i) => idOf(n + i));
      await Promise.all(ids.map((id) => this.models.RequestChange.deleteOne({ _id: id })));
    }
    return old - floor + 1;
  }
}
