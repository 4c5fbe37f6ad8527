/**
 * Reading a request's state for a caller: from its workflow, from the archive once it has finished, or,
 * for a run that ended abnormally (terminated, failed, timed out), from what it left: the state it started
 * its last run with and the status the read model last showed. A request that exists never answers 500.
 */
import type { Client } from '@temporalio/client';
import { fromPayloadsAtIndex } from '@temporalio/common';
import type { Caller } from '../../shared/runtime/auth';
import { serviceRequestWorkflowId } from '../../shared/serviceRequest/ids';
import { getStateQuery } from '../../shared/serviceRequest/messages';
import type { ServiceRequestView } from '../../shared/serviceRequest/types';
import type { Repositories } from '../../shared/storage/repositories';
import type { serviceRequest } from '../../workflows';
import { HttpError } from '../http/errors';
import { workflowCalls } from '../http/workflowCalls';

export interface RequestDeps {
  client: Client;
  repos: Repositories;
}

type StartInput = Parameters<typeof serviceRequest>[0];

export function requestCalls({ client, repos }: RequestDeps) {
  const { requests, archived, withWholeHistory } = repos.serviceRequest;
  const calls = workflowCalls(client, {
    workflowId: serviceRequestWorkflowId,
    noun: 'request',
    known: (requestNo) => requests.has(requestNo),
  });

  /** The state a run that ended abnormally left behind, or undefined when the request is running or unknown. */
  async function leftBehind(requestNo: string): Promise<ServiceRequestView | undefined> {
    const row = await requests.get(requestNo);
    if (!row) return undefined;
    const described = await calls.handleOf(requestNo).describe();
    if (described.status.name === 'RUNNING' || described.status.name === 'COMPLETED') return undefined;
    // Only the run's first event: its input holds the intake and the state carried over by continue-as-new.
    const { history } = await client.workflowService.getWorkflowExecutionHistory({
      namespace: client.options.namespace,
      execution: { workflowId: described.workflowId, runId: described.runId },
      maximumPageSize: 1,
    });
    const payloads = history?.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads;
    const input = fromPayloadsAtIndex<StartInput>(client.options.loadedDataConverter.payloadConverter, 0, payloads);
    const carried = input.resume?.view;
    const status = (row.status ?? carried?.status ?? 'received') as ServiceRequestView['status'];
    const view: ServiceRequestView = carried ?? {
      requestNo,
      workflowId: described.workflowId,
      status,
      intake: input.intake,
      receivedAt: row.receivedAt ?? '',
      receivedBy: input.receivedBy,
      candidates: [],
      history: [],
      seq: 0,
    };
    return {
      ...view,
      status,
      ended: {
        state: described.status.name,
        at: (described.closeTime ?? new Date()).toISOString(),
        lastSeq: row.version,
      },
    };
  }

  async function stateOf(requestNo: string): Promise<ServiceRequestView> {
    try {
      const view = await calls.handleOf(requestNo).query(getStateQuery);
      if (view.status !== 'closed') return view;
      // A closed run's state is final; what was learnt later (a fix that did not hold) is in its archive.
      const later = (await archived.get(requestNo))?.record as ServiceRequestView | undefined;
      return later?.firstTimeFix === false ? { ...view, firstTimeFix: false, recurrences: later.recurrences } : view;
    } catch (err) {
      const archive = await archived.get(requestNo);
      if (archive) return { ...(archive.record as ServiceRequestView), status: 'closed' };
      const ended = await leftBehind(requestNo).catch(() => undefined);
      if (ended) return ended;
      throw await calls.toHttpError(err, requestNo);
    }
  }

  /** The request's state, if this caller may see it: engineers only their offered or assigned work. */
  async function visibleState(caller: Caller, requestNo: string): Promise<ServiceRequestView> {
    const view = await stateOf(requestNo);
    if (caller.role === 'engineer' && view.engineerId !== caller.id && view.offer?.engineerId !== caller.id) {
      throw new HttpError(403, `request ${requestNo} is not assigned or offered to you`);
    }
    return view;
  }

  /** As visibleState, with the whole history: the entries moved out of the workflow's state too. */
  async function visibleWithHistory(caller: Caller, requestNo: string): Promise<ServiceRequestView> {
    return withWholeHistory(await visibleState(caller, requestNo));
  }

  return { ...calls, stateOf, visibleState, visibleWithHistory };
}
