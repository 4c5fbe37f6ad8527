/** KPI facts and monthly rows (R-RECORD-3): reported once per fact, one row per month. */
import { Context } from '@temporalio/activity';
import type { KpiFact, MonthSums } from '../../shared/kpi/facts';
import { kpiFactSignal, kpiMonthWorkflowId } from '../../shared/kpi/messages';
import type { Repositories } from '../../shared/storage/repositories';

export function createKpiActivities(repos: Repositories) {
  return {
    /** Signal-with-start on the fact's month: the month workflow counts each fact once. */
    async reportKpiFact(fact: KpiFact): Promise<void> {
      const { client, info } = Context.current();
      await client.workflow.signalWithStart('kpiMonth', {
        workflowId: kpiMonthWorkflowId(fact.month),
        taskQueue: info.taskQueue,
        args: [{ month: fact.month }],
        signal: kpiFactSignal,
        signalArgs: [fact],
        staticSummary: `KPIs of ${fact.month}`,
      });
    },
    /** The month's row; an older version never overwrites a newer one. */
    async publishKpiMonth({
      month,
      version,
      sums,
    }: {
      month: string;
      version: number;
      sums: MonthSums;
    }): Promise<void> {
      await repos.kpi.months.putNewer(month, version, { month, version, sums });
    },
  };
}
