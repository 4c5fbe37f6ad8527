/** Reading a request's state for a caller: from its workflow, or from the archive once it has finished. */
import type { Client } from '@temporalio/client';
import type { Caller } from '../../shared/runtime/auth';
import { serviceRequestWorkflowId } from '../../shared/serviceRequest/ids';
import { getStateQuery } from '../../shared/serviceRequest/messages';
import type { ServiceRequestView } from '../../shared/serviceRequest/types';
import type { Models } from '../../shared/storage/models';
import { HttpError } from '../http/errors';
import { workflowCalls } from '../http/workflowCalls';

export interface RequestDeps {
  client: Client;
  models: Models;
}

export function requestCalls({ client, models }: RequestDeps) {
  const calls = workflowCalls(client, {
    workflowId: serviceRequestWorkflowId,
    noun: 'request',
    known: async (requestNo) => !!(await models.ServiceRequest.exists({ _id: requestNo })),
  });

  async function stateOf(requestNo: string): Promise<ServiceRequestView> {
    try {
      return await calls.handleOf(requestNo).query(getStateQuery);
    } catch (err) {
      const archived = await models.Archive.findById(requestNo).lean();
      if (archived) return { ...(archived.record as ServiceRequestView), status: 'closed' };
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

  return { ...calls, stateOf, visibleState };
}
