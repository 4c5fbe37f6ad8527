/**
 * The Idempotency-Key protocol of intake (R-INTAKE-1): a key is claimed by unique insert before the
 * workflow starts and filled in with the request number once it has; only the key's holder writes it.
 * Node-only.
 */
import { isDuplicateKey, type Models } from './models';

export type KeyClaim = { claimed: true } | { claimed: false; requestNo?: string };

export class IntakeKeys {
  constructor(private readonly models: Models) {}

  private id = (callerId: string, key: string) => `${callerId}:${key}`;

  /** The request an earlier call with this key created, if it got that far. */
  async requestOf(callerId: string, key: string): Promise<string | undefined> {
    return (await this.models.IntakeKey.findById(this.id(callerId, key)).lean())?.requestNo ?? undefined;
  }

  /** Claims the key; if another call holds it, says which request it made (if it made one yet). */
  async claim(callerId: string, key: string): Promise<KeyClaim> {
    try {
      await this.models.IntakeKey.create({ _id: this.id(callerId, key), callerId });
      return { claimed: true };
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      return { claimed: false, requestNo: await this.requestOf(callerId, key) };
    }
  }

  /** Nothing was created: the caller may retry with the same key. */
  async release(callerId: string, key: string): Promise<void> {
    await this.models.IntakeKey.deleteOne({ _id: this.id(callerId, key) });
  }

  async fill(callerId: string, key: string, requestNo: string): Promise<void> {
    await this.models.IntakeKey.updateOne({ _id: this.id(callerId, key) }, { $set: { requestNo } });
  }
}
