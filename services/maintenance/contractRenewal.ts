/**
 * R-MAINT-2: a contract's plans follow its end date. When a contract is renewed (its end moves), its
 * plans and their Schedules run on to the new end; a plan already past its old end stays ended.
 */
import { ScheduleNotFoundError, type Client } from '@temporalio/client';
import { maintenanceScheduleId } from '../../shared/maintenance/ids';
import type { Models } from '../../shared/storage/models';
import { specOf } from './schedule';

export async function followContractEnd(
  deps: { client: Client; models: Models },
  contractNo: string,
  end: string,
  by: string,
) {
  const plans = await deps.models.MaintenancePlan.find({ contractNo, status: { $ne: 'ended' } }).lean();
  for (const plan of plans) {
    if (plan.endsOn === end) continue;
    try {
      await deps.client.schedule
        .getHandle(maintenanceScheduleId(plan.planId))
        .update((prev) => ({ ...prev, spec: specOf({ ...plan, endsOn: end }) }));
    } catch (err) {
      if (!(err instanceof ScheduleNotFoundError)) throw err;
    }
    const changes = [
      ...((plan.changes as unknown[]) ?? []),
      { at: new Date().toISOString(), by, endsOn: end, reason: `contract ${contractNo} now ends ${end}` },
    ];
    await deps.models.MaintenancePlan.updateOne(
      { _id: plan.planId },
      { $set: { endsOn: end, version: plan.version + 1, changes } },
    );
  }
}
