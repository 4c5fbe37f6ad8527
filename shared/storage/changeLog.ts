/**
 * The ordered log of read-model changes (docs/decisions/0006): entry n says "request r reached version v".
 * Entries are numbered 1, 2, 3, … with no gaps, so a reader follows the log by `_id` lookups alone, the
 * one query FerretDB v1 answers without a scan, however long the history. A writer claims the next
 * number by a unique insert (the one write FerretDB makes atomic): it inserts n + 1 only after seeing n,
 * so the numbers stay contiguous with any number of writers and without transactions.
 */
import { isDuplicateKey, type Models } from './models';

/** Entry n's _id: a string (FerretDB on SQLite finds only string and ObjectId _ids without a scan), padded so ids sort as numbers. */
const idOf = (n: number) => String(n).padStart(12, '0');

export interface Change {
  n: number;
  requestNo: string;
  version: number;
}

export class ChangeLog {
  /** The highest entry this process knows to exist: a lower bound, never a guess past the end. */
  private known = 0;

  constructor(private readonly models: Models) {}

  private async exists(n: number): Promise<boolean> {
    return n <= 0 || !!(await this.models.RequestChange.exists({ _id: idOf(n) }));
  }

  /** The last entry: gallops forward from the highest known one, then halves the gap (O(log growth) lookups). */
  async head(): Promise<number> {
    let lo = this.known;
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
    return lo;
  }

  /** Appends one entry after the last one; a number another writer took moves this one on. */
  async append(requestNo: string, version: number): Promise<number> {
    // The one writer in steady state: the next number after its own last is usually free (one insert).
    let n = this.known > 0 ? this.known + 1 : (await this.head()) + 1;
    for (;;) {
      try {
        await this.models.RequestChange.create({ _id: idOf(n), r: requestNo, v: version });
        this.known = Math.max(this.known, n);
        return n;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        this.known = Math.max(this.known, n); // n exists now: look again from there
        n = (await this.head()) + 1;
      }
    }
  }

  /**
   * Up to `max` entries from `from` on, stopping at the first missing one (the end of the log). One lookup
   * when there is nothing new; the rest are fetched together only when the first is there.
   */
  async readFrom(from: number, max = 32): Promise<Change[]> {
    const first = await this.models.RequestChange.findById(idOf(from)).lean();
    if (!first) return [];
    const rest = await Promise.all(
      Array.from({ length: max - 1 }, (_, i) => this.models.RequestChange.findById(idOf(from + 1 + i)).lean()),
    );
    const out: Change[] = [];
    for (const d of [first, ...rest]) {
      if (!d) break;
      out.push({ n: Number(d._id), requestNo: d.r as string, version: d.v as number });
    }
    this.known = Math.max(this.known, out[out.length - 1].n);
    return out;
  }
}
