/**
 * The engineer's trip pages: plan a trip (`/app/engineer/trips/new`) and the trip sheet
 * (`/app/engineer/trips/{tripId}`). They only read; the forms send the trip API (`POST /trips…`).
 */
import type { Router } from 'express';
import * as s from '../../shared/serviceRequest/schemas';
import { tripIdParamSchema } from '../../shared/fieldTrip/schemas';
import type { RequestSummary } from '../../shared/serviceRequest/readModel';
import { HttpError } from '../http/errors';
import { createRequestLists } from '../serviceRequest/listing';
import { choicesFor } from '../serviceRequest/partsForUnit';
import { requestCalls, type RequestDeps } from '../serviceRequest/requestState';
import { tripReader } from '../fieldTrip/tripView';
import { t } from './i18n';
import { render, staffOf } from './pageKit';
import { tripPlanPage } from './tripPlan';
import { tripSheetPage } from './tripSheet';

export function mountTripPages(router: Router, deps: RequestDeps): void {
  const { repos } = deps;
  const lists = createRequestLists(repos.serviceRequest);
  const { visibleState } = requestCalls(deps);
  const tripOf = tripReader(deps.client, repos);

  async function myJobs(caller: Parameters<typeof lists>[0]): Promise<RequestSummary[]> {
    const mine = await lists(caller, s.listQuerySchema.parse({ open: 'true', sort: 'deadline', limit: 100 }));
    return (mine.items as RequestSummary[]).filter((r) => r.status !== 'offered' && r.engineerId === caller.id);
  }

  router.get(
    '/app/engineer/trips/new',
    render(
      (lang) => t(lang, 'planTrip'),
      async (req, lang) => {
        const caller = await staffOf(repos.accounts, req, ['engineer']);
        const [engineer, warehouses, kit, jobs] = await Promise.all([
          repos.masterData.engineers.get(caller.id, { regions: 1 }),
          repos.masterData.allWarehouses(),
          repos.masterData.kitParts(),
          myJobs(caller),
        ]);
        // Each request's fitting parts, as GET /requests/{no}/parts answers them (the van's count included).
        const withParts = await Promise.all(
          jobs.map(async (job) => ({
            job,
            parts: (await choicesFor(repos, await visibleState(caller, job.requestNo))).parts,
          })),
        );
        return {
          body: tripPlanPage(lang, {
            regions: (engineer?.regions as string[]) ?? [],
            warehouses: warehouses.map((w) => ({
              warehouseId: w.warehouseId as string,
              name: w.name as string | undefined,
              region: w.region as string | undefined,
            })),
            jobs: withParts,
            kit: kit.map((k) => ({ partNo: k.partNo as string, name: k.name as string })),
          }),
          who: caller.id,
        };
      },
    ),
  );

  router.get(
    '/app/engineer/trips/:tripId',
    render(
      (lang) => t(lang, 'tripSheet'),
      async (req, lang) => {
        const caller = await staffOf(repos.accounts, req, ['engineer']);
        const parsed = tripIdParamSchema.safeParse(req.params);
        if (!parsed.success)
          throw new HttpError(400, `no trip ${String(req.params.tripId)}: a trip id looks like TRIP-20261122-AB12`);
        const [view, jobs] = await Promise.all([tripOf(caller, parsed.data.tripId), myJobs(caller)]);
        return {
          body: tripSheetPage(
            lang,
            view,
            jobs.map((j) => j.requestNo),
          ),
          who: caller.id,
        };
      },
    ),
  );
}
