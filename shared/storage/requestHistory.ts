/**
 * The part of a request's history that its workflow moved out of its state (EarlierHistory): stored in
 * chunks keyed by the request and the chunk's first seq, read back by `_id` only (no scan).
 */
import type { HistoryEntry } from '../common/records';
import type { ServiceRequestView } from '../serviceRequest/types';
import { ignoreDuplicateKey, type Models } from './models';

export const historyChunkId = (requestNo: string, firstSeq: number): string =>
  `${requestNo}/${String(firstSeq).padStart(6, '0')}`;

/** Idempotent: a retried store of the same chunk finds it there and changes nothing. */
export async function storeHistoryChunk(models: Models, requestNo: string, entries: HistoryEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await models.RequestHistory.create({ _id: historyChunkId(requestNo, entries[0].seq), requestNo, entries }).catch(
    ignoreDuplicateKey,
  );
}

/** The view with its whole history: the stored chunks (each one `_id` lookup, side by side), then the rest. */
export async function withWholeHistory(models: Models, view: ServiceRequestView): Promise<ServiceRequestView> {
  const earlier = view.earlierHistory;
  if (!earlier?.chunks.length) return view;
  const chunks = await Promise.all(
    earlier.chunks.map((seq) =>
      models.RequestHistory.findById(historyChunkId(view.requestNo, seq), { entries: 1 }).lean(),
    ),
  );
  const stored = chunks.flatMap((c) => (c?.entries ?? []) as HistoryEntry[]);
  const first = view.history[0]?.seq ?? Infinity;
  return { ...view, history: [...stored.filter((e) => e.seq < first), ...view.history] };
}
