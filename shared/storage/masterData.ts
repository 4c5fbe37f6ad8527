/**
 * Master data an enterprise maintains (Node-only): create, update, deactivate, never delete. Each change
 * is a new version, claimed by a unique insert of its change row (kind:id@version), so two admins
 * changing one record at once cannot both win; a running request keeps the values it read at intake.
 */
import type { MasterDataKind } from '../masterData/schemas';
import { MasterDataError, RULES, type StillOpen } from './masterDataRules';
import { keyed } from './keyed';
import { isDuplicateKey, type Models } from './models';

type Doc = Record<string, any>;
/** The admin's pages of master data: a scan of that kind, a page at a time. */
const ADMIN_LIST = 'scan: an admin pages through master data';
const strip = ({ _id: _i, createdAt: _c, updatedAt: _u, ...rest }: Doc) => rest; // the id is in its own field

export class MasterData {
  constructor(private readonly models: Models) {}

  async get(kind: MasterDataKind, id: string): Promise<Doc> {
    const doc = await RULES[kind].model(this.models).findById(id).lean();
    if (!doc) throw new MasterDataError(404, `no ${RULES[kind].noun} ${id}`);
    return strip(doc);
  }

  async list(kind: MasterDataKind, q: { active?: boolean; limit: number; offset: number }) {
    const filter = q.active === undefined ? {} : q.active ? { active: { $ne: false } } : { active: false };
    const model = RULES[kind].model(this.models);
    const [items, total] = await Promise.all([
      model.find(filter).comment(ADMIN_LIST).sort({ _id: 1 }).skip(q.offset).limit(q.limit).lean(),
      model.countDocuments(filter).comment(ADMIN_LIST),
    ]);
    return { items: items.map(strip), total, limit: q.limit, offset: q.offset };
  }

  /** Every version, oldest first. */
  async versions(kind: MasterDataKind, id: string) {
    const current = await this.get(kind, id);
    const ids = Array.from({ length: current.version ?? 1 }, (_, i) => `${kind}:${id}@${i + 1}`);
    const rows = await keyed(this.models.MasterDataChange).getMany(ids); // one _id lookup each: `$in` scans
    return rows
      .sort((a, b) => (a.version ?? 0) - (b.version ?? 0))
      .map((r) => ({ version: r.version, by: r.by, at: (r as Doc).createdAt, reason: r.reason ?? null, doc: r.doc }));
  }

  async create(kind: MasterDataKind, doc: Doc, by: string): Promise<Doc> {
    const rules = RULES[kind];
    const id = doc[rules.idField] as string;
    await this.rollForward(kind, id);
    await rules.check?.(doc, this.models);
    if (await rules.model(this.models).exists({ _id: id }))
      throw new MasterDataError(409, `${rules.noun} ${id} already exists: change it with PUT`);
    const stored = { ...doc, active: true, version: 1, changedBy: by };
    await this.claim(kind, id, 1, by, stored, 'created');
    await rules.model(this.models).create({ _id: id, ...stored });
    return stored;
  }

  async update(kind: MasterDataKind, id: string, patch: Doc, by: string, reason?: string): Promise<Doc> {
    const rules = RULES[kind];
    await this.rollForward(kind, id);
    const current = await this.get(kind, id);
    if (patch[rules.idField] !== undefined && patch[rules.idField] !== id)
      throw new MasterDataError(400, `body.${rules.idField}: the id cannot change (${id})`);
    const next = { ...current, ...patch, version: (current.version ?? 1) + 1, changedBy: by };
    await rules.check?.(next, this.models);
    await this.claim(kind, id, next.version, by, next, reason);
    await rules.model(this.models).updateOne({ _id: id }, { $set: next });
    return next;
  }

  async setActive(
    kind: MasterDataKind,
    id: string,
    active: boolean,
    by: string,
    reason: string,
    stillOpen: StillOpen = async () => true,
  ): Promise<Doc> {
    const current = await this.get(kind, id);
    if ((current.active !== false) === active)
      throw new MasterDataError(409, `${RULES[kind].noun} ${id} is already ${active ? 'active' : 'deactivated'}`);
    if (!active) {
      const why = await RULES[kind].inUse?.(id, this.models, stillOpen);
      if (why) throw new MasterDataError(409, why);
    }
    return this.update(kind, id, { active }, by, reason);
  }

  /**
   * A change row whose record was not written (the process stopped between the two writes) is applied
   * now, so the record and its versions never drift apart.
   */
  private async rollForward(kind: MasterDataKind, id: string): Promise<void> {
    const model = RULES[kind].model(this.models);
    const doc = await model.findById(id).lean();
    const next = `${kind}:${id}@${(doc?.version ?? 0) + 1}`;
    const pending = await this.models.MasterDataChange.findById(next).lean();
    if (!pending) return;
    if (doc) await model.updateOne({ _id: id }, { $set: pending.doc });
    else await model.create({ _id: id, ...(pending.doc as Doc) });
  }

  /** The unique insert of the change row decides which of two concurrent changes wins. */
  private async claim(kind: MasterDataKind, id: string, version: number, by: string, doc: Doc, reason?: string) {
    try {
      await this.models.MasterDataChange.create({
        _id: `${kind}:${id}@${version}`,
        kind,
        id,
        version,
        by,
        doc,
        ...(reason ? { reason } : {}),
      });
    } catch (err) {
      if (isDuplicateKey(err))
        throw new MasterDataError(
          409,
          `${RULES[kind].noun} ${id} was changed at the same moment (version ${version}); read it and try again`,
        );
      throw err;
    }
  }
}
