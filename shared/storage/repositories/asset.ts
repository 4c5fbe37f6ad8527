/**
 * The installed base (R-ASSET-1): a unit's components (a named scan by unit: a few dozen per unit), the
 * path from the site down to a component, and its replacements, each claimed once per request.
 */
import { keyed } from '../keyed';
import type { Models } from '../models';

export interface AssetNode {
  assetId: string;
  name: string;
  kind?: string | null;
  componentSerial?: string | null;
  parentId?: string | null;
  installedAt?: string | null;
}

export function assetRepository(m: Models) {
  const assets = keyed(m.Asset);
  const replacements = keyed(m.AssetReplacement);
  const ofUnit = (unitSerial: string) =>
    m.Asset.find({ unitSerial, active: { $ne: false } })
      .sort({ _id: 1 })
      .limit(500)
      .comment("scan: a unit's components, for its tree")
      .lean();
  return {
    assets,
    replacements,
    ofUnit,
    /** A unit's components with their path from the unit down (unit › nacelle › gearbox), in tree order. */
    async treeOf(unitSerial: string): Promise<(AssetNode & { path: string })[]> {
      const items = (await ofUnit(unitSerial)) as AssetNode[];
      const byId = new Map(items.map((a) => [a.assetId, a]));
      const names = (a: AssetNode): string[] => {
        const out = [a.name];
        for (let p = a.parentId, hops = 0; p && byId.has(p) && hops < 20; hops++, p = byId.get(p)!.parentId)
          out.unshift(byId.get(p)!.name);
        return out;
      };
      return items.map((a) => ({ ...a, path: names(a).join(' › ') })).sort((x, y) => x.path.localeCompare(y.path));
    },
    /** The names from the unit down to the component: unit › gearbox › bearing. */
    async pathOf(assetId: string): Promise<{ unitSerial: string; path: AssetNode[] } | null> {
      const path: AssetNode[] = [];
      let unitSerial = '';
      for (let at: string | undefined = assetId, hops = 0; at && hops < 20; hops++) {
        const a = await assets.get(at);
        if (!a) return null;
        unitSerial = a.unitSerial;
        path.unshift(a as AssetNode);
        at = a.parentId ?? undefined;
      }
      return { unitSerial, path };
    },
    /** The requests that were about a component (read model, a few per component). */
    requestsAbout: (assetId: string) =>
      m.ServiceRequest.find({ assetId }, { requestNo: 1, receivedAt: 1, status: 1, closedAs: 1 })
        .sort({ receivedAt: -1 })
        .limit(100)
        .comment('scan: the requests about one component, for its history')
        .lean(),
  };
}
