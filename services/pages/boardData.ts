/** What the dispatcher's board shows, read the way the API's lists read it (the open-work projection). */
import type { Caller } from '../../shared/runtime/auth';
import type { RequestSummary } from '../../shared/serviceRequest/readModel';
import * as s from '../../shared/serviceRequest/schemas';
import type { Repositories } from '../../shared/storage/repositories';
import { HttpError } from '../http/errors';
import type { createRequestLists } from '../serviceRequest/listing';
import type { BoardData, Lane } from './dispatcherBoard';
import type { Lang } from './i18n';
import type { TripToDecide } from './boardTrips';

const LANE_DAYS = 3;

export async function boardData(
  repos: Repositories,
  lists: ReturnType<typeof createRequestLists>,
  caller: Caller,
  query: Record<string, unknown>,
  lang: Lang,
): Promise<BoardData> {
  const pick = (k: string) => (typeof query[k] === 'string' && query[k] ? (query[k] as string) : undefined);
  const filters = {
    region: pick('region'),
    status: pick('status'),
    engineerId: pick('engineerId'),
    breached: pick('breached'),
  };
  const parsed = s.listQuerySchema.safeParse({ ...filters, open: 'true', sort: 'deadline', limit: 200 });
  if (!parsed.success) throw new HttpError(400, parsed.error.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  const [board, queue, all, engineers, trips] = await Promise.all([
    lists(caller, parsed.data),
    lists(
      caller,
      s.listQuerySchema.parse({ open: 'true', status: 'awaiting_assignment', sort: 'deadline', limit: 200 }),
    ),
    lists(caller, s.listQuerySchema.parse({ open: 'true', status: 'scheduled', limit: 200 })),
    repos.masterData.activeEngineers(),
    repos.fieldTrip.toDecide(50),
  ]);
  const today = new Date().toISOString().slice(0, 10);
  const until = new Date(Date.now() + LANE_DAYS * 86_400_000).toISOString().slice(0, 10);
  const scheduled = all.items as RequestSummary[];
  const lanes: Lane[] = await Promise.all(
    engineers.map(async (e) => ({
      engineerId: e.engineerId as string,
      name: e.name as string,
      appointments: scheduled
        .filter((r) => r.engineerId === e.engineerId && r.appointmentStart && r.appointmentStart.slice(0, 10) <= until)
        .map((r) => ({ requestNo: r.requestNo, start: r.appointmentStart! }))
        .sort((a, b) => (a.start < b.start ? -1 : 1)),
      // One engineer's trips that have not ended before today (an equality the database serves by field).
      trips: (await repos.fieldTrip.tripsOf(e.engineerId as string, 20))
        .filter((tr) => (tr.plannedEnd as string) >= today && (tr.plannedStart as string) <= until)
        .map((tr) => ({
          tripId: tr.tripId as string,
          plannedStart: tr.plannedStart as string,
          plannedEnd: tr.plannedEnd as string,
          status: tr.status as string,
        })),
    })),
  );
  return {
    lang,
    rows: board.items as RequestSummary[],
    queue: queue.items as RequestSummary[],
    engineers: engineers.map((e) => ({
      engineerId: e.engineerId as string,
      name: e.name as string,
      regions: (e.regions as string[]) ?? [],
    })),
    lanes,
    // A region's dispatcher decides the trips of that region.
    trips: (trips as unknown as TripToDecide[]).filter((tr) => !filters.region || tr.region === filters.region),
    filters,
    regions: [...new Set(engineers.flatMap((e) => (e.regions as string[]) ?? []))].sort(),
  };
}
