/**
 * Request numbers SR-YYYYMMDD-NNNN (date in the server's time zone, TZ), consecutive per day.
 * The workflow id is the claim: Temporal starts a workflow id only once, atomically, on any backend.
 * Each service instance keeps its next guess in memory (started after the highest number in the read
 * model), so intake writes nothing to Mongo; a guess another instance took just moves the cursor on.
 */
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { formatRequestNo } from '../../shared/serviceRequest/ids';
import { localDay } from '../../shared/storage/requestNumbers';

export class RequestNumbers {
  private readonly cursors = new Map<string, Promise<{ next: number }>>();

  constructor(
    /** The highest number of a day the read model knows (RequestRepository.highestKnownSeq). */
    highestKnownSeq: (day: string) => Promise<number>,
    private readonly now: () => Date = () => new Date(),
    // A cursor behind the numbers other instances took walks past them, one start call (a few ms) each;
    // the bound only stops a runaway loop. (100 was passed in CI, where suites share one Temporal server.)
    private readonly maxTries = 10_000,
    /** Another series of numbers (complaints: CP-…), with its own format and read model. */
    private readonly series: {
      format: (day: string, seq: number) => string;
      highest: (day: string) => Promise<number>;
    } = {
      format: formatRequestNo,
      highest: highestKnownSeq,
    },
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
      const requestNo = this.series.format(day, state.next++); // taken synchronously: no two callers here share a guess
      try {
        await start(requestNo);
        return requestNo;
      } catch (err) {
        if (!(err instanceof WorkflowExecutionAlreadyStartedError) || tries >= this.maxTries) throw err;
      }
    }
  }

  private highestKnown(day: string): Promise<number> {
    return this.series.highest(day);
  }
}
