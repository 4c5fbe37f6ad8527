/**
 * Data directories from before the customers' and engineers' request logs (decision 0006), or the
 * complaints of each request: the worker enters every earlier request (complaint) into them once, oldest
 * first, in the background. Until it is done a list
 * may miss older requests of a customer who has newer ones. Appends are idempotent (one marker per
 * request and key), so two workers migrating at once, or a migration cut short, do no harm.
 */
import { logger } from '../runtime/logger';
import { ignoreDuplicateKey, type Models } from './models';
import { UnitRequestLog } from './unitRequestLog';

const DONE = 'migration|request-lists-v1';
const COMPLAINTS_DONE = 'migration|complaint-lists-v1';

/** One-time migrations mark themselves done beside the lists' slots (the KPI backfill too). */
export const isMigrationDone = async (models: Models, id: string): Promise<boolean> =>
  !!(await models.UnitRequest.exists({ _id: id }));
export const markMigrationDone = (models: Models, id: string) =>
  models.UnitRequest.create({ _id: id }).then(() => undefined, ignoreDuplicateKey);

export function migrateRequestLists(models: Models) {
  let stopped = false;
  const requestLists = async () => {
    if (await isMigrationDone(models, DONE)) return;
    const customers = new UnitRequestLog(models, 'customer');
    const engineers = new UnitRequestLog(models, 'engineer');
    let entered = 0;
    const rows = models.ServiceRequest.find({}, { requestNo: 1, customerId: 1, engineerId: 1, receivedAt: 1 })
      .sort({ receivedAt: 1 })
      .lean()
      .cursor();
    for await (const r of rows) {
      if (stopped) return;
      if (r.customerId) await customers.append(r.customerId, r.requestNo);
      if (r.engineerId) await engineers.append(r.engineerId, r.requestNo);
      entered += 1;
    }
    await markMigrationDone(models, DONE);
    if (entered) logger.info({ entered }, 'customer and engineer request lists migrated');
  };
  // The complaints about each request (R-FOLLOW-4), read by _id when the request is read.
  const complaintLists = async () => {
    if (await isMigrationDone(models, COMPLAINTS_DONE)) return;
    const complaintsOf = new UnitRequestLog(models, 'complaints');
    let entered = 0;
    const rows = models.Complaint.find({}, { complaintNo: 1, relatedRequestNos: 1, receivedAt: 1 })
      .sort({ receivedAt: 1 })
      .lean()
      .cursor();
    for await (const c of rows) {
      if (stopped) return;
      for (const no of c.relatedRequestNos ?? []) await complaintsOf.append(no, c.complaintNo);
      entered += 1;
    }
    await markMigrationDone(models, COMPLAINTS_DONE);
    if (entered) logger.info({ entered }, 'the complaints of each request migrated');
  };
  const done = (async () => {
    await requestLists();
    await complaintLists();
  })().catch((err) =>
    logger.error({ err: (err as Error).message }, 'request list migration failed; retried at the next start'),
  );
  return {
    done,
    stop: () => {
      stopped = true;
      return done;
    },
  };
}
