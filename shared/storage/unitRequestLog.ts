/**
 * R-INTAKE-7: the requests of each unit, newest first, without scanning the read model (FerretDB v1
 * scans for anything but an _id: 232 ms vs 28 ms per lookup at 5,000 documents). Each request takes
 * the next slot `<serial>|<seq>` by unique insert (no lost appends without transactions); a head hint
 * `<serial>|head` saves probing, and a marker `req|<requestNo>` makes a retried append a no-op. Reading the last ten is ten _id lookups however long the history.
 */
import { ignoreDuplicateKey, insertEach, isDuplicateKey, type Models } from './models';

/**
 * Whose requests a log lists: a unit's (ids unprefixed, as first released), a customer's or an engineer's
 * (decision 0006: their lists read these slots by _id instead of querying the history).
 */
export type LogScope = 'unit' | 'customer' | 'engineer' | 'complaints';
/** `complaints`: keyed by request number, the complaints about that request (R-FOLLOW-4), in place of request numbers. */
const PREFIX: Record<LogScope, string> = {
  unit: '',
  customer: 'customer:',
  engineer: 'engineer:',
  complaints: 'complaints-of:',
};

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
   * Records the request once. Appends to one key from this process go out together, one batch at a time
   * (group commit): the markers `req|<requestNo>` in one insert, each carrying the slot planned for it
   * after the highest this process knows, then the slots in one insert, then the head hint. A marker
   * that was there already (a retried activity) or a slot another process took sends the batch down the
   * careful path, one request at a time.
   */
  append(key: string, requestNo: string): Promise<void> {
    if (this.entered.has(this.markerId(key, requestNo))) return Promise.resolve(); // no lookup at all
    return new Promise((done, failed) => {
      const queued = this.queues.get(key);
      if (queued) return queued.push({ requestNo, done, failed });
      this.queues.set(key, [{ requestNo, done, failed }]);
      void this.drain(key);
    });
  }

  private readonly queues = new Map<string, { requestNo: string; done: () => void; failed: (e: unknown) => void }[]>();
  /** Per key, the highest slot this process has seen taken: the next batch is planned after it. */
  private readonly heads = new Map<string, number>();

  private async drain(key: string): Promise<void> {
    const queue = this.queues.get(key)!;
    while (queue.length) {
      const batch = queue.splice(0);
      try {
        await this.enter(key, [...new Set(batch.map((b) => b.requestNo))]);
        for (const b of batch) b.done();
      } catch (err) {
        for (const b of batch) b.failed(err);
      }
    }
    this.queues.delete(key);
  }

  private async enter(key: string, requestNos: string[]): Promise<void> {
    const hint = async () => (await this.models.UnitRequest.findById(this.headId(key), { seq: 1 }).lean())?.seq ?? 0;
    const from = this.heads.get(key) ?? (await hint());
    const planned = requestNos.map((requestNo, i) => ({ requestNo, seq: from + 1 + i }));
    const markers = await insertEach(
      this.models.UnitRequest,
      planned.map((p) => ({ _id: this.markerId(key, p.requestNo), requestNo: p.requestNo, seq: p.seq })),
    );
    const slots = markers.every(Boolean)
      ? await insertEach(
          this.models.UnitRequest,
          planned.map((p) => ({ _id: this.slotId(key, p.seq), requestNo: p.requestNo, seq: p.seq })),
        )
      : planned.map(() => false); // a retry among them: no slot planned blind (it could leave a gap)
    let top = slots.every(Boolean) ? from + planned.length : Math.max(from, await hint());
    for (const [i, p] of planned.entries()) {
      if (!slots[i]) top = await this.enterCarefully(key, p.requestNo, top);
      this.remember(this.markerId(key, p.requestNo));
    }
    this.heads.set(key, Math.max(this.heads.get(key) ?? 0, top));
    if (this.heads.size > 20_000) this.heads.clear();
    // A hint only: a reader probes past it (head()), and a stale one costs a writer a few duplicate inserts.
    await this.models.UnitRequest.updateOne({ _id: this.headId(key) }, { $set: { seq: top } }, { upsert: true }).catch(
      ignoreDuplicateKey,
    );
  }

  /**
   * One request whose marker was there already or whose planned slot was taken: done if its marker names a
   * slot that holds it; otherwise it takes the first free slot after `after`, and its marker is pointed there.
   */
  private async enterCarefully(key: string, requestNo: string, after: number): Promise<number> {
    const markerId = this.markerId(key, requestNo);
    const marker = await this.models.UnitRequest.findById(markerId, { seq: 1 }).lean();
    if (!marker) await this.models.UnitRequest.create({ _id: markerId, requestNo }).catch(ignoreDuplicateKey);
    const slot = marker?.seq ? await this.models.UnitRequest.findById(this.slotId(key, marker.seq)).lean() : null;
    if (slot?.requestNo === requestNo) return Math.max(after, marker!.seq!);
    for (let seq = after + 1; ; seq++) {
      try {
        await this.models.UnitRequest.create({ _id: this.slotId(key, seq), requestNo, seq });
        await this.models.UnitRequest.updateOne({ _id: markerId }, { $set: { seq } });
        return seq;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err; // taken by another request of this key: try the next one
      }
    }
  }

  private async slots(serial: string, head: number, n: number): Promise<string[]> {
    return this.readSlots(
      serial,
      Array.from({ length: Math.min(n, head) }, (_, i) => head - i),
    );
  }

  /**
   * Slots never change once taken, so this process keeps those it has read (bounded): reading a long-lived
   * key's newest requests again costs only the slots taken since.
   */
  private readonly known = new Map<string, string>();
  private async readSlots(key: string, seqs: number[]): Promise<string[]> {
    const ids = seqs.map((s) => this.slotId(key, s));
    const found = await Promise.all(
      ids.map(async (id) => {
        const cached = this.known.get(id);
        if (cached) return cached;
        const requestNo = (await this.models.UnitRequest.findById(id, { requestNo: 1 }).lean())?.requestNo;
        if (requestNo) {
          if (this.known.size >= 50_000) this.known.clear();
          this.known.set(id, requestNo);
        }
        return requestNo;
      }),
    );
    return found.flatMap((no) => (no ? [no] : []));
  }

  /** A page of the key's requests, newest first, and how many there are: `limit` _id lookups, whatever the history. */
  async page(key: string, offset: number, limit: number): Promise<{ requestNos: string[]; total: number }> {
    const total = await this.head(key);
    const n = Math.max(0, Math.min(limit, total - offset));
    const requestNos = await this.readSlots(
      key,
      Array.from({ length: n }, (_, i) => total - offset - i),
    );
    return { requestNos: [...new Set(requestNos)], total };
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
