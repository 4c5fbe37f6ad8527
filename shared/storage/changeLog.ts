/**
 * The ordered log of read-model changes (docs/decisions/0006): entry n says "these requests reached these
 * versions". Entries are numbered 1, 2, 3, … with no gaps, so a reader follows the log by `_id` lookups
 * alone, the one query FerretDB v1 answers without a scan, however long the history. A writer claims the
 * next number by a unique insert (the one write FerretDB makes atomic): it inserts n + 1 only after seeing
 * n, so the numbers stay contiguous with any number of writers and without transactions.
 *
 * Group commit: a process writes one entry at a time, and the changes that arrive meanwhile share the
 * next entry. Under load one insert carries many steps (fewer round trips, no writers racing for the
 * same number inside a process); alone, a change is written at once.
 */
import { isDuplicateKey, type Models } from './models';

/** Entry n's _id: a string (FerretDB on SQLite finds only string and ObjectId _ids without a scan), padded so ids sort as numbers. */
export const idOf = (n: number) => String(n).padStart(12, '0');

/** Changes one entry may carry: bounds the document (a change with its open row is about 1.5 KB). */
const MAX_PER_ENTRY = 100;

/** The document that says where the log begins: entries below it are pruned (changeLogPruner.ts). */
export const FLOOR_ID = 'floor';
/**
 * Entries older than this may be pruned. A process whose last look at the log's end is older than half of it
 * reads the floor again before it writes, so it never writes below it.
 */
export const CHANGE_LOG_RETENTION_MS = 24 * 3_600_000;

/** A request's row in open work as logged; null once it has left open work. */
export type LoggedRow = Record<string, unknown> | null;

export interface Change {
  /** The entry that carries the change (several changes may share one). */
  n: number;
  requestNo: string;
  version: number;
  /** The open row at this version, so a follower needs no lookup; undefined in entries written before rows were. */
  row?: LoggedRow;
}

interface Pending {
  requestNo: string;
  version: number;
  row?: LoggedRow;
  done: (n: number) => void;
  failed: (err: unknown) => void;
}

/** An entry as stored: one change as `r`/`v` (as first released), several as `c`. */
interface Entry {
  _id: string;
  /** When it was written (ms since the epoch): the pruner's clock. */
  t?: number;
  r?: string;
  v?: number;
  o?: LoggedRow;
  c?: { r: string; v: number; o?: LoggedRow }[];
}

const changesOf = (d: Entry): Change[] => {
  const n = Number(d._id);
  if (d.c) return d.c.map((x) => ({ n, requestNo: x.r, version: x.v, row: x.o }));
  return [{ n, requestNo: d.r as string, version: d.v as number, row: d.o }];
};
const bodyOf = (p: Pending) => ({ r: p.requestNo, v: p.version, ...(p.row !== undefined ? { o: p.row } : {}) });

export class ChangeLog {
  /** The highest entry this process knows to exist: a lower bound, never a guess past the end. */
  private known = 0;
  /** When `known` was last the end of the log (or written by this process). */
  private knownAt = 0;
  private queue: Pending[] = [];
  private writing = false;

  constructor(private readonly models: Models) {}

  private async exists(n: number): Promise<boolean> {
    return n <= 0 || !!(await this.models.RequestChange.exists({ _id: idOf(n) }));
  }

  /** The lowest entry that may exist: everything below it is pruned or being pruned. */
  async floor(): Promise<number> {
    return (await this.models.RequestChange.findById(FLOOR_ID, { floor: 1 }).lean<{ floor?: number }>())?.floor ?? 1;
  }

  /** The last entry: gallops forward from the highest known one (or the floor), then halves the gap (O(log growth) lookups). */
  async head(): Promise<number> {
    let lo = Math.max(this.known, (await this.floor()) - 1);
    let step = 1;
    while (await this.exists(lo + step)) {
      lo += step;
      step *= 2;
    }
    let hi = lo + step; // missing
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (await this.exists(mid)) lo = mid;
      else hi = mid;
    }
    this.known = Math.max(this.known, lo);
    this.knownAt = Date.now();
    return lo;
  }

  /** Logs one change (with its open row, or null); resolves with the number of the entry that carries it, once stored. */
  append(requestNo: string, version: number, row?: LoggedRow): Promise<number> {
    return new Promise((done, failed) => {
      this.queue.push({ requestNo, version, row, done, failed });
      if (!this.writing) void this.drain();
    });
  }

  /** Writes the queue out, one entry per round: whatever arrived while an entry was written goes in the next. */
  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, MAX_PER_ENTRY);
        try {
          const n = await this.insertNext(batch);
          for (const p of batch) p.done(n);
        } catch (err) {
          for (const p of batch) p.failed(err);
        }
      }
    } finally {
      this.writing = false;
    }
  }

  /** Inserts one entry after the last one; a number another writer took moves this one on. */
  private async insertNext(batch: Pending[]): Promise<number> {
    const body = batch.length === 1 ? bodyOf(batch[0]) : { c: batch.map(bodyOf) };
    // The one writer in steady state: the next number after its own last is usually free (one insert).
    const fresh = this.known > 0 && Date.now() - this.knownAt < CHANGE_LOG_RETENTION_MS / 2;
    let n = fresh ? this.known + 1 : (await this.head()) + 1;
    for (let verify = !fresh; ;) {
      try {
        await this.models.RequestChange.create({ _id: idOf(n), t: Date.now(), ...body });
        this.known = Math.max(this.known, n);
        this.knownAt = Date.now();
        // Found from the floor: the pruner may have raised it meanwhile. Below it, nobody reads the entry: again.
        if (verify && n < (await this.floor())) {
          n = (await this.head()) + 1;
          continue;
        }
        return n;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        this.known = Math.max(this.known, n); // n exists now: look again from there
        n = (await this.head()) + 1;
        verify = true;
      }
    }
  }

  /**
   * The changes in up to `maxEntries` entries from `from` on, stopping at the first missing entry (the end
   * of the log). One lookup when there is nothing new; then windows of 1, 2, 4, … lookups side by side, so
   * a reader that is nearly current wastes at most one window's misses.
   */
  async readFrom(from: number, maxEntries = 32): Promise<Change[]> {
    const out: Change[] = [];
    let n = from;
    for (let width = 1; n - from < maxEntries; width = Math.min(width * 2, maxEntries - (n - from))) {
      const docs = await Promise.all(
        Array.from({ length: width }, (_, i) => this.models.RequestChange.findById(idOf(n + i)).lean<Entry>()),
      );
      const missing = docs.findIndex((d) => !d);
      for (const d of missing < 0 ? docs : docs.slice(0, missing)) out.push(...changesOf(d as Entry));
      n += missing < 0 ? width : missing;
      if (missing >= 0) break;
    }
    if (n > from) this.known = Math.max(this.known, n - 1);
    if (n > from && n - from < maxEntries) this.knownAt = Date.now(); // stopped at the end: n - 1 was the last
    return out;
  }
}
