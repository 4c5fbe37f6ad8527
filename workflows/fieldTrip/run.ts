/** What the trip's main flow and its handlers share while it runs. */
import { condition } from '@temporalio/workflow';
import { locations, type TripLocations } from '../../shared/fieldTrip/ids';
import type { FieldTripState, StartFieldTrip } from './reconciliation';

export interface TripRun {
  trip: FieldTripState;
  input: StartFieldTrip;
  workflowId: string;
  loc: TripLocations;
  ref: { tripId: string };
  /** Runs one stock-moving step at a time: another waits its turn. */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
}

export function tripRun(trip: FieldTripState, input: StartFieldTrip, workflowId: string): TripRun {
  let busy = false; // a handler is moving stock: another stock-moving step waits its turn
  const exclusive = async <T>(fn: () => Promise<T>): Promise<T> => {
    await condition(() => !busy);
    busy = true;
    try {
      return await fn();
    } finally {
      busy = false;
    }
  };
  return { trip, input, workflowId, loc: locations(input), ref: { tripId: input.tripId }, exclusive };
}
