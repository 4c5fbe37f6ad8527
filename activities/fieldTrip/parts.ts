/** Activities of the fieldTrip workflow: trip context, stock movements, nearby work, quality inspections. */
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { NearbyWork, TripContext } from '../../shared/fieldTrip/types';
import type { Repositories } from '../../shared/storage/repositories';
import type { Movement, StockLedger } from '../../shared/storage/stockLedger';

const HOUR = 3_600_000;
/** Requests a nearby engineer could still take: not yet visited. */
const NOT_YET_VISITED = ['received', 'offered', 'awaiting_assignment', 'assigned', 'scheduled'];

export function createPartsActivities(repos: Repositories, ledger: StockLedger = repos.fieldTrip.ledger) {
  return {
    async loadTripContext({ engineerId, region }: { engineerId: string; region: string }): Promise<TripContext> {
      const [engineer, r, policy] = await Promise.all([
        repos.masterData.engineers.get(engineerId),
        repos.masterData.regions.get(region),
        repos.servicePolicy.policies.get('service'),
      ]);
      if (!engineer)
        throw ApplicationFailure.create({
          type: 'NotFound',
          message: `engineer ${engineerId} not found`,
          nonRetryable: true,
        });
      const p = (policy ?? {}) as Record<string, number | undefined>;
      return {
        engineer: {
          engineerId,
          name: engineer.name,
          skills: engineer.skills ?? [],
          ...(engineer.email ? { email: engineer.email } : {}),
        },
        contacts: {
          ...(r?.supervisorEmail ? { supervisorEmail: r.supervisorEmail } : {}),
          ...(r?.managerEmail ? { managerEmail: r.managerEmail } : {}),
        },
        stockRetryMs: p.stockRetryMs ?? HOUR,
        stockEscalationMs: p.stockEscalationMs ?? 24 * HOUR,
        returnGraceMs: p.returnGraceMs ?? 24 * HOUR,
      };
    },

    /** One stock movement, once per key; a retry after a crash finishes it (see StockLedger). */
    async transferStock(m: Movement): Promise<number> {
      const since = Context.current().info.scheduledTimestampMs;
      return ledger.move(m, since);
    },

    /** R-VISIT-4: open requests in the region that match the engineer's skills and are not yet visited. */
    async findNearbyWork({
      region,
      skills,
      exclude,
    }: {
      region: string;
      skills: string[];
      exclude: string[];
    }): Promise<NearbyWork[]> {
      // From the open-work projection, nearest deadline first: no scan of the history (decision 0006).
      const docs = (await repos.serviceRequest.openWork.current())
        .filter((d) => d.region === region && NOT_YET_VISITED.includes(d.status))
        .filter((d) => !!d.productLine && skills.includes(d.productLine))
        .filter((d) => !exclude.includes(d.requestNo))
        .sort((a, b) => (a.deadlineOrder < b.deadlineOrder ? -1 : a.deadlineOrder > b.deadlineOrder ? 1 : 0))
        .slice(0, 20);
      return docs.map((d) => ({
        requestNo: d.requestNo,
        productLine: d.productLine ?? null,
        status: d.status ?? '',
        urgency: d.urgency ?? '',
        nextDeadline: d.nextDeadline ?? null,
      }));
    },

    /** R-PARTS-5: one inspection per faulty module, keyed by trip and number (a retry opens none twice). */
    async openQualityInspections(
      list: { id: string; tripId: string; requestNo: string; partNo: string; symptom: string; origin: string }[],
    ): Promise<void> {
      for (const i of list) {
        await repos.fieldTrip.recordInspection(i.id, {
          tripId: i.tripId,
          requestNo: i.requestNo,
          partNo: i.partNo,
          symptom: i.symptom,
          origin: i.origin,
          status: 'open',
        });
      }
    },

    /** Which trip serves a request, so that cancelling the request releases its parts. */
    async linkTripRequests({
      tripId,
      requestNos,
      linked,
    }: {
      tripId: string;
      requestNos: string[];
      linked: boolean;
    }): Promise<void> {
      for (const requestNo of requestNos) {
        if (linked) await repos.fieldTrip.tripRequests.update(requestNo, { $set: { tripId } }, { upsert: true });
        else await repos.fieldTrip.tripRequests.remove(requestNo, { tripId });
      }
    },

    /**
     * R-PARTS-3, decided by the trip when a part is consumed: why this part may not be used here, if not.
     * The trip already holds the part and the request; a request the read model has not shown yet is no refusal.
     */
    async partRefusal({ partNo, requestNo }: { partNo: string; requestNo: string }): Promise<string | undefined> {
      const problem = await repos.masterData.checkParts([{ partNo, requestNo }]);
      return problem?.kind === 'refused' ? problem.message : undefined;
    },

    /** The trip a request is attached to, if any (for the compensation of a cancelled request). */
    async tripOfRequest({ requestNo }: { requestNo: string }): Promise<string | undefined> {
      return (await repos.fieldTrip.tripRequests.get(requestNo, { tripId: 1 }))?.tripId ?? undefined;
    },
  };
}
