/**
 * Calling a process's workflow from HTTP, the same way for every context: updates whose refusals become
 * 409/403, and a workflow that is gone answered as 409 "already finished" (it existed) or 404. Every
 * step accepts an Idempotency-Key: a retry whose first answer was lost gets that answer again.
 */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { SignalDefinition, UpdateDefinition } from '@temporalio/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Request } from 'express';
import type { ZodType } from 'zod';
import type { Repositories } from '../../shared/storage/repositories';
import type { Actor } from '../../shared/common/actor';
import type { Caller } from '../../shared/runtime/auth';
import { HttpError, updateRejection } from './errors';
import { actorOf, route, type Route } from './routes';
import { deviceTimeOf } from './deviceTime';

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

  const runningNow = (key: string) =>
    handleOf(key)
      .describe()
      .then((d) => d.status.name === 'RUNNING')
      .catch(() => false);

  async function toHttpError(err: unknown, key: string): Promise<unknown> {
    const refused = updateRejection(err);
    if (refused) return refused;
    if (err instanceof WorkflowNotFoundError) {
      // The run it reached had just continued as new (a server may answer so at that moment): not finished.
      if (await runningNow(key))
        return new HttpError(503, `${ref.noun} ${key} is moving to a new run; retry in a moment`, undefined, 1);
      return (await ref.known(key))
        ? new HttpError(409, `${ref.noun} ${key} is already finished`)
        : new HttpError(404, `${ref.noun} ${key} not found`);
    }
    return err;
  }

  /**
   * Runs an update and turns workflow answers into HTTP: NotAllowed → 409, Forbidden → 403. Under a
   * step's Idempotency-Key the update id is the caller's key, so a retry gets the first answer.
   */
  async function update<R, A extends [Actor, ...unknown[]]>(key: string, def: UpdateDefinition<R, A>, ...args: A) {
    const updateId = stepKeys.getStore();
    try {
      return await handleOf(key).executeUpdate(def, { args, ...(updateId ? { updateId } : {}) });
    } catch (err) {
      throw await toHttpError(err, key);
    }
  }

  /** Sends a signal; a process that is gone answers 409 (finished) or 404, like an update. */
  async function signal<A extends unknown[]>(key: string, def: SignalDefinition<A>, ...args: A): Promise<void> {
    try {
      await handleOf(key).signal(def, ...args);
    } catch (err) {
      throw await toHttpError(err, key);
    }
  }

  return { handleOf, toHttpError, update, signal };
}

/** A POST route for one step of a process: validated body, the caller as actor, the key from the path. */
export function stepRoute<K extends string>(params: ZodType, key: K, response: ZodType) {
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
      response,
      handler: ({ caller, params: p, body: b, req }) =>
        withStepKey(caller, path, req, b, () =>
          run(p[key], { ...actorOf(caller), ...deviceTimeOf(req, caller.role) }, b),
        ),
    });
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * Runs a step's update under the caller's Idempotency-Key (if sent), scoped to caller and step. The key is
 * bound to the first body sent with it (for this request or trip): a different body with it is 422.
 */
export async function withStepKey<T>(caller: Caller, path: string, req: Request, body: unknown, fn: () => Promise<T>) {
  const idem = req.get('idempotency-key');
  if (idem === undefined) return fn();
  if (!IDEMPOTENCY_KEY.test(idem)) {
    throw new HttpError(400, 'Idempotency-Key: 1 to 100 characters of letters, digits and . _ : -');
  }
  // Scoped to the caller and the step, so two callers (or two steps) never share an update id.
  const scope = `${caller.role}:${caller.id}:${path}:${idem}`;
  const requests = (req.app.locals as { requests?: Repositories['serviceRequest'] }).requests;
  if (requests && (await requests.bindStepKey(`${scope}@${req.path}`, body)) === 'different body') {
    throw new HttpError(
      422,
      `Idempotency-Key ${idem} was already used for this step with a different body; send a new key for a different change (the same body with this key gets the first answer)`,
    );
  }
  return stepKeys.run(scope, fn);
}
/** The update id of the step being served, when its caller sent an Idempotency-Key. */
const stepKeys = new AsyncLocalStorage<string>();
/** Runs `fn` with `updateId` as the id of the update it makes: the sender's own message id as idempotency key. */
export const withUpdateId = <T>(updateId: string, fn: () => Promise<T>): Promise<T> => stepKeys.run(updateId, fn);
