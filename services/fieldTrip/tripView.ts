/**
 * Reading one trip as its caller may see it: the running workflow's view, or the read model once the trip
 * has finished; an engineer sees only their own trips. Shared by the API and the engineer's pages.
 */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Caller } from '../../shared/runtime/auth';
import { tripWorkflowId } from '../../shared/fieldTrip/ids';
import { getTripQuery } from '../../shared/fieldTrip/messages';
import type { TripView } from '../../shared/fieldTrip/types';
import type { Repositories } from '../../shared/storage/repositories';
import { HttpError } from '../http/errors';

export function tripReader(client: Client, repos: Repositories) {
  return async function tripOf(caller: Caller, tripId: string): Promise<TripView> {
    let view: TripView;
    try {
      view = await client.workflow.getHandle(tripWorkflowId(tripId)).query(getTripQuery);
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
      const doc = await repos.fieldTrip.trips.get(tripId);
      if (!doc) throw new HttpError(404, `trip ${tripId} not found`);
      view = doc as unknown as TripView;
    }
    if (caller.role === 'engineer' && view.engineerId !== caller.id)
      throw new HttpError(403, `trip ${tripId} belongs to another engineer`);
    return view;
  };
}
