/**
 * The storage seam: one repository per business context, named as in every other layer. Services and
 * activities reach the database only through these (lint forbids the models elsewhere); each operation
 * filters on `_id`, reads a collection kept small, or is a named scan that says why (scanGuard.ts).
 */
import type { Models } from '../models';
import { keyed } from '../keyed';
import { accountsRepository } from './accounts';
import { assetRepository } from './asset';
import { contractRepository } from './contract';
import { fieldTripRepository } from './fieldTrip';
import { maintenanceRepository } from './maintenance';
import { masterDataRepository } from './masterData';
import { notificationsRepository } from './notifications';
import { calendarsRepository, servicePolicyRepository, slaPoliciesRepository } from './policies';
import { complaintRepository, improvementRepository, suggestionRepository } from './quality';
import { serviceRequestRepository } from './serviceRequest';
import { supplierClaimRepository } from './supplierClaim';

function createRepositories(m: Models) {
  return {
    accounts: accountsRepository(m),
    asset: assetRepository(m),
    calendars: calendarsRepository(m),
    complaint: complaintRepository(m),
    contract: contractRepository(m),
    fieldTrip: fieldTripRepository(m),
    improvement: improvementRepository(m),
    suggestion: suggestionRepository(m),
    kpi: { months: keyed(m.KpiMonth) },
    maintenance: maintenanceRepository(m),
    masterData: masterDataRepository(m),
    notifications: notificationsRepository(m),
    servicePolicy: servicePolicyRepository(m),
    serviceRequest: serviceRequestRepository(m),
    slaPolicies: slaPoliciesRepository(m),
    supplierClaim: supplierClaimRepository(m),
    /** Whether the database answers (the readiness check). */
    ping: async () => {
      const db = m.Customer.db.db;
      if (!db) throw new Error('not connected');
      await db.admin().ping();
    },
  };
}
export type Repositories = ReturnType<typeof createRepositories>;

const made = new WeakMap<Models, Repositories>();
/** One set per database connection and process (open work is a per-process projection). */
export function repositoriesOf(models: Models): Repositories {
  let r = made.get(models);
  if (!r) made.set(models, (r = createRepositories(models)));
  return r;
}

/** A unique-key insert that lost (the key was taken): callers answer 409 or treat it as a retry. */
export { isDuplicateKey } from '../models';
