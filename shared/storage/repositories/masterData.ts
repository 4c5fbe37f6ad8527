/**
 * Master data (customers, units, sites, contracts, engineers, regions, product lines, parts, warehouses,
 * prices): looked up by natural key; the searches an agent types and the lists of a region's staff are the
 * named scans, each bounded by a limit.
 */
import { allowedFor } from '../../fieldTrip/partRules';
import { keyed } from '../keyed';
import { MasterData } from '../masterData';
import type { Models } from '../models';
import { checkParts, checkRequestsInRegion } from '../partsCatalog';
import { unknownPriceCodes } from '../priceList';
import { siteOfUnit } from '../sites';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function masterDataRepository(m: Models) {
  const customers = keyed(m.Customer);
  const units = keyed(m.Unit);
  return {
    customers,
    units,
    sites: keyed(m.Site),
    contracts: keyed(m.Contract),
    engineers: keyed(m.Engineer),
    regions: keyed(m.Region),
    productLines: keyed(m.ProductLine),
    parts: keyed(m.Part),
    warehouses: keyed(m.Warehouse),
    servicePoints: keyed(m.ServicePoint),
    prices: keyed(m.Price),
    /** Create, change, deactivate with versions (the admin's master data). */
    admin: new MasterData(m),
    siteOfUnit: (unit: Parameters<typeof siteOfUnit>[1], customer: Parameters<typeof siteOfUnit>[2]) =>
      siteOfUnit(m, unit, customer),
    checkParts: (lines: Parameters<typeof checkParts>[1]) => checkParts(m, lines),
    checkRequestsInRegion: (requestNos: string[], region: string) => checkRequestsInRegion(m, requestNos, region),
    unknownPriceCodes: (codes: string[]) => unknownPriceCodes(m, codes),

    async isActiveEngineer(engineerId: string): Promise<boolean> {
      return !!(await m.Engineer.exists({ _id: engineerId, active: true }));
    },
    async isActiveRegion(region: string): Promise<boolean> {
      const r = await m.Region.findById(region, { active: 1 }).lean();
      return !!r && r.active !== false;
    },
    async activeRegionIds(): Promise<string[]> {
      return (await m.Region.find({ active: { $ne: false } }, { _id: 1 }).lean()).map((r) => r._id).sort();
    },
    regionSupervisedBy: (supervisorId: string) => m.Region.findOne({ supervisorId }).lean(),
    activeEngineers: () =>
      m.Engineer.find({ active: true }, { engineerId: 1, name: 1, regions: 1 }).sort({ _id: 1 }).lean(),
    /** Active engineers with their certifications, for the daily expiry reminders (R-CERT-1). */
    engineersWithCertifications: () =>
      m.Engineer.find({ active: true }, { engineerId: 1, name: 1, regions: 1, certifications: 1 })
        .sort({ _id: 1 })
        .lean(),
    activeEngineersIn: (region: string) => m.Engineer.find({ active: true, regions: region }).lean(),

    /**
     * The active parts of the catalogue that fit a unit's model (R-PARTS-3), a page at most: genuine ones, and
     * those of a brand the customer agreed to (002 §2.3.3).
     */
    partsFitting: async (model: string, limit: number, agreedBrands: readonly string[] = []) =>
      (
        await m.Part.find({ fitsModels: model, active: { $ne: false } })
          .comment("scan: the catalogue's parts for a model, when a quotation or the work is written")
          .sort({ _id: 1 })
          .limit(limit)
          .lean()
      ).filter((p) => allowedFor(p, agreedBrands)),
    /** The warehouses a trip can draw from (a trip plan's choice). */
    allWarehouses: () =>
      m.Warehouse.find({ active: { $ne: false } }, { warehouseId: 1, name: 1, region: 1 })
        .comment('scan: the warehouses, a handful, when a trip is planned')
        .sort({ _id: 1 })
        .limit(100)
        .lean(),
    /** R-TRIAGE-2: the counters customers can bring a unit to (intake's choice of a carry-in repair). */
    activeServicePoints: () =>
      m.ServicePoint.find(
        { active: { $ne: false } },
        { servicePointId: 1, name: 1, address: 1, region: 1, phone: 1, openingHours: 1 },
      )
        .comment('scan: the service points, a handful, for intake of a carry-in repair')
        .sort({ _id: 1 })
        .limit(200)
        .lean(),
    /** The standard kit every trip carries besides the parts for its requests (001 §5.3.6). */
    kitParts: () =>
      m.Part.find({ kit: true, active: { $ne: false } }, { partNo: 1, name: 1 })
        .comment('scan: the standard kit, a handful of parts, when a trip is planned')
        .sort({ _id: 1 })
        .limit(50)
        .lean(),
    /** Labour, call-out and travel in the price list (what a quotation adds to the parts). */
    servicePrices: () =>
      m.Price.find({ kind: { $in: ['labour', 'callout', 'travel'] }, active: { $ne: false } })
        .comment('scan: the price list’s services, a handful of rows')
        .sort({ _id: 1 })
        .limit(100)
        .lean(),
    /** The units of a contract (a maintenance plan's): a scan of the units, once per opening. */
    unitsOfContract: (contractNo: string) =>
      m.Unit.find({ contractNo }).comment('scan: the units under a contract, once per maintenance opening').lean(),
    /** The agent's typeahead: units whose serial starts with the term, customers by phone, name or id. */
    async search(term: string, limit = 10) {
      const bySerial = await m.Unit.find({ _id: { $regex: `^${escape(term)}`, $options: 'i' } })
        .comment('scan: the agent typeahead by serial prefix')
        .limit(limit)
        .lean();
      const found = await m.Customer.find({
        $or: [{ phone: term }, { name: { $regex: escape(term), $options: 'i' } }, { _id: term }],
      })
        .comment('scan: the agent typeahead by phone or name')
        .limit(limit)
        .lean();
      const ofCustomers = await Promise.all(
        found.map((c) =>
          m.Unit.find({ customerId: c._id })
            .comment('scan: the units of a customer found by typeahead')
            .limit(limit)
            .lean(),
        ),
      );
      return [...bySerial, ...ofCustomers.flat()];
    },
  };
}
