/**
 * Opening a service request from another workflow (an IoT fault watch, a complaint's revisit) as a child:
 * the start is a command in the parent's history, so the request is started exactly once. Its number is
 * claimed by the start itself, as at intake; a number already taken is tried again with the next one.
 */
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ParentClosePolicy, proxyLocalActivities, startChild } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { Actor } from '../../shared/common/actor';
import type { MaintenanceOrder } from '../../shared/maintenance/types';
import { serviceRequestWorkflowId } from '../../shared/serviceRequest/ids';
import type { IntakeInput } from '../../shared/serviceRequest/schemas';
import { SA } from '../../shared/serviceRequest/searchAttributes';
import type { serviceRequest } from '../serviceRequest/workflow';
import { DATABASE_RETRY } from './retries';

const MAX_NUMBER_TRIES = 20;
const local = (summary: string) =>
  proxyLocalActivities<Activities>({
    startToCloseTimeout: '10 seconds',
    retry: DATABASE_RETRY,
    summary,
  });

export interface ChildRequestOrder {
  intake: IntakeInput;
  by: Actor;
  /** The request's summary in the Temporal UI after its number: kind · urgency · customer · region. */
  summaryTail: string;
  details: string;
  /** R-MAINT-1: the plan's due date and checklist, for a maintenance request. */
  maintenance?: MaintenanceOrder;
}

/** Starts the request; `ended` settles when its workflow ends (completed, failed or terminated). */
export async function startRequestAsChild(o: ChildRequestOrder): Promise<{ requestNo: string; ended: Promise<void> }> {
  let no = await local('pick a request number').guessRequestNo({});
  for (let tries = 1; ; tries++) {
    try {
      const child = await startChild<typeof serviceRequest>('serviceRequest', {
        workflowId: serviceRequestWorkflowId(no),
        args: [
          {
            requestNo: no,
            intake: o.intake,
            receivedBy: o.by,
            ...(o.maintenance ? { maintenance: o.maintenance } : {}),
          },
        ],
        parentClosePolicy: ParentClosePolicy.ABANDON, // the request lives on its own, whatever happens here
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        staticSummary: `${no} · ${o.summaryTail}`,
        staticDetails: o.details,
        typedSearchAttributes: [
          { key: SA.status, value: 'received' },
          { key: SA.urgency, value: o.intake.urgency },
          { key: SA.region, value: o.intake.region },
          { key: SA.customer, value: o.intake.customerId },
          { key: SA.kind, value: o.intake.kind },
        ],
      });
      const ended = child.result().then(
        () => undefined,
        () => undefined,
      );
      return { requestNo: no, ended };
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError) || tries >= MAX_NUMBER_TRIES) throw err;
      no = await local(`${no} is taken: pick the next number`).guessRequestNo({ tried: no });
    }
  }
}
