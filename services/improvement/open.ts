/** Opening an improvement action from a service (by hand, from an inspection finding): its workflow, once per id. */
import { WorkflowNotFoundError } from '@temporalio/client';
import type { Actor } from '../../shared/common/actor';
import { improvementWorkflowId } from '../../shared/improvement/ids';
import { getImprovementQuery } from '../../shared/improvement/messages';
import type { ImprovementSource, StartImprovement } from '../../shared/improvement/types';
import type { Config } from '../../shared/runtime/config';
import { SA } from '../../shared/serviceRequest/searchAttributes';
import type { improvementAction } from '../../workflows';
import type { RequestDeps } from '../serviceRequest/requestState';

const DAY = 86_400_000;

export interface OpenImprovement {
  actionId: string;
  source: ImprovementSource;
  sourceRef?: string;
  title: string;
  description: string;
  ownerId: string;
  ownerEmail?: string;
  dueInDays?: number;
  openedBy: Actor;
}

export function improvementOpener({ client, repos, config }: RequestDeps & { config: Config }) {
  /** Whether the action exists: its workflow, or (once that is gone from retention) its row. */
  async function known(actionId: string): Promise<boolean> {
    try {
      await client.workflow.getHandle(improvementWorkflowId(actionId)).describe();
      return true;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return repos.improvement.actions.has(actionId);
      throw err;
    }
  }

  /** Starts the action's workflow unless it exists; answers it either way (`existed` for a retry). */
  async function open(o: OpenImprovement) {
    const existed = await known(o.actionId);
    if (!existed) {
      const [policy, region] = await Promise.all([
        repos.servicePolicy.policies.get('service'),
        repos.masterData.regionSupervisedBy(o.ownerId),
      ]);
      const start: StartImprovement = {
        actionId: o.actionId,
        source: o.source,
        ...(o.sourceRef ? { sourceRef: o.sourceRef } : {}),
        title: o.title,
        description: o.description,
        owner: { id: o.ownerId, ...(o.ownerEmail ? { email: o.ownerEmail } : {}) },
        dueAt: new Date(Date.now() + (o.dueInDays ?? policy?.improvementDueDays ?? 14) * DAY).toISOString(),
        openedBy: o.openedBy,
        ...(region?.managerEmail ? { managerEmail: region.managerEmail } : {}),
        remindBeforeMs: (policy?.improvementReminderDays ?? 2) * DAY,
      };
      await client.workflow.start<typeof improvementAction>('improvementAction', {
        taskQueue: config.taskQueue,
        workflowId: improvementWorkflowId(o.actionId),
        workflowIdConflictPolicy: 'USE_EXISTING', // two retries racing: both answer the one action
        args: [start],
        staticSummary: `${o.actionId} · ${o.source} · ${o.title.slice(0, 80)}`,
        typedSearchAttributes: [{ key: SA.status, value: 'open' }],
      });
    }
    const view = await client.workflow.getHandle(improvementWorkflowId(o.actionId)).query(getImprovementQuery);
    return { actionId: o.actionId, workflowId: view.workflowId, status: view.status, dueAt: view.dueAt, existed };
  }

  return { known, open };
}
