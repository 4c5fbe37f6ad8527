/**
 * Data directories from before the customers' and engineers' request logs (decision 0006): the worker
 * enters every earlier request into them once, oldest first, in the background. Until it is done a list
 * may miss older requests of a customer who has newer ones. Appends are idempotent (one marker per
 * request and key), so two workers migrating at once, or a migration cut short, do no harm.
 */
import { logger } from '../runtime/logger';
import { isDuplicateKey, type Models } from './models';
import { UnitRequestLog } from './unitRequestLog';

const DONE = 'migration|request-lists-v1';

export function migrateRequestLists(models: Models) {
  let stopped = false;
  const done = (async () => {
    if (await models.UnitRequest.exists({ _id: DONE })) return;
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
    await models.UnitRequest.create({ _id: DONE }).catch((err) => {
      if (!isDuplicateKey(err)) throw err;
    });
    if (entered) logger.info({ entered }, 'customer and engineer request lists migrated');
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
