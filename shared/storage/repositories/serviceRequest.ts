/**
 * Service requests: the read model row, the archive and the history moved out of a run, by request
 * number; the per-unit, per-customer and per-engineer logs; open work; intake and step keys; signatures.
 * The one query that scans is `browse`, the history browsing of the audit (indexed on MongoDB).
 */
import { periodFilter } from '../../common/schemaParts';
import type { Actor } from '../../common/actor';
import type { RequestSummary } from '../../serviceRequest/readModel';
import type { HistoryEntry } from '../../common/records';
import type { ServiceRequestView } from '../../serviceRequest/types';
import { ChangeLog } from '../changeLog';
import { IntakeKeys } from '../intakeKeys';
import type { StoredFile } from '../attachmentSchemas';
import { Keyed, keyed } from '../keyed';
import type { Models } from '../models';
import { openWorkOf, publishOpenWork } from '../openWork';
import { storeHistoryChunk, withWholeHistory } from '../requestHistory';
import { highestKnownSeq, nextRequestNoGuess } from '../requestNumbers';
import { signatureImage, storeSignature } from '../signatures';
import { bindStepKey } from '../stepKeys';
import { UnitRequestLog } from '../unitRequestLog';

/** What the audit may narrow the read model by. */
export interface BrowseQuery {
  status?: string;
  region?: string;
  customerId?: string;
  engineerId?: string;
  breached?: boolean;
  open?: boolean;
  receivedFrom?: string;
  receivedTo?: string;
  sort?: 'deadline' | 'received';
  offset: number;
  limit: number;
}

export function serviceRequestRepository(m: Models) {
  const requests = keyed(m.ServiceRequest);
  const changeLog = new ChangeLog(m);
  const browseFilter = (q: Omit<BrowseQuery, 'offset' | 'limit' | 'sort'>) => {
    const filter: Record<string, unknown> = {};
    for (const k of ['status', 'region', 'customerId', 'engineerId', 'breached', 'open'] as const)
      if (q[k] !== undefined) filter[k === 'breached' ? 'slaBreached' : k] = q[k];
    const period = periodFilter(q.receivedFrom, q.receivedTo); // R-RECORD-4: a quarter's requests
    if (period) filter.receivedAt = period;
    return filter;
  };
  return {
    requests,
    archived: keyed(m.Archive),
    /** Attached photos and documents by content hash: stored once (a unique insert), read by id. */
    files: new Keyed<StoredFile>(m.AttachmentFile as never), // a Buffer field defeats mongoose's inference
    /** The bytes of a stored file (a lean read answers the driver's Binary, whose bytes are in `.buffer`). */
    async fileBytes(id: string): Promise<{ mediaType: string; data: Buffer } | undefined> {
      const row = await m.AttachmentFile.findById(id).lean();
      if (!row) return undefined;
      const data = row.data as Buffer | { buffer: Uint8Array };
      return { mediaType: row.mediaType, data: Buffer.isBuffer(data) ? data : Buffer.from(data.buffer) };
    },
    openWork: openWorkOf(m),
    unitLog: new UnitRequestLog(m),
    customerLog: new UnitRequestLog(m, 'customer'),
    engineerLog: new UnitRequestLog(m, 'engineer'),
    /** The complaints about each request (R-FOLLOW-4), by request number. */
    complaintsLog: new UnitRequestLog(m, 'complaints'),
    intakeKeys: (leaseMs?: number) => new IntakeKeys(m, leaseMs),
    highestKnownSeq: (day: string) => highestKnownSeq(m, day),
    nextRequestNoGuess: (now: Date, tried?: string) => nextRequestNoGuess(m, now, tried),
    bindStepKey: (scope: string, body: unknown) => bindStepKey(m, scope, body),
    storeSignature: (requestNo: string, png: Buffer, by: Actor) => storeSignature(m, requestNo, png, by),
    signatureImage: (requestNo: string, id: string) => signatureImage(m, requestNo, id),
    hasSignature: async (requestNo: string, id: string) => !!(await m.Signature.exists({ _id: `${requestNo}|${id}` })),
    storeHistoryChunk: (requestNo: string, entries: HistoryEntry[]) => storeHistoryChunk(m, requestNo, entries),
    withWholeHistory: (view: ServiceRequestView) => withWholeHistory(m, view),

    /**
     * Writes a step's row when it is newer than the stored one (a late retry of an older step changes
     * nothing), then open work and the change log every process's projection follows (decision 0006).
     */
    async publish(summary: RequestSummary): Promise<void> {
      const written = await requests.putNewer(summary.requestNo, summary.version, { ...summary });
      const row = written ? { ...summary, _id: summary.requestNo } : undefined;
      await publishOpenWork(m, changeLog, summary.requestNo, summary.version, row);
    },

    /** A run that ended abnormally: its row says aborted, and it leaves open work (done again if cut short). */
    async markAborted(requestNo: string, endedAs: string, endedAt: string): Promise<boolean> {
      const result = await requests.update(requestNo, {
        $set: {
          requestNo,
          status: 'aborted',
          open: false,
          closedAs: 'aborted',
          endedAs,
          endedAt,
          version: Number.MAX_SAFE_INTEGER,
          deadlineOrder: '9999-12-31T23:59:59.999Z',
        },
      });
      if (result.modified || (result.matched && (await keyed(m.OpenRequest).has(requestNo))))
        await publishOpenWork(m, changeLog, requestNo, Number.MAX_SAFE_INTEGER);
      return result.modified > 0; // a request that never published a row is not listed anywhere
    },

    /** R-FOLLOW-3: an ended request's fix did not hold (its workflow cannot be told): its row and archive say so. */
    async fixDidNotHold(requestNo: string, later: string): Promise<void> {
      await m.ServiceRequest.updateOne({ _id: requestNo }, { $set: { firstTimeFix: false } });
      await m.Archive.updateOne(
        { _id: requestNo },
        { $set: { 'record.firstTimeFix': false }, $addToSet: { 'record.recurrences': later } },
      );
    },

    /** R-RECORD-2: archived once under "customer name + serial number + service date". */
    async archive(view: ServiceRequestView, archiveKey: string, closedAt: Date, retainUntil: Date): Promise<void> {
      await m.Archive.updateOne(
        { _id: view.requestNo },
        { $setOnInsert: { requestNo: view.requestNo, archiveKey, closedAt, retainUntil, record: view } },
        { upsert: true },
      );
    },

    /** History browsing (a period, closed requests of a region): the audit's query of the read model. */
    async browse(q: BrowseQuery) {
      const filter = browseFilter(q);
      const sort: Record<string, 1 | -1> =
        q.sort === 'deadline' ? { deadlineOrder: 1, receivedAt: 1 } : { receivedAt: -1 };
      const why = 'scan: history browsing of the read model (indexed on MongoDB)';
      const [items, total] = await Promise.all([
        m.ServiceRequest.find(filter, { _id: 0, deadlineOrder: 0 })
          .comment(why)
          .sort(sort)
          .skip(q.offset)
          .limit(q.limit)
          .lean(),
        m.ServiceRequest.countDocuments(filter).comment(why),
      ]);
      return { items, total };
    },

    /** The audit export: every request of a period (and region), oldest number first, as a cursor. */
    exportRows(q: { region?: string; receivedFrom?: string; receivedTo?: string; breached?: boolean }) {
      return m.ServiceRequest.find(browseFilter(q))
        .comment('scan: the audit export of a period')
        .sort({ _id: 1 })
        .lean()
        .cursor();
    },
  };
}
