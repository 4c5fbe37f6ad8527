/**
 * The Idempotency-Key protocol of intake (R-INTAKE-1), safe across crashes without transactions:
 * - a key is claimed by unique insert; its holder writes the request number it is about to start
 *   (`candidate`) before starting the workflow, whose memo names the key;
 * - a retry that finds the key without a request number looks at the candidate's workflow: started for
 *   this key → the request is filled in and returned; otherwise, once the holder's lease has run out (it
 *   crashed), the retry takes the key over by another unique insert (`<key>#<generation>`) and creates
 *   the request itself. So every key ends with exactly one request, and no workflow is left unknown.
 * Node-only.
 */
import { isDuplicateKey, type Models } from './models';

export interface KeyRow {
  requestNo?: string | null;
  candidate?: string | null;
  generation?: number | null;
  claimedAt?: Date | null;
  createdAt?: Date;
}
export type KeyClaim = { claimed: true } | { claimed: false; requestNo?: string; row: KeyRow };
export type Recovery = { requestNo: string } | { claimed: true } | { busy: true };

export class IntakeKeys {
  constructor(
    private readonly models: Models,
    private readonly leaseMs = 30_000,
    private readonly now: () => Date = () => new Date(),
  ) {}

  id = (callerId: string, key: string) => `${callerId}:${key}`;

  /** The request an earlier call with this key created, if it got that far. */
  async requestOf(callerId: string, key: string): Promise<string | undefined> {
    return (await this.models.IntakeKey.findById(this.id(callerId, key)).lean())?.requestNo ?? undefined;
  }

  /** Claims the key; if another call holds (or held) it, says what it knows. */
  async claim(callerId: string, key: string): Promise<KeyClaim> {
    try {
      await this.models.IntakeKey.create({
        _id: this.id(callerId, key),
        callerId,
        claimedAt: this.now(),
        generation: 0,
      });
      return { claimed: true };
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const row = ((await this.models.IntakeKey.findById(this.id(callerId, key)).lean()) ?? {}) as KeyRow;
      return { claimed: false, ...(row.requestNo ? { requestNo: row.requestNo } : {}), row };
    }
  }

  /**
   * A key whose holder has not filled in a request: `startedFor(no)` says which key the workflow of a
   * request number was started for (undefined: there is none).
   */
  async recover(
    callerId: string,
    key: string,
    row: KeyRow,
    startedFor: (requestNo: string) => Promise<string | undefined>,
  ): Promise<Recovery> {
    const id = this.id(callerId, key);
    if (row.candidate && (await startedFor(row.candidate)) === id) {
      await this.fill(callerId, key, row.candidate); // the same value whoever writes it
      return { requestNo: row.candidate };
    }
    const since = (row.claimedAt ?? row.createdAt ?? new Date(0)).getTime();
    if (this.now().getTime() - since < this.leaseMs) return { busy: true };
    const generation = (row.generation ?? 0) + 1;
    try {
      await this.models.IntakeKey.create({ _id: `${id}#${generation}`, callerId });
    } catch (err) {
      if (isDuplicateKey(err)) return { busy: true }; // another retry took it over
      throw err;
    }
    await this.models.IntakeKey.updateOne(
      { _id: id },
      { $set: { generation, claimedAt: this.now() }, $unset: { candidate: 1 } },
    );
    return { claimed: true };
  }

  /** The holder is about to start this request number for the key. */
  async attempt(callerId: string, key: string, requestNo: string): Promise<void> {
    await this.models.IntakeKey.updateOne({ _id: this.id(callerId, key) }, { $set: { candidate: requestNo } });
  }

  /** Nothing was created: the next retry may take the key over at once. */
  async release(callerId: string, key: string): Promise<void> {
    await this.models.IntakeKey.updateOne(
      { _id: this.id(callerId, key) },
      { $set: { claimedAt: new Date(0) }, $unset: { candidate: 1 } },
    );
  }

  async fill(callerId: string, key: string, requestNo: string): Promise<void> {
    await this.models.IntakeKey.updateOne({ _id: this.id(callerId, key) }, { $set: { requestNo } });
  }
}
