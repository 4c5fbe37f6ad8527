/** What an IoT fault watch asks of storage: a request number to try, and whether its request is still open. */
import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError } from '@temporalio/client';
import { formatRequestNo, serviceRequestWorkflowId } from '../../shared/serviceRequest/ids';
import { AFTER_VISIT_STATUSES } from '../../shared/serviceRequest/vocabulary';
import type { Repositories } from '../../shared/storage/repositories';

const OVER = new Set<string>([...AFTER_VISIT_STATUSES, 'aborted']);

export function createFaultWatchActivities(repos: Repositories) {
  return {
    /**
     * A request number to start the request under; the start itself is the claim. The read model may
     * lag behind Temporal: after a taken number, the first free one is looked up among the workflows
     * (numbers are issued in order, so a galloping search finds it in a few calls).
     */
    async guessRequestNo({ tried }: { tried?: string }): Promise<string> {
      const guess = await repos.serviceRequest.nextRequestNoGuess(new Date(), tried);
      if (!tried) return guess;
      const { client } = Context.current();
      const day = guess.slice(3, 11);
      const taken = async (seq: number) => {
        try {
          await client.workflow.getHandle(serviceRequestWorkflowId(formatRequestNo(day, seq))).describe();
          return true;
        } catch (err) {
          if (err instanceof WorkflowNotFoundError) return false;
          throw err;
        }
      };
      let low = Number(guess.slice(12)) - 1; // taken (or the day's start)
      let step = 1;
      while (await taken(low + step)) {
        low += step;
        step *= 2;
      }
      let high = low + step; // free
      while (high - low > 1) {
        const mid = Math.floor((low + high) / 2);
        if (await taken(mid)) low = mid;
        else high = mid;
      }
      return formatRequestNo(day, high);
    },
    /**
     * Whether the request is still open for the fault (not yet past its visits). A request the read model
     * does not know yet was started a moment ago: open.
     */
    async requestStillOpen({ requestNo }: { requestNo: string }): Promise<boolean> {
      const row = await repos.serviceRequest.requests.get(requestNo, { status: 1 });
      return !row || !OVER.has(row.status ?? '');
    },
  };
}
