/**
 * The rules each kind of master data keeps (Node-only): references that must exist, dates in order,
 * no overlapping contracts, and what may not be deactivated while work depends on it.
 * A broken rule names the field and what is allowed.
 */
import type { MasterDataKind } from '../masterData/schemas';
import type { Models } from './models';
import { openWorkOf } from './openWork';

export class MasterDataError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
  ) {
    super(message);
  }
}
const bad = (field: string, message: string) => new MasterDataError(400, `body.${field}: ${message}`);

type Doc = Record<string, any>;
/** Whether a request listed as open still is (its workflow's answer); by default the listing is taken as it is. */
export type StillOpen = (requestNo: string) => Promise<boolean>;
export interface EntityRules {
  noun: string;
  idField: string;
  model: (m: Models) => any;
  /** Throws a 400 naming the field when the record (as it would be stored) breaks a rule. */
  check?: (doc: Doc, models: Models) => Promise<void>;
  /**
   * Why it may not be deactivated now (409), if anything depends on it. `stillOpen` asks the request's own
   * workflow, so work that ended a moment ago (the open-work projection has not caught up) does not count.
   */
  inUse?: (id: string, models: Models, stillOpen: StillOpen) => Promise<string | undefined>;
}

async function exists(model: any, id: string | undefined, field: string, noun: string) {
  if (id !== undefined && !(await model.exists({ _id: id }))) throw bad(field, `no ${noun} ${id}`);
}

export const RULES: Record<MasterDataKind, EntityRules> = {
  customers: {
    noun: 'customer',
    idField: 'customerId',
    model: (m) => m.Customer,
    check: (d, m) => exists(m.Region, d.region, 'region', 'region'),
  },
  sites: {
    noun: 'site',
    idField: 'siteId',
    model: (m) => m.Site,
    async check(d, m) {
      await exists(m.Customer, d.customerId, 'customerId', 'customer');
      await exists(m.Region, d.region, 'region', 'region');
    },
  },
  units: {
    noun: 'unit',
    idField: 'serialNumber',
    model: (m) => m.Unit,
    async check(d, m) {
      await exists(m.Customer, d.customerId, 'customerId', 'customer');
      await exists(m.ProductLine, d.productLine, 'productLine', 'product line');
      await exists(m.Region, d.region, 'region', 'region');
      if (d.warrantyEnd < d.purchaseDate)
        throw bad('warrantyEnd', `${d.warrantyEnd} is before the purchase date ${d.purchaseDate}`);
      if (d.installDate && d.installDate < d.purchaseDate)
        throw bad('installDate', `${d.installDate} is before the purchase date ${d.purchaseDate}`);
      if (d.siteId) {
        const site = await m.Site.findById(d.siteId).lean();
        if (!site) throw bad('siteId', `no site ${d.siteId}`);
        if (site.customerId !== d.customerId)
          throw bad('siteId', `site ${d.siteId} belongs to ${site.customerId}, not ${d.customerId}`);
      }
      if (d.contractNo) {
        const contract = await m.Contract.findById(d.contractNo).lean();
        if (!contract) throw bad('contractNo', `no contract ${d.contractNo}`);
        if (contract.customerId !== d.customerId)
          throw bad('contractNo', `contract ${d.contractNo} belongs to ${contract.customerId}, not ${d.customerId}`);
      }
    },
  },
  assets: {
    noun: 'component',
    idField: 'assetId',
    model: (m) => m.Asset,
    async check(d, m) {
      await exists(m.Unit, d.unitSerial, 'unitSerial', 'unit');
      await exists(m.Part, d.partNo, 'partNo', 'part');
      // The parent is a component of the same unit, and the tree has no loop.
      for (let at = d.parentId, hops = 0; at; hops++) {
        if (at === d.assetId || hops > 20) throw bad('parentId', `${d.parentId} would make the tree a loop`);
        const parent = await m.Asset.findById(at).lean();
        if (!parent) throw bad('parentId', `no component ${at}`);
        if (parent.unitSerial !== d.unitSerial)
          throw bad('parentId', `${at} is a component of ${parent.unitSerial}, not of ${d.unitSerial}`);
        at = parent.parentId ?? undefined;
      }
    },
  },
  contracts: {
    noun: 'contract',
    idField: 'contractNo',
    model: (m) => m.Contract,
    async check(d, m) {
      await exists(m.Customer, d.customerId, 'customerId', 'customer');
      await exists(m.SlaPolicy, d.slaPolicy, 'slaPolicy', 'SLA policy');
      await exists(m.Calendar, d.calendar, 'calendar', 'business calendar');
      if (d.end < d.start) throw bad('end', `${d.end} is before the start ${d.start}`);
      const others = await m.Contract.find({ customerId: d.customerId, active: { $ne: false } })
        .comment('scan: the contracts of a customer, when an admin saves one')
        .lean();
      const overlap = others.find((o: Doc) => o._id !== d.contractNo && o.start <= d.end && d.start <= o.end);
      if (overlap)
        throw bad('start', `overlaps contract ${overlap._id} of ${d.customerId} (${overlap.start} to ${overlap.end})`);
    },
  },
  'product-lines': {
    noun: 'product line',
    idField: 'productLine',
    model: (m) => m.ProductLine,
    check: (d, m) => exists(m.SlaPolicy, d.slaPolicy, 'slaPolicy', 'SLA policy'),
  },
  engineers: {
    noun: 'engineer',
    idField: 'engineerId',
    model: (m) => m.Engineer,
    async check(d, m) {
      for (const r of d.regions ?? []) await exists(m.Region, r, 'regions', 'region');
    },
    async inUse(id, m, stillOpen) {
      const listed = (await openWorkOf(m).current()).filter((r) => r.engineerId === id); // open work: in memory
      const open = (await Promise.all(listed.map(async (r) => ((await stillOpen(r.requestNo)) ? [r] : [])))).flat();
      return open.length
        ? `engineer ${id} has open work: ${open.map((r) => r.requestNo).join(', ')}; reassign it first`
        : undefined;
    },
  },
  regions: {
    noun: 'region',
    idField: 'region',
    model: (m) => m.Region,
    check: (d, m) => exists(m.Calendar, d.calendar, 'calendar', 'business calendar'),
  },
  warehouses: {
    noun: 'warehouse',
    idField: 'warehouseId',
    model: (m) => m.Warehouse,
    check: (d, m) => exists(m.Region, d.region, 'region', 'region'),
  },
  'service-points': {
    noun: 'service point',
    idField: 'servicePointId',
    model: (m) => m.ServicePoint,
    check: (d, m) => exists(m.Region, d.region, 'region', 'region'),
  },
  parts: { noun: 'part', idField: 'partNo', model: (m) => m.Part },
  prices: { noun: 'price', idField: 'code', model: (m) => m.Price },
};
