/**
 * Bounded run state (R-RECORD-1): a request keeps only its recent history in the workflow. Past either
 * bound below, the oldest published entries move to the database in chunks (one activity each) and the
 * view keeps what the steps still need of them (who was involved, which actions were taken, recent
 * message ids). So a query answer and a continue-as-new input stay far below Temporal's 2 MB payload
 * limit however many steps a request takes; GET shows the stored chunks with the rest.
 */
import type { HistoryEntry } from '../../shared/common/records';
import type { EarlierHistory } from '../../shared/serviceRequest/types';
import { records } from './activityCalls';
import type { RequestState } from './request';

export const HISTORY_WINDOW = {
  /** Move entries out once the run holds more than this many, or more than `maxBytes` of them. */
  maxEntries: 150,
  maxBytes: 256 * 1024,
  /** What stays: the newest entries, at most this many and at most half of `maxBytes`. */
  keepEntries: 50,
  /** One stored chunk (one activity input) holds at most this much. */
  chunkBytes: 256 * 1024,
};
/** How many message ids of moved entries are remembered for de-duplication. */
export const MESSAGE_IDS_KEPT = 1_000;
const MESSAGE_ACTIONS = ['customer_message', 'fault_reading'];

const sizeOf = (x: unknown): number => JSON.stringify(x).length;

/** Which of the entries up to `published` move out: all but the newest that fit the window. */
function movable(history: HistoryEntry[], published: number): HistoryEntry[] {
  if (history.length <= HISTORY_WINDOW.maxEntries && sizeOf(history) <= HISTORY_WINDOW.maxBytes) return [];
  let kept = 0;
  let bytes = 0;
  let cut = history.length;
  while (cut > 0 && kept < HISTORY_WINDOW.keepEntries) {
    bytes += sizeOf(history[cut - 1]);
    if (bytes > HISTORY_WINDOW.maxBytes / 2) break;
    kept++;
    cut--;
  }
  return history.slice(0, cut).filter((e) => e.seq <= published);
}

function chunksOf(entries: HistoryEntry[]): HistoryEntry[][] {
  const chunks: HistoryEntry[][] = [];
  let bytes = 0;
  for (const e of entries) {
    const size = sizeOf(e);
    if (!chunks.length || bytes + size > HISTORY_WINDOW.chunkBytes) {
      chunks.push([]);
      bytes = 0;
    }
    chunks.at(-1)!.push(e);
    bytes += size;
  }
  return chunks;
}

/** Called by the publisher after it published up to `published`: entries are stored before they leave the state. */
export async function moveEarlierHistory(req: RequestState, published: number): Promise<void> {
  const moving = movable(req.view.history, published);
  if (!moving.length) return;
  const { requestNo } = req.view;
  for (const chunk of chunksOf(moving)) {
    await records(`store ${chunk.length} earlier history entries of ${requestNo}`).storeEarlierHistory({
      requestNo,
      entries: chunk,
    });
    remember(req, chunk);
  }
}

function remember(req: RequestState, chunk: HistoryEntry[]): void {
  const earlier: EarlierHistory = (req.view.earlierHistory ??= {
    count: 0,
    chunks: [],
    engineers: [],
    actions: [],
    messageIds: [],
  });
  earlier.chunks.push(chunk[0].seq);
  earlier.count += chunk.length;
  for (const e of chunk) {
    const engineerId = e.detail?.engineerId;
    if (typeof engineerId === 'string' && !earlier.engineers.includes(engineerId)) earlier.engineers.push(engineerId);
    if (!earlier.actions.includes(e.action)) earlier.actions.push(e.action);
    const messageId = e.detail?.messageId;
    if (MESSAGE_ACTIONS.includes(e.action) && typeof messageId === 'string') earlier.messageIds.push(messageId);
  }
  earlier.messageIds = earlier.messageIds.slice(-MESSAGE_IDS_KEPT);
  const last = chunk.at(-1)!.seq;
  req.view.history = req.view.history.filter((e) => e.seq > last);
}

/** Whether the request ever recorded this action (in its state or among the moved entries). */
export function hasRecorded(req: RequestState, action: string): boolean {
  return req.view.history.some((e) => e.action === action) || !!req.view.earlierHistory?.actions.includes(action);
}

/** Whether a message (customer message, IoT reading) with this id was already recorded. */
export function hasMessage(req: RequestState, action: string, messageId: string): boolean {
  return (
    req.view.history.some((e) => e.action === action && e.detail?.messageId === messageId) ||
    !!req.view.earlierHistory?.messageIds.includes(messageId)
  );
}
