/** The outbox for ops (R-INTEGRATE-4): messages that are late or undeliverable, and re-sending one. */
import { z } from '../../shared/common/schemaParts';
import type { Repositories } from '../../shared/storage/repositories';
import { HttpError } from '../http/errors';
import { route, type Route } from '../http/routes';

const listQuery = z.strictObject({
  state: z.enum(['pending', 'late', 'undeliverable']).default('undeliverable').openapi({
    description:
      'pending: waiting for delivery; late: still not delivered long after it was queued; undeliverable: given up on',
  }),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
const outboxListSchema = z
  .object({ state: z.string(), items: z.array(z.looseObject({ key: z.string(), status: z.string() })) })
  .openapi('OutboxList');
const resendSchema = z.object({ key: z.string(), status: z.literal('pending') }).openapi('Resent');
const keyParam = z.strictObject({ key: z.string().min(1).max(300) });

export function outboxRoutes(deps: { repos: Repositories }): Route<any>[] {
  const { notifications } = deps.repos;
  return [
    route({
      method: 'get',
      path: '/outbox',
      response: outboxListSchema,
      summary: 'List undelivered notifications: pending, late or undeliverable',
      roles: ['admin'],
      query: listQuery,
      handler: async ({ query }) => {
        const q = query as z.infer<typeof listQuery>;
        return { state: q.state, items: await notifications.list(q.state, q.limit) };
      },
    }),
    route({
      method: 'post',
      path: '/outbox/:key/resend',
      response: resendSchema,
      summary: 'Re-send an undeliverable notification (its retries start again)',
      roles: ['admin'],
      params: keyParam,
      handler: async ({ params }) => {
        const outcome = await notifications.resend(params.key);
        if (outcome === 'not_found') throw new HttpError(404, `no undelivered message ${params.key}`);
        if (outcome === 'not_undeliverable') {
          throw new HttpError(
            409,
            `message ${params.key} is still being retried; only undeliverable ones can be re-sent`,
          );
        }
        return { key: params.key, status: 'pending' };
      },
    }),
  ];
}
