/**
 * Starting a process under a caller's Idempotency-Key, crash-safe (see shared/storage/intakeKeys.ts):
 * the key is claimed by a unique insert, each number tried is noted on it, the workflow carries the key
 * in its memo, and a retry after a crash finds the process by that memo. Shared by intake and complaints.
 */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { IntakeKeys } from '../../shared/storage/intakeKeys';
import { HttpError } from './errors';

export type KeyedStart =
  | { replay: string }
  | {
      /** Runs `claimNumbers` with the key noted on each number tried and its memo; fills or releases the key. */
      start(
        claimNumbers: (tryNumber: (no: string, memo: Record<string, string>) => Promise<void>) => Promise<string>,
      ): Promise<string>;
    };

export async function keyedStart(
  client: Client,
  keys: IntakeKeys,
  workflowIdOf: (no: string) => string,
  callerId: string,
  idemKey: string | undefined,
): Promise<KeyedStart> {
  if (!idemKey) return { start: (claimNumbers) => claimNumbers(async () => undefined) };
  const startedForKey = async (no: string): Promise<string | undefined> => {
    try {
      const { memo } = await client.workflow.getHandle(workflowIdOf(no)).describe();
      return typeof memo?.intakeKey === 'string' ? memo.intakeKey : undefined;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return undefined;
      throw err;
    }
  };
  const earlier = await keys.requestOf(callerId, idemKey);
  if (earlier) return { replay: earlier };
  const claim = await keys.claim(callerId, idemKey);
  if (!claim.claimed && claim.requestNo) return { replay: claim.requestNo };
  if (!claim.claimed) {
    const recovered = await keys.recover(callerId, idemKey, claim.row, startedForKey);
    if ('requestNo' in recovered) return { replay: recovered.requestNo };
    if ('busy' in recovered)
      throw new HttpError(
        409,
        'a call with this Idempotency-Key is still being carried out; retry in a moment',
        undefined,
        1,
      );
  }
  const memo = { intakeKey: keys.id(callerId, idemKey) };
  return {
    async start(claimNumbers) {
      let no: string;
      try {
        no = await claimNumbers(async (tried, m) => {
          await keys.attempt(callerId, idemKey, tried);
          Object.assign(m, memo);
        });
      } catch (err) {
        await keys.release(callerId, idemKey); // nothing was created: the caller may retry
        throw err;
      }
      await keys.fill(callerId, idemKey, no); // only the key's holder writes it
      return no;
    },
  };
}
