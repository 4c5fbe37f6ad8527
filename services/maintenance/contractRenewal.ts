/**
 * R-MAINT-2: a contract's plans follow its end date. When a contract is renewed (its end moves), its
 * plans and their Schedules run on to the new end; a plan already past its old end stays ended.
 */
import { ScheduleNotFoundError, type Client } from '@temporalio/client';
import { maintenanceScheduleId } from '../../shared/maintenance/ids';
import type { Repositories } from '../../shared/storage/repositories';
import { calendarOf, specOf } from './schedule';

export async function followContractEnd(
  deps: { client: Client; repos: Repositories },
  contractNo: string,
  end: string,
  by: string,
) {
  const plans = await deps.repos.maintenance.ofContract(contractNo);
  for (const plan of plans) {
    if (plan.endsOn === end) continue;
    const calendar = calendarOf(plan);
    if (calendar)
      try {
        await deps.client.schedule
          .getHandle(maintenanceScheduleId(plan.planId))
          .update((prev) => ({ ...prev, spec: specOf({ ...calendar, endsOn: end }) }));
      } catch (err) {
        if (!(err instanceof ScheduleNotFoundError)) throw err;
      }
    const changes = [
      ...((plan.changes as unknown[]) ?? []),
      { at: new Date().toISOString(), by, endsOn: end, reason: `contract ${contractNo} now ends ${end}` },
    ];
    await deps.repos.maintenance.change(plan.planId, plan.version + 1, changes, { endsOn: end });
  }
}
