/**
 * The stock ledger (R-PARTS-2/4): every movement is a transfer between two locations, written as two
 * ledger entries (out, in). Safe without transactions:
 * - appending takes the next sequence number of the (location, part) ledger with a unique insert, so
 *   two writers racing for the last unit cannot both succeed and stock never goes negative;
 * - every entry carries an idempotency key; a retried movement finds its earlier entries and does
 *   not move anything twice (keys are workflow id + step);
 * - the two halves of a transfer are finished by retrying the same movement (Temporal retries the
 *   activity), so a crash between them is repaired by the next attempt.
 */
import { ApplicationFailure } from '@temporalio/activity';
import { isDuplicateKey, type Models } from './models';

/** Locations that may go below zero: where stock enters or leaves the books. */
const OPEN_LOCATIONS = ['SUPPLIER', 'CUSTOMER', 'CONSUMED', 'WRITTEN-OFF'];
/** How far back a retry looks for its own earlier write (activities time out well within this). */
const RETRY_WINDOW_MS = 10 * 60_000;

export const entryId = (location: string, partNo: string, seq: number) =>
  `${location}|${partNo}|${String(seq).padStart(9, '0')}`;
const hintId = (location: string, partNo: string) => `${location}:${partNo}`;

export interface Movement {
  key: string;
  from: string;
  to: string;
  partNo: string;
  quantity: number;
  kind: string;
  /** Move what is there (at least one) instead of failing when the source has too little. */
  partial?: boolean;
  ref?: Record<string, unknown>;
}

export class StockLedger {
  /** `faults.afterOut` lets a test crash a movement between its two halves. */
  constructor(
    private readonly models: Models,
    private readonly now: () => Date = () => new Date(),
    private readonly faults: { afterOut?: (m: Movement) => void } = {},
  ) {}

  /** The newest entry's sequence and balance: from the hint, probed forward by _id (no scan). */
  async head(location: string, partNo: string): Promise<{ seq: number; balance: number }> {
    const hint = await this.models.Stock.findById(hintId(location, partNo), { seq: 1 }).lean();
    let seq = hint?.seq ?? 0;
    let entry = seq > 0 ? await this.models.StockEntry.findById(entryId(location, partNo, seq)).lean() : null;
    if (seq > 0 && !entry) seq = 0; // a hint ahead of the ledger cannot happen; be safe anyway
    for (;;) {
      const next = await this.models.StockEntry.findById(entryId(location, partNo, seq + 1)).lean();
      if (!next) break;
      entry = next;
      seq += 1;
    }
    return { seq, balance: entry?.balanceAfter ?? 0 };
  }

  async balance(location: string, partNo: string): Promise<number> {
    return (await this.head(location, partNo)).balance;
  }

  /** An entry with this key written recently (by an earlier attempt of the same movement), if any. */
  private async findRecent(location: string, partNo: string, headSeq: number, key: string, since: number) {
    for (let seq = headSeq; seq > 0; seq--) {
      const e = await this.models.StockEntry.findById(entryId(location, partNo, seq)).lean();
      if (!e) break;
      if (e.key === key) return e;
      if (e.at.getTime() < since - RETRY_WINDOW_MS) break;
    }
    return null;
  }

  /** Appends one entry; returns the delta that was written (partial debits may take less). */
  private async append(
    location: string,
    partNo: string,
    delta: number,
    key: string,
    since: number,
    meta: { kind: string; counterpart: string; ref?: Record<string, unknown>; partial?: boolean },
  ): Promise<number> {
    for (let attempt = 0; attempt < 100; attempt++) {
      const head = await this.head(location, partNo);
      const earlier = await this.findRecent(location, partNo, head.seq, key, since);
      if (earlier) return earlier.delta;
      let d = delta;
      if (d < 0 && !OPEN_LOCATIONS.includes(location) && head.balance + d < 0) {
        if (meta.partial && head.balance > 0) d = -head.balance;
        else {
          throw ApplicationFailure.create({
            type: 'InsufficientStock',
            nonRetryable: true,
            details: [{ location, partNo, available: head.balance, requested: -delta }],
            message: `only ${head.balance} of ${partNo} at ${location}, ${-delta} requested`,
          });
        }
      }
      const seq = head.seq + 1;
      try {
        await this.models.StockEntry.create({
          _id: entryId(location, partNo, seq),
          location,
          partNo,
          seq,
          delta: d,
          balanceAfter: head.balance + d,
          kind: meta.kind,
          key,
          counterpart: meta.counterpart,
          ...(meta.ref ? { ref: meta.ref } : {}),
          at: this.now(),
        });
      } catch (err) {
        if (isDuplicateKey(err)) continue; // another movement took this sequence number: read the new head
        throw err;
      }
      // The hint only saves probing; a lost or late update is harmless (head() probes forward).
      await this.models.Stock.updateOne(
        { _id: hintId(location, partNo) },
        { $set: { location, partNo, onHand: head.balance + d, seq } },
        { upsert: true },
      ).catch((err) => {
        if (!isDuplicateKey(err)) throw err;
      });
      return d;
    }
    throw new Error(`ledger of ${partNo} at ${location} is too busy; retry`);
  }

