/** Activities are created by a factory that receives their dependencies (DESIGN: Activities). */
import type { Repositories } from '../shared/storage/repositories';
import { createComponentActivities } from './asset/components';
import { createContractActivities } from './contract/allowance';
import { createCertificationActivities } from './dispatch/certifications';
import { createPartsActivities } from './fieldTrip/parts';
import { createTripRecordActivities } from './fieldTrip/tripRecords';
import { createFaultWatchActivities } from './iot/faultWatch';
import { createMaintenanceActivities } from './maintenance/plans';
import { createUsageActivities } from './maintenance/usage';
import { createComplaintContextActivities } from './quality/complaintContext';
import { createKpiActivities } from './kpi/months';
import { createQualityRecordActivities } from './quality/records';
import { createSuggestionActivities } from './quality/suggestions';
import { createIntakeActivities } from './serviceRequest/intake';
import { createInstallationActivities } from './commissioning/installation';
import { createPricingActivities } from './serviceRequest/pricing';
import { createRecordActivities, type RecordsConfig } from './serviceRequest/records';

export function createActivities(deps: { repos: Repositories } & RecordsConfig) {
  const { repos } = deps;
  return {
    ...createIntakeActivities(repos),
    ...createInstallationActivities(repos),
    ...createPricingActivities(repos),
    ...createRecordActivities(repos, deps),
    ...createPartsActivities(repos),
    ...createTripRecordActivities(repos, deps),
    ...createFaultWatchActivities(repos),
    ...createMaintenanceActivities(repos),
    ...createUsageActivities(repos),
    ...createQualityRecordActivities(repos, deps),
    ...createComplaintContextActivities(repos),
    ...createSuggestionActivities(repos, deps),
    ...createKpiActivities(repos),
    ...createContractActivities(repos),
    ...createComponentActivities(repos),
    ...createCertificationActivities(repos, deps),
  };
}
export type Activities = ReturnType<typeof createActivities>;
