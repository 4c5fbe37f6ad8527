/**
 * Desk queues read from Temporal's visibility: running processes by their status search attribute,
 * indexed by Temporal. The rows are then read by `_id`, because FerretDB answers a filter on any other
 * field with a scan of the whole collection.
 */
import type { Client } from '@temporalio/client';

export const OPEN_COMPLAINT = ['received', 'acknowledged', 'investigating', 'resolution_proposed', 'follow_up_due'];

/** Workflow ids of running processes matching a visibility query, at most `limit`. */
export async function running(client: Client, query: string, limit: number): Promise<string[]> {
  const ids: string[] = [];
  for await (const wf of client.workflow.list({ query, pageSize: limit })) {
    ids.push(wf.workflowId);
    if (ids.length >= limit) break;
  }
  return ids;
}

/** `complaint:CP-…` → `CP-…`, `service-request:SR-…` → `SR-…`. */
export const numberOf = (workflowId: string) => workflowId.slice(workflowId.indexOf(':') + 1);

export const complaintsIn = (statuses: string[]) =>
  `WorkflowType = "complaint" AND ExecutionStatus = "Running" AND RequestStatus IN (${statuses.map((s) => `"${s}"`).join(', ')})`;
