/** Where a unit stands (Node-only): its own site fields first, then its site record, then its customer's. */
import type { Models } from './models';

export interface UnitSite {
  address?: string;
  region?: string;
  contactName?: string;
  contactPhone?: string;
}

export async function siteOfUnit(
  models: Models,
  unit: { siteId?: string | null; siteAddress?: string | null; region?: string | null },
  customer?: { region?: string | null; name?: string; phone?: string | null } | null,
): Promise<UnitSite> {
  const site = unit.siteId ? await models.Site.findById(unit.siteId).lean() : null;
  const pick = (...v: (string | null | undefined)[]) => v.find((x) => !!x) ?? undefined;
  return {
    address: pick(unit.siteAddress, site?.address),
    region: pick(unit.region, site?.region, customer?.region),
    contactName: pick(site?.contactName, customer?.name),
    contactPhone: pick(site?.contactPhone, customer?.phone),
  };
}
