/**
 * GET /requests, routed so that no everyday list reads the history (docs/decisions/0006):
 * - open work (`open=true`, or an open status: the dispatcher board, an engineer's jobs) from the
 *   in-memory open-work projection, filtered and sorted there;
 * - an engineer's own requests, or one customer's, newest first, from their slot logs by _id;
 * - anything else (a period, closed requests of a region…) is history browsing for the audit: a query
 *   on the read model, served by its indexes on MongoDB and by a scan on FerretDB.
 */
import type { Actor } from '../../shared/common/actor';
import { firstInOrder } from '../../shared/common/firstInOrder';
import type { listQuerySchema } from '../../shared/serviceRequest/schemas';
import { AFTER_VISIT_STATUSES, type RequestStatus } from '../../shared/serviceRequest/vocabulary';
import { periodFilter } from '../../shared/common/schemaParts';
import type { OpenRow } from '../../shared/storage/openWork';
import type { Repositories } from '../../shared/storage/repositories';

type ListQuery = ReturnType<typeof listQuerySchema.parse>;

/** The row as the list shows it: without the storage fields and the sort key. */
const HIDDEN = ['_id', 'deadlineOrder', 'createdAt', 'updatedAt'];
const visible = (row: OpenRow) =>
  Object.fromEntries(Object.entries(row).filter(([k]) => !HIDDEN.includes(k))) as Omit<
    OpenRow,
    '_id' | 'deadlineOrder'
  >;

export function createRequestLists(requests: Repositories['serviceRequest']) {
  const { openWork } = requests;
  const logs = { customer: requests.customerLog, engineer: requests.engineerLog };

  async function fromOpenWork(q: ListQuery, engineerId?: string) {
    const period = periodFilter(q.receivedFrom, q.receivedTo);
    const wanted = (r: OpenRow) =>
      (!q.status || r.status === q.status) &&
      (!q.region || r.region === q.region) &&
      (!engineerId || r.engineerId === engineerId) &&
      (!q.customerId || r.customerId === q.customerId) &&
      (!q.breached || r.slaBreached === (q.breached === 'true')) &&
      (!period?.$gte || r.receivedAt >= period.$gte) &&
      (!period?.$lte || r.receivedAt <= period.$lte);
    // Plain code-unit order (ISO times sort as text): localeCompare costs far more over thousands of rows.
    const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const before =
      q.sort === 'deadline'
        ? (a: OpenRow, b: OpenRow) => cmp(a.deadlineOrder, b.deadlineOrder) || cmp(a.receivedAt, b.receivedAt)
        : (a: OpenRow, b: OpenRow) => cmp(b.receivedAt, a.receivedAt);
    // Only the rows up to the page's end are put in order, not every open request.
    const { first, total } = firstInOrder(await openWork.current(), q.offset + q.limit, before, wanted);
    return { items: first.slice(q.offset).map(visible), total };
  }

  /** One key's requests newest first. `total` counts every request the key ever had (one moved away included). */
  async function fromLog(scope: 'customer' | 'engineer', key: string, q: ListQuery) {
    const { requestNos, total } = await logs[scope].page(key, q.offset, q.limit);
    if (total === 0) return fromHistory(q, scope === 'engineer' ? key : undefined); // none, or only data from before the logs
    const docs = await requests.requests.getMany(requestNos);
    const items = docs.filter((d) => d && (scope === 'customer' ? d.customerId === key : d.engineerId === key));
    return { items: items.map((d) => visible(d as OpenRow)), total };
  }

  async function fromHistory(q: ListQuery, engineerId?: string) {
    return requests.browse({
      ...(q.status ? { status: q.status } : {}),
      ...(q.region ? { region: q.region } : {}),
      ...(q.customerId ? { customerId: q.customerId } : {}),
      ...(engineerId ? { engineerId } : {}),
      ...(q.breached ? { breached: q.breached === 'true' } : {}),
      ...(q.open ? { open: q.open === 'true' } : {}),
      receivedFrom: q.receivedFrom,
      receivedTo: q.receivedTo,
      sort: q.sort === 'deadline' ? 'deadline' : 'received',
      offset: q.offset,
      limit: q.limit,
    });
  }

  return async function listRequests(caller: Actor, q: ListQuery) {
    // Engineers see only their own work, whatever they ask for.
    const engineerId = caller.role === 'engineer' ? caller.id : q.engineerId;
    const openOnly =
      q.open === 'true' || (!!q.status && ![...AFTER_VISIT_STATUSES, 'aborted'].includes(q.status as RequestStatus));
    const narrowed = q.status || q.region || q.breached || q.receivedFrom || q.receivedTo || q.open;
    const page = openOnly
      ? await fromOpenWork(q, engineerId)
      : !narrowed && engineerId && !q.customerId
        ? await fromLog('engineer', engineerId, q)
        : !narrowed && q.customerId && !engineerId
          ? await fromLog('customer', q.customerId, q)
          : await fromHistory(q, engineerId);
    return { ...page, limit: q.limit, offset: q.offset };
  };
}
