/**
 * Open work kept apart from history (docs/decisions/0006). The dispatcher list, an engineer's open jobs,
 * ranking at intake and nearby work read an in-memory projection of the open requests that each process
 * keeps. It starts from `open_requests` (open rows only, so its size follows open work, not history)
 * and follows the change log by `_id`; a read first catches up with the log, so it sees every step
 * published before it began. Nothing here scans `service_requests`.
 */
import type { RequestSummary } from '../serviceRequest/readModel';
import { logger } from '../runtime/logger';
import { Periodic } from '../runtime/periodic';
import { ChangeLog } from './changeLog';
import type { Models } from './models';

export type OpenRow = RequestSummary & { _id?: string };

const FLOOR_CHECK_MS = 60_000;

/**
 * Called by the publisher after the read-model row is written: mirrors the row into open work (or takes
 * it out) and logs the change. Only the newest version mirrors, so a late retry of an old step is a no-op;
 * a retry of the newest writes the same again and logs a duplicate entry that readers skip.
 */
export async function publishOpenWork(
  models: Models,
  log: ChangeLog,
  requestNo: string,
  version: number,
  written?: Record<string, unknown>,
) {
  // The row just written by the caller, or (a retry, a sweep) the stored one if it is still this version.
  const row = written ?? (await models.ServiceRequest.findById(requestNo).lean());
  if (!row || row.version !== version) return;
  if (row.open) await models.OpenRequest.replaceOne({ _id: requestNo }, row, { upsert: true });
  else await models.OpenRequest.deleteOne({ _id: requestNo });
  // The entry carries the row as open work stores it, so no follower has to look it up.
  await log.append(requestNo, version, row.open ? storedFields(models, row) : null);
}

/** The row with only the fields open work stores (what a follower would have read back), without timestamps. */
function storedFields(models: Models, row: Record<string, unknown>): Record<string, unknown> {
  const paths = models.OpenRequest.schema.paths;
  return Object.fromEntries(
    Object.entries(row).filter(([k, v]) => v !== undefined && k in paths && k !== 'createdAt' && k !== 'updatedAt'),
  );
}

export class OpenWork {
  private readonly rows = new Map<string, OpenRow>();
  private next = 1;
  private floorCheckedAt = Date.now();
  private booted?: Promise<void>;
  private syncing?: Promise<void>;
  private readonly log: ChangeLog;
  private readonly follower = new Periodic('open-work', () => this.sync());

  constructor(
    private readonly models: Models,
    private readonly opts: { floorCheckMs?: number } = {},
  ) {
    this.log = new ChangeLog(models);
  }

  /** Follows the log in the background too, so a read rarely has more than one lookup to do. */
  start(intervalMs = 200): this {
    this.follower.start(intervalMs);
    return this;
  }

  stop(): Promise<void> {
    return this.follower.stop();
  }

  /** The open requests as of now (every step published before the call). Do not mutate. */
  async current(): Promise<OpenRow[]> {
    await this.sync();
    return [...this.rows.values()];
  }

  size(): number {
    return this.rows.size;
  }

  /** Catches up with the log; concurrent callers share one pass. */
  sync(): Promise<void> {
    this.syncing ??= this.boot()
      .then(() => this.catchUp())
      .finally(() => (this.syncing = undefined));
    return this.syncing;
  }

  private boot(): Promise<void> {
    this.booted ??= (async () => {
      // The head first, then the rows: a change logged after the head is read again from the log.
      const head = await this.log.head();
      for (const r of await this.models.OpenRequest.find({}).lean()) this.rows.set(r._id as string, r as OpenRow);
      this.next = head + 1;
      logger.info({ open: this.rows.size, logHead: head }, 'open work loaded');
    })().catch((err) => {
      this.booted = undefined; // try again on the next read
      throw err;
    });
    return this.booted;
  }

  /**
   * A reader that has not looked at the floor for a minute does first: entries it never read may have been
   * pruned (only entries a day old are, so a reader that keeps following never misses one). Then it loads
   * open work again, as at its start.
   */
  private async catchUp(): Promise<void> {
    if (Date.now() - this.floorCheckedAt >= (this.opts.floorCheckMs ?? FLOOR_CHECK_MS)) {
      this.floorCheckedAt = Date.now();
      if (this.next < (await this.log.floor())) {
        logger.warn({ next: this.next }, 'change log pruned past this reader: open work reloaded');
        this.booted = undefined;
        this.rows.clear();
        await this.boot();
      }
    }
    for (;;) {
      const batch = await this.log.readFrom(this.next);
      if (!batch.length) return;
      // Entries carry the row at their version; only one from before that needs a lookup.
      const stale = new Set<string>();
      for (const c of batch) {
        if ((this.rows.get(c.requestNo)?.version ?? -1) >= c.version) continue;
        if (c.row === undefined) stale.add(c.requestNo);
        else if (c.row) this.rows.set(c.requestNo, c.row as OpenRow);
        else this.rows.delete(c.requestNo); // past its visits, cancelled or aborted
      }
      const docs = await Promise.all([...stale].map((no) => this.models.OpenRequest.findById(no).lean()));
      [...stale].forEach((no, i) => {
        const doc = docs[i];
        if (doc) this.rows.set(no, doc as OpenRow);
        else this.rows.delete(no); // past its visits, cancelled or aborted
      });
      this.next = batch[batch.length - 1].n + 1;
    }
  }
}

const projections = new WeakMap<Models, OpenWork>();
/** One projection per database connection and process. */
export function openWorkOf(models: Models): OpenWork {
  let p = projections.get(models);
  if (!p) projections.set(models, (p = new OpenWork(models)));
  return p;
}
