/**
 * Calling a process's workflow from HTTP, the same way for every context: updates whose refusals become
 * 409/403, and a workflow that is gone answered as 409 "already finished" (it existed) or 404.
 */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { ZodType } from 'zod';
import type { Actor } from '../../shared/common/actor';
import { HttpError, updateRejection } from './errors';
import { actorOf, route, type Route } from './routes';

export interface ProcessRef {
  /** The workflow id of a business key (request number, trip id). */
  workflowId(key: string): string;
  /** Names the process in answers: "request SR-… not found". */
  noun: string;
  /** Whether the read model knows it: a finished process is 409, an unknown one 404. */
  known(key: string): Promise<boolean>;
}

export function workflowCalls(client: Client, ref: ProcessRef) {
  const handleOf = (key: string) => client.workflow.getHandle(ref.workflowId(key));

  async function toHttpError(err: unknown, key: string): Promise<unknown> {
    const refused = updateRejection(err);
    if (refused) return refused;
    if (err instanceof WorkflowNotFoundError) {
      return (await ref.known(key))
        ? new HttpError(409, `${ref.noun} ${key} is already finished`)
        : new HttpError(404, `${ref.noun} ${key} not found`);
    }
    return err;
  }

  /** Runs an update and turns workflow answers into HTTP: NotAllowed → 409, Forbidden → 403. */
  async function update<R, A extends [Actor, ...unknown[]]>(key: string, def: UpdateDefinition<R, A>, ...args: A) {
    try {
      return await handleOf(key).executeUpdate(def, { args });
    } catch (err) {
      throw await toHttpError(err, key);
    }
  }

  return { handleOf, toHttpError, update };
}

/** A POST route for one step of a process: validated body, the caller as actor, the key from the path. */
export function stepRoute<K extends string>(params: ZodType, key: K) {
  return <B>(
    path: string,
    summary: string,
    roles: Route['roles'],
    body: Route<B>['body'],
    run: (id: string, actor: Actor, b: B) => Promise<unknown>,
  ): Route<B> =>
    route<B>({
      method: 'post',
      path,
      summary,
      roles,
      body,
      params,
      handler: ({ caller, params: p, body: b }) => run(p[key], actorOf(caller), b),
    });
}