  /**
   * Moves stock from one location to another, once per key. Returns how much moved (less than asked
   * only with `partial`). `since`: when the movement was first attempted (the activity's schedule time).
   */
  async move(m: Movement, since: number = this.now().getTime()): Promise<number> {
    if (!(m.quantity > 0) || !Number.isInteger(m.quantity))
      throw ApplicationFailure.create({
        type: 'BadMovement',
        message: 'quantity must be a whole number > 0',
        nonRetryable: true,
      });
    const done = await this.models.StockMove.findById(m.key).lean();
    if (done) return done.moved ?? 0;
    const out = await this.append(m.from, m.partNo, -m.quantity, `${m.key}/out`, since, {
      kind: m.kind,
      counterpart: m.to,
      ref: m.ref,
      partial: m.partial,
    });
    const moved = -out;
    this.faults.afterOut?.(m);
    await this.append(m.to, m.partNo, moved, `${m.key}/in`, since, { kind: m.kind, counterpart: m.from, ref: m.ref });
    await this.models.StockMove.updateOne(
      { _id: m.key },
      { $setOnInsert: { from: m.from, to: m.to, partNo: m.partNo, requested: m.quantity, moved, at: this.now() } },
      { upsert: true },
    ).catch((err) => {
      if (!isDuplicateKey(err)) throw err;
    });
    return moved;
  }

  /**
   * R-PARTS-4 check: every ledger is gapless, each entry's balance is the sum of the deltas before it,
   * no checked location is negative, the hint matches, and every completed movement has both halves.
   */
  async check(): Promise<{ ledgers: number; entries: number; problems: string[] }> {
    const problems: string[] = [];
    const entries = await this.models.StockEntry.find({})
      .comment('scan: npm run stock:check reads the whole ledger')
      .lean();
    const byLedger = new Map<string, typeof entries>();
    for (const e of entries) {
      const k = `${e.location}|${e.partNo}`;
      if (!byLedger.has(k)) byLedger.set(k, []);
      byLedger.get(k)!.push(e);
    }
    for (const [k, list] of byLedger) {
      list.sort((a, b) => a.seq - b.seq);
      let sum = 0;
      list.forEach((e, i) => {
        if (e.seq !== i + 1) problems.push(`${k}: entry ${i + 1} is missing (found seq ${e.seq})`);
        sum += e.delta;
        if (e.balanceAfter !== sum) problems.push(`${k}#${e.seq}: balance ${e.balanceAfter}, sum of deltas ${sum}`);
        if (sum < 0 && !OPEN_LOCATIONS.includes(e.location)) problems.push(`${k}#${e.seq}: negative balance ${sum}`);
      });
      const [location, partNo] = k.split('|');
      const hint = await this.models.Stock.findById(hintId(location, partNo)).lean();
      if (hint && hint.seq === list.length && hint.onHand !== sum)
        problems.push(`${k}: stock shows ${hint.onHand}, ledger ${sum}`);
    }
    const keys = new Map<string, number>();
    for (const e of entries) {
      const base = e.key.replace(/\/(out|in)$/, '');
      keys.set(
        base,
        (keys.get(base) ?? 0) + (e.key.endsWith('/out') ? -e.delta : 0) - (e.key.endsWith('/in') ? e.delta : 0),
      );
    }
    for (const mv of await this.models.StockMove.find({})
      .comment('scan: npm run stock:check reads every move')
      .lean()) {
      if ((keys.get(mv._id) ?? NaN) !== 0) problems.push(`movement ${mv._id}: out and in do not match`);
    }
    return { ledgers: byLedger.size, entries: entries.length, problems };
  }
}
