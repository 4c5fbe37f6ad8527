/**
 * The quality loop's read models: complaints, improvement actions and suggestions, each row written only by its
 * workflow's publisher (newest version wins). Their lists and the audit export are the named scans.
 */
import { periodFilter } from '../../common/schemaParts';
import { keyed } from '../keyed';
import type { Models } from '../models';

const BROWSE = 'scan: a desk or the audit browsing the read model (indexed on MongoDB)';

export interface ComplaintBrowse {
  status?: string;
  customerId?: string;
  requestNo?: string;
  breached?: boolean;
  receivedFrom?: string;
  receivedTo?: string;
  offset: number;
  limit: number;
}

export function complaintRepository(m: Models) {
  return {
    complaints: keyed(m.Complaint),
    async browse(q: ComplaintBrowse) {
      const filter: Record<string, unknown> = {};
      if (q.status) filter.status = q.status;
      if (q.customerId) filter.customerId = q.customerId;
      if (q.requestNo) filter.relatedRequestNos = q.requestNo;
      if (q.breached !== undefined) filter.slaBreached = q.breached;
      const period = periodFilter(q.receivedFrom, q.receivedTo);
      if (period) filter.receivedAt = period;
      const [items, total] = await Promise.all([
        m.Complaint.find(filter, { _id: 0, view: 0 })
          .comment(BROWSE)
          .sort({ receivedAt: -1 })
          .skip(q.offset)
          .limit(q.limit)
          .lean(),
        m.Complaint.countDocuments(filter).comment(BROWSE),
      ]);
      return { items, total };
    },
    /** The audit export: complaints received in a period (only the breached ones, if asked), as a cursor. */
    exportRows(received: { from: string; to: string }, breachedOnly = false) {
      const filter = {
        receivedAt: { $gte: received.from, $lte: received.to },
        ...(breachedOnly ? { slaBreached: true } : {}),
      };
      return m.Complaint.find(filter).comment('scan: the audit export of a period').sort({ _id: 1 }).lean().cursor();
    },
  };
}

export interface ImprovementBrowse {
  ownerId?: string;
  status?: string;
  source?: string;
  sourceRef?: string;
  openedFrom?: string;
  openedTo?: string;
  overdue?: boolean;
  now: string;
  offset: number;
  limit: number;
}

export function improvementRepository(m: Models) {
  return {
    actions: keyed(m.ImprovementAction),
    async browse(q: ImprovementBrowse) {
      const filter: Record<string, unknown> = {};
      if (q.ownerId) filter.ownerId = q.ownerId;
      if (q.status) filter.status = q.status;
      if (q.source) filter.source = q.source;
      if (q.sourceRef) filter.sourceRef = q.sourceRef;
      const period = periodFilter(q.openedFrom, q.openedTo);
      if (period) filter.openedAt = period;
      if (q.overdue === true)
        Object.assign(filter, { dueAt: { $lt: q.now }, status: q.status ?? { $in: ['open', 'in_progress'] } });
      if (q.overdue === false)
        filter.$or = [{ dueAt: { $gte: q.now } }, { status: { $in: ['done', 'verified', 'rejected'] } }];
      const [items, total] = await Promise.all([
        m.ImprovementAction.find(filter, { _id: 0, history: 0 })
          .comment(BROWSE)
          .sort({ dueAt: 1 })
          .skip(q.offset)
          .limit(q.limit)
          .lean(),
        m.ImprovementAction.countDocuments(filter).comment(BROWSE),
      ]);
      return { items, total };
    },
    /** The quality desk: the actions due first. */
    dueFirst: (limit: number) =>
      m.ImprovementAction.find({}, { history: 0 })
        .comment('scan: the quality desk, soonest due first')
        .sort({ dueAt: 1 })
        .limit(limit)
        .lean(),
    exportRows: (opened: { from: string; to: string }) =>
      m.ImprovementAction.find({ openedAt: { $gte: opened.from, $lte: opened.to } })
        .comment('scan: the audit export of a period')
        .sort({ _id: 1 })
        .lean()
        .cursor(),
  };
}

export interface SuggestionBrowse {
  status?: string;
  customerId?: string;
  receivedFrom?: string;
  receivedTo?: string;
  offset: number;
  limit: number;
}

/** R-TRIAGE-3: suggestions, each row written by its workflow's publisher; quality's queue is the named scan. */
export function suggestionRepository(m: Models) {
  return {
    suggestions: keyed(m.Suggestion),
    async browse(q: SuggestionBrowse) {
      const filter: Record<string, unknown> = {};
      if (q.status) filter.status = q.status;
      if (q.customerId) filter.customerId = q.customerId;
      const period = periodFilter(q.receivedFrom, q.receivedTo);
      if (period) filter.receivedAt = period;
      const [items, total] = await Promise.all([
        m.Suggestion.find(filter, { view: 0 })
          .comment(BROWSE)
          .sort({ receivedAt: -1 })
          .skip(q.offset)
          .limit(q.limit)
          .lean(),
        m.Suggestion.countDocuments(filter).comment(BROWSE),
      ]);
      return { items, total };
    },
  };
}
