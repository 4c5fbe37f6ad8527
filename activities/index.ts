/** Activities are created by a factory that receives their dependencies (DESIGN: Activities). */
import type { Models } from '../shared/storage/models';
import { createPartsActivities } from './fieldTrip/parts';
import { createTripRecordActivities } from './fieldTrip/tripRecords';
import { createFaultWatchActivities } from './iot/faultWatch';
import { createMaintenanceActivities } from './maintenance/plans';
import { createComplaintContextActivities } from './quality/complaintContext';
import { createKpiActivities } from './kpi/months';
import { createQualityRecordActivities } from './quality/records';
import { createIntakeActivities } from './serviceRequest/intake';
import { createInstallationActivities } from './commissioning/installation';
import { createPricingActivities } from './serviceRequest/pricing';
import { createRecordActivities, type RecordsConfig } from './serviceRequest/records';

export function createActivities(deps: { models: Models } & RecordsConfig) {
  const { models } = deps;
  return {
    ...createIntakeActivities(models),
    ...createInstallationActivities(models),
    ...createPricingActivities(models),
    ...createRecordActivities(models, deps),
    ...createPartsActivities(models),
    ...createTripRecordActivities(models, deps),
    ...createFaultWatchActivities(models),
    ...createMaintenanceActivities(models),
    ...createQualityRecordActivities(models, deps),
    ...createComplaintContextActivities(models),
    ...createKpiActivities(models),
  };
}
export type Activities = ReturnType<typeof createActivities>;
