/**
 * When a signed-off request becomes visible: one follower of the change log that every list's projection
 * follows (decision 0006), instead of each client polling the read model (20 pollers every 10 ms were a
 * load of their own). A request counts as visible once an entry after its sign-off is logged and shows it
 * signed off (the row it carries, or the read model's): what a list and a dashboard would then show.
 */
import { ChangeLog } from '../../shared/storage/changeLog';
import type { Models } from '../../shared/storage/models';
import { sleep } from './measure';

const SIGNED_OFF = 'awaiting_follow_up';

export class SignOffWatch {
  private readonly log: ChangeLog;
  private readonly waiting = new Map<string, () => void>();
  private running = true;

  constructor(private readonly models: Models) {
    this.log = new ChangeLog(models);
  }

  private async shows(requestNo: string): Promise<boolean> {
    return (await this.models.ServiceRequest.findById(requestNo, { status: 1 }).lean())?.status === SIGNED_OFF;
  }

  /** Resolves when the request is visible signed off (at once if it already is). */
  async signedOff(requestNo: string): Promise<void> {
    const seen = new Promise<void>((resolve) => this.waiting.set(requestNo, resolve));
    // Watching first, then one look: a change logged before the watch began is not missed.
    if (await this.shows(requestNo)) this.waiting.get(requestNo)?.();
    await seen;
    this.waiting.delete(requestNo);
  }

  /**
   * Follows the log from its current end, every 50 ms when there is nothing new: a lag is measured to within
   * 50 ms (never shorter than it was), and the watch's own lookups stay a small share of the database's work
   * (every 10 ms, they were more lookups per request than the request's own publishing made).
   */
  async follow(): Promise<void> {
    let next = (await this.log.head()) + 1;
    while (this.running) {
      const changes = await this.log.readFrom(next, 64);
      if (!changes.length) {
        await sleep(50);
        continue;
      }
      next = changes[changes.length - 1].n + 1;
      // An entry carries the open row as a list would show it; a request that left open work is looked up.
      const seen = new Map(changes.filter((c) => this.waiting.has(c.requestNo)).map((c) => [c.requestNo, c.row]));
      for (const [no, row] of seen) {
        if (row ? row.status === SIGNED_OFF : await this.shows(no)) this.waiting.get(no)?.();
      }
    }
  }

  async stop(following: Promise<void>): Promise<void> {
    this.running = false;
    await following;
  }
}
