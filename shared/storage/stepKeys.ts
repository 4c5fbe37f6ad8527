/**
 * A step's Idempotency-Key is bound to the body first sent with it, by a unique insert (a claim that is
 * safe on FerretDB): the same body again gets the first answer, a different body is refused (422).
 */
import { createHash } from 'node:crypto';
import { isDuplicateKey, type Models } from './models';

export type KeyUse = 'first' | 'same body' | 'different body';

export const bodyHashOf = (body: unknown): string =>
  createHash('sha256')
    .update(JSON.stringify(body ?? null))
    .digest('hex');

export async function bindStepKey(models: Models, scope: string, body: unknown): Promise<KeyUse> {
  const bodyHash = bodyHashOf(body);
  try {
    await models.StepKey.create({ _id: scope, bodyHash });
    return 'first';
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
  const bound = await models.StepKey.findById(scope, { bodyHash: 1 }).lean();
  return bound?.bodyHash === bodyHash ? 'same body' : 'different body';
}
