/**
 * A collection reached by its natural key: every operation filters on `_id`, the one filter FerretDB v1
 * answers without scanning the collection (docs/ferretdb.md). Repositories expose these for each stored
 * kind; any other query is a named operation of its repository that says why it may scan.
 */
import type { Model, ProjectionType, UpdateQuery } from 'mongoose';
import { ignoreDuplicateKey, insertEach, isDuplicateKey } from './models';

type Row<R> = R & { _id: string };

export class Keyed<R> {
  private readonly model: Model<any>;
  constructor(model: Model<R, any, any, any, any, any>) {
    this.model = model as unknown as Model<any>;
  }

  /** The document with this key, or null. */
  get(id: string, fields?: ProjectionType<R>): Promise<Row<R> | null> {
    return this.model
      .findById(id, fields ?? undefined)
      .lean()
      .exec() as Promise<Row<R> | null>;
  }

  /** The documents with these keys that exist, in the order asked: one `_id` lookup each (`$in` scans). */
  async getMany(ids: readonly string[], fields?: ProjectionType<R>): Promise<Row<R>[]> {
    const rows: (Row<R> | null)[] = await Promise.all([...new Set(ids)].map((id) => this.get(id, fields)));
    return rows.filter((r): r is Row<R> => r !== null);
  }

  async has(id: string): Promise<boolean> {
    return !!(await this.model.exists({ _id: id }));
  }

  /** Inserts a new document; a second one with the key is refused (duplicate key error). */
  async add(doc: Row<Partial<R>> & Record<string, unknown>): Promise<void> {
    await this.model.create(doc);
  }

  /** A unique-key claim: true if this call inserted the document, false if the key was taken. */
  async claim(doc: Row<Partial<R>> & Record<string, unknown>): Promise<boolean> {
    try {
      await this.model.create(doc);
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  /** Inserts what is not there yet; a document whose key is taken stays as it is. */
  async addMissing(doc: Row<Partial<R>> & Record<string, unknown>): Promise<void> {
    await this.model.create(doc).then(() => undefined, ignoreDuplicateKey);
  }

  /** Many unique inserts in one round trip; says which went in (false: the key was taken). */
  addEach(docs: (Row<Partial<R>> & Record<string, unknown>)[]): Promise<boolean[]> {
    return insertEach(this.model, docs);
  }

  /**
   * Changes the document with this key (`upsert`: creates it). `guard` adds fields the document must
   * still have, e.g. the claim time of a lease being released; the `_id` still picks the one row.
   */
  async update(
    id: string,
    change: UpdateQuery<R>,
    opts: { upsert?: boolean; guard?: Record<string, unknown> } = {},
  ): Promise<{ matched: number; modified: number }> {
    const r = await this.model.updateOne({ ...opts.guard, _id: id }, change, { upsert: opts.upsert ?? false });
    return { matched: r.matchedCount, modified: r.modifiedCount };
  }

  /**
   * Writes a read-model row of `version` unless the stored one is as new or newer, so a late retry of an
   * older step changes nothing (its one writer is a workflow's publisher). True if this call wrote it.
   */
  async putNewer(id: string, version: number, fields: Record<string, unknown>): Promise<boolean> {
    try {
      const r = await this.model.updateOne({ _id: id, version: { $lt: version } }, { $set: fields }, { upsert: true });
      return r.modifiedCount + r.upsertedCount > 0;
    } catch (err) {
      if (isDuplicateKey(err)) return false; // this version (a retry) or a newer one is already there
      throw err;
    }
  }

  /** Replaces the whole document (creates it when missing). */
  async replace(id: string, doc: Record<string, unknown>): Promise<void> {
    await this.model.replaceOne({ _id: id }, { ...doc, _id: id }, { upsert: true });
  }

  /** Removes many documents in one command, each by `_id` (a filter FerretDB pushes down; `$in` it does not). */
  async removeEach(ids: readonly string[]): Promise<void> {
    if (ids.length) await this.model.bulkWrite(ids.map((id) => ({ deleteOne: { filter: { _id: id } } })));
  }

  /** Removes the document with this key; `guard` as in `update`. */
  async remove(id: string, guard: Record<string, unknown> = {}): Promise<boolean> {
    return (await this.model.deleteOne({ ...guard, _id: id })).deletedCount > 0;
  }
}

export const keyed = <R>(model: Model<R, any, any, any, any, any>): Keyed<R> => new Keyed<R>(model);
