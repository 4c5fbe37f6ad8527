/**
 * A request whose workflow ended abnormally (terminated by an operator or the server, timed out,
 * failed) must never look open in the read model: its own publisher is gone, so this sweep, run by the
 * worker beside the outbox dispatcher, finds such runs in Temporal visibility and closes their rows.
 * It writes with the highest version, so no late publish of the dead run can reopen a row.
 */
import type { Client } from '@temporalio/client';
import { SERVICE_REQUEST_PREFIX } from '../../shared/serviceRequest/ids';
import { Periodic } from '../../shared/runtime/periodic';
import type { Repositories } from '../../shared/storage/repositories';

const ABNORMAL = ['Terminated', 'TimedOut', 'Failed'];
/** Visibility is eventually consistent: each sweep looks back a little before the last one. */
const OVERLAP_MS = 60_000;

export class AbnormalEndSweeper {
  private since: Date;

  constructor(
    private readonly client: Client,
    private readonly requests: Repositories['serviceRequest'],
    /** Only this deployment's requests: those started on its task queue. */
    private readonly taskQueue: string,
    opts: { lookbackMs?: number; now?: () => Date } = {},
  ) {
    this.now = opts.now ?? (() => new Date());
    this.since = new Date(this.now().getTime() - (opts.lookbackMs ?? 7 * 86_400_000));
  }
  private readonly now: () => Date;

  /** Closes the read-model rows of requests whose workflow ended abnormally since the last sweep. */
  async sweepOnce(): Promise<number> {
    const started = this.now();
    const statuses = ABNORMAL.map((s) => `'${s}'`).join(', ');
    const query =
      `WorkflowType = 'serviceRequest' AND TaskQueue = '${this.taskQueue}' AND ExecutionStatus IN (${statuses}) ` +
      `AND CloseTime > '${this.since.toISOString()}'`;
    let closed = 0;
    for await (const wf of this.client.workflow.list({ query })) {
      if (!wf.workflowId.startsWith(SERVICE_REQUEST_PREFIX)) continue;
      const requestNo = wf.workflowId.slice(SERVICE_REQUEST_PREFIX.length);
      const endedAs = wf.status.name.toLowerCase();
      // Out of open work too; a sweep that died between the two writes finishes it the next time.
      if (await this.requests.markAborted(requestNo, endedAs, (wf.closeTime ?? started).toISOString())) closed += 1;
    }
    this.since = new Date(started.getTime() - OVERLAP_MS);
    return closed;
  }

  private readonly periodic = new Periodic('abnormal-ends', () => this.sweepOnce());

  start(intervalMs = 60_000): void {
    this.periodic.start(intervalMs);
  }

  stop(): Promise<void> {
    return this.periodic.stop();
  }
}
