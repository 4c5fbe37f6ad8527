/** Activities are created by a factory that receives their dependencies (DESIGN: Activities). */
import type { Models } from '../shared/models';
import { createIntakeActivities } from './intake';
import { createPricingActivities } from './pricing';
import { createPartsActivities } from './parts';
import { createRecordActivities, type RecordsConfig } from './records';

export function createActivities(deps: { models: Models } & RecordsConfig) {
  return { ...createIntakeActivities(deps.models), ...createPricingActivities(deps.models), ...createPartsActivities(deps.models), ...createRecordActivities(deps.models, deps) };
}
export type Activities = ReturnType<typeof createActivities>;
