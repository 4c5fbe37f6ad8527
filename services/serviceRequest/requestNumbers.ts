/**
 * Request numbers SR-YYYYMMDD-NNNN (date in the server's time zone, TZ), consecutive per day.
 * The workflow id is the claim: Temporal starts a workflow id only once, atomically, on any backend.
 * Each service instance keeps its next guess in memory (started after the highest number in the read
 * model), so intake writes nothing to Mongo; a guess another instance took just moves the cursor on.
 */
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { formatRequestNo } from '../../shared/serviceRequest/ids';
import type { Models } from '../../shared/storage/models';

const localDay = (d: Date) =>
  `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}`;

export class RequestNumbers {
  private readonly cursors = new Map<string, Promise<{ next: number }>>();

  constructor(
    private readonly models: Models,
    private readonly now: () => Date = () => new Date(),
    private readonly maxTries = 100,
  ) {}

  /** Calls `start` with fresh numbers until one is not yet a workflow; returns that number. */
  async claim(start: (requestNo: string) => Promise<void>): Promise<string> {
    const day = localDay(this.now());
    let cursor = this.cursors.get(day);
    if (!cursor) {
      cursor = this.highestKnown(day).then((h) => ({ next: h + 1 }));
      this.cursors.set(day, cursor);
    }
    const state = await cursor;
    for (let tries = 1; ; tries++) {
      const requestNo = formatRequestNo(day, state.next++); // taken synchronously: no two callers here share a guess
      try {
        await start(requestNo);
        return requestNo;
      } catch (err) {
        if (!(err instanceof WorkflowExecutionAlreadyStartedError) || tries >= this.maxTries) throw err;
      }
    }
  }

  /** The read model may lag a moment behind Temporal; a stale answer costs one rejected start, never a duplicate. */
  private async highestKnown(day: string): Promise<number> {
    const prefix = `SR-${day}-`;
    const today = await this.models.ServiceRequest.find({ _id: { $regex: `^${prefix}` } }, { _id: 1 }).lean();
    return today.reduce((max, r) => Math.max(max, Number(r._id.slice(prefix.length)) || 0), 0);
  }
}
