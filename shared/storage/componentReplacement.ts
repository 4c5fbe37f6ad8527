/**
 * A component replaced during a request (R-ASSET-1): the new serial is installed and the old one leaves, with
 * the day and the request. Claimed once per request and component (a unique insert), so a retry — of the
 * engineer's call or of the work step's activity — changes nothing, and only the holder of the claim writes
 * the component.
 */
import type { Repositories } from './repositories';

export interface ComponentReplacement {
  assetId: string;
  newSerial: string;
  partNo?: string;
}

/** Why a replacement is refused: the request already put another serial in. */
export class ReplacementConflict extends Error {}

export async function replaceComponent(
  asset: Repositories['asset'],
  r: ComponentReplacement & { requestNo: string; by: string; day: string },
): Promise<{ repeated: boolean }> {
  const a = await asset.assets.get(r.assetId);
  if (!a) throw new ReplacementConflict(`no component ${r.assetId}`);
  const _id = `${r.requestNo}:${r.assetId}`;
  const claimed = await asset.replacements.claim({
    _id,
    assetId: r.assetId,
    requestNo: r.requestNo,
    oldSerial: a.componentSerial ?? undefined,
    newSerial: r.newSerial,
    by: r.by,
    at: r.day,
  });
  if (!claimed) {
    const earlier = await asset.replacements.get(_id);
    if (earlier?.newSerial !== r.newSerial)
      throw new ReplacementConflict(
        `request ${r.requestNo} already replaced ${r.assetId} (with ${earlier?.newSerial})`,
      );
    if (a.componentSerial === r.newSerial) return { repeated: true }; // written before the retry
  }
  const set = { componentSerial: r.newSerial, installedAt: r.day, ...(r.partNo ? { partNo: r.partNo } : {}) };
  const former = {
    serial: a.componentSerial,
    installedAt: a.installedAt ?? null,
    removedAt: r.day,
    requestNo: r.requestNo,
    by: r.by,
  };
  await asset.assets.update(
    r.assetId,
    a.componentSerial ? { $set: set, $push: { formerSerials: former } } : { $set: set },
  );
  return { repeated: !claimed };
}
