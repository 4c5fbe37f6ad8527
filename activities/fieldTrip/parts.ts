/** Activities of the fieldTrip workflow: trip context, stock movements, nearby work, quality inspections. */
import { openWorkOf } from '../../shared/storage/openWork';
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { NearbyWork, TripContext } from '../../shared/fieldTrip/types';
import type { Models } from '../../shared/storage/models';
import { checkParts } from '../../shared/storage/partsCatalog';
import { StockLedger, type Movement } from '../../shared/storage/stockLedger';

const HOUR = 3_600_000;
/** Requests a nearby engineer could still take: not yet visited. */
const NOT_YET_VISITED = ['received', 'offered', 'awaiting_assignment', 'assigned', 'scheduled'];

export function createPartsActivities(models: Models, ledger = new StockLedger(models)) {
  return {
    async loadTripContext({ engineerId, region }: { engineerId: string; region: string }): Promise<TripContext> {
      const [engineer, r, policy] = await Promise.all([
        models.Engineer.findById(engineerId).lean(),
        models.Region.findById(region).lean(),
        models.Policy.findById('service').lean(),
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
      const docs = (await openWorkOf(models).current())
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
        const fields = {
          tripId: i.tripId,
          requestNo: i.requestNo,
          partNo: i.partNo,
          symptom: i.symptom,
          origin: i.origin,
          status: 'open',
        };
        // The queue entry first: a retry after a crash between the two writes still leaves it listed.
        if (!(await models.InspectionFinding.exists({ _id: i.id })))
          await models.OpenInspection.updateOne({ _id: i.id }, { $setOnInsert: fields }, { upsert: true });
        await models.QualityInspection.updateOne({ _id: i.id }, { $setOnInsert: fields }, { upsert: true });
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
        if (linked) await models.TripRequest.updateOne({ _id: requestNo }, { $set: { tripId } }, { upsert: true });
        else await models.TripRequest.deleteOne({ _id: requestNo, tripId });
      }
    },

    /**
     * R-PARTS-3, decided by the trip when a part is consumed: why this part may not be used here, if not.
     * The trip already holds the part and the request; a request the read model has not shown yet is no refusal.
     */
    async partRefusal({ partNo, requestNo }: { partNo: string; requestNo: string }): Promise<string | undefined> {
      const problem = await checkParts(models, [{ partNo, requestNo }]);
      return problem?.kind === 'refused' ? problem.message : undefined;
    },

    /** The trip a request is attached to, if any (for the compensation of a cancelled request). */
    async tripOfRequest({ requestNo }: { requestNo: string }): Promise<string | undefined> {
      return (await models.TripRequest.findById(requestNo, { tripId: 1 }).lean())?.tripId ?? undefined;
    },
  };
}
