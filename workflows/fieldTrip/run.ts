/** What the trip's main flow and its handlers share while it runs. */
import { condition } from '@temporalio/workflow';
import { locations, type TripLocations } from '../../shared/fieldTrip/ids';
import type { TripView } from '../../shared/fieldTrip/types';
import type { StartFieldTrip, TripState } from './state';

export interface TripRun {
  trip: TripState;
  input: StartFieldTrip;
  workflowId: string;
  loc: TripLocations;
  ref: { tripId: string };
  /** Runs one stock-moving step at a time: another waits its turn. */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
}

export function tripRun(trip: TripState, input: StartFieldTrip, workflowId: string): TripRun {
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

/** What an operator sees of the trip now in the Temporal UI (current details, Markdown). */
export function tripDetailsOf(v: TripView): string {
  const parts = v.parts.map((p) => `${p.partNo}: ${p.carried || p.reserved}/${p.requested}`).join(', ');
  return [
    `**${v.status}** · engineer ${v.engineerId} · ${v.region}`,
    `parts: ${parts || 'none'}`,
    `requests: ${v.requests.join(', ') || 'none'}`,
    ...(v.missing.length ? [`missing: ${v.missing.map((m) => `${m.quantity} × ${m.partNo}`).join(', ')}`] : []),
    `last step: ${v.history.at(-1)?.action ?? '-'}`,
  ].join('\n\n');
}
