/**
 * R-INTAKE-7: the requests of each unit, newest first, without scanning the read model (FerretDB v1
 * scans for anything but an _id: 232 ms vs 28 ms per lookup at 5,000 documents). Each request takes
 * the next slot `<serial>|<seq>` by unique insert (no lost appends without transactions); a head hint
 * `<serial>|head` saves probing, and a marker `req|<requestNo>` makes a retried append a no-op. Reading the last ten is ten _id lookups however long the history.
 */
import { isDuplicateKey, type Models } from './models';

/**
 * Whose requests a log lists: a unit's (ids unprefixed, as first released), a customer's or an engineer's
 * (decision 0006: their lists read these slots by _id instead of querying the history).
 */
export type LogScope = 'unit' | 'customer' | 'engineer';
const PREFIX: Record<LogScope, string> = { unit: '', customer: 'customer:', engineer: 'engineer:' };

export interface EarlierRequest {
  requestNo: string;
  receivedAt?: string;
  kind?: string;
  status?: string;
  engineerId?: string | null;
  resolution?: string | null;
  visits?: number;
}

export class UnitRequestLog {
  private readonly prefix: string;
  constructor(
    private readonly models: Models,
    private readonly scope: LogScope = 'unit',
  ) {
    this.prefix = PREFIX[scope];
  }

  /** Markers this process has seen complete: publishing every step then costs no lookup (bounded). */
  private readonly entered = new Set<string>();
  private remember(markerId: string) {
    if (this.entered.size >= 20_000) this.entered.clear();
    this.entered.add(markerId);
  }

  private slotId(key: string, seq: number) {
    return `${this.prefix}${key}|${String(seq).padStart(6, '0')}`;
  }
  private headId(key: string) {
    return `${this.prefix}${key}|head`;
  }
  /** A unit's requests are entered once; an engineer's once per engineer (a request can move between them). */
  private markerId(key: string, requestNo: string) {
    return this.scope === 'unit' ? `req|${requestNo}` : `${this.prefix}req|${requestNo}|${key}`;
  }

  private async head(serial: string): Promise<number> {
    let seq = (await this.models.UnitRequest.findById(this.headId(serial), { seq: 1 }).lean())?.seq ?? 0;
    while (await this.models.UnitRequest.exists({ _id: this.slotId(serial, seq + 1) })) seq += 1;
    return seq;
  }

  /**
   * Records the request once. A marker `req|<requestNo>` (unique insert) makes a retry a no-op; the
   * slot is then claimed by trying the next free sequence numbers (one insert each, no re-reads).
   */
  async append(serial: string, requestNo: string): Promise<void> {
    const markerId = this.markerId(serial, requestNo);
    if (this.entered.has(markerId)) return; // entered by this process already: no lookup
    const marker = await this.models.UnitRequest.findById(markerId, { seq: 1 }).lean();
    if (marker?.seq) return this.remember(markerId);
    if (!marker) {
      await this.models.UnitRequest.create({ _id: markerId, requestNo }).catch((err) => {
        if (!isDuplicateKey(err)) throw err;
      });
    }
    let seq = await this.head(serial);
    for (;;) {
      try {
        await this.models.UnitRequest.create({ _id: this.slotId(serial, seq + 1), requestNo, seq: seq + 1 });
        break;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        seq += 1; // taken by another request of this unit: try the next one
      }
    }
    this.remember(markerId);
    // Hints only (a crash before them at worst lists the request twice, which recent() folds).
    await this.models.UnitRequest.updateOne({ _id: markerId }, { $set: { seq: seq + 1 } });
    await this.models.UnitRequest.updateOne(
      { _id: this.headId(serial) },
      { $set: { seq: seq + 1 } },
      { upsert: true },
    ).catch((err) => {
      if (!isDuplicateKey(err)) throw err;
    });
  }

  private async slots(serial: string, head: number, n: number): Promise<string[]> {
    const seqs = Array.from({ length: Math.min(n, head) }, (_, i) => head - i);
    const docs = await Promise.all(
      seqs.map((s) => this.models.UnitRequest.findById(this.slotId(serial, s), { requestNo: 1 }).lean()),
    );
    return docs.flatMap((d) => (d?.requestNo ? [d.requestNo] : []));
  }

  /** A page of the key's requests, newest first, and how many there are: `limit` _id lookups, whatever the history. */
  async page(key: string, offset: number, limit: number): Promise<{ requestNos: string[]; total: number }> {
    const total = await this.head(key);
    const n = Math.max(0, Math.min(limit, total - offset));
    const docs = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        this.models.UnitRequest.findById(this.slotId(key, total - offset - i), { requestNo: 1 }).lean(),
      ),
    );
    return { requestNos: [...new Set(docs.flatMap((d) => (d?.requestNo ? [d.requestNo] : [])))], total };
  }

  /**
   * The newest earlier requests of the unit with how they were solved, from the read model by _id.
   * Reads from the head hint without probing: a request registered a moment ago may show a moment later.
   */
  async recent(serial: string, exceptRequestNo?: string, limit = 10): Promise<EarlierRequest[]> {
    const hint = (await this.models.UnitRequest.findById(this.headId(serial), { seq: 1 }).lean())?.seq ?? 0;
    const numbers = [...new Set(await this.slots(serial, hint, limit + 2))]
      .filter((n) => n !== exceptRequestNo)
      .slice(0, limit);
    const docs = await Promise.all(
      numbers.map((no) =>
        this.models.ServiceRequest.findById(no, {
          _id: 0,
          requestNo: 1,
          receivedAt: 1,
          kind: 1,
          status: 1,
          engineerId: 1,
          resolution: 1,
          visits: 1,
        }).lean(),
      ),
    );
    return docs.flatMap((d) => (d ? [d as EarlierRequest] : []));
  }
}
