/**
 * Webhook subscriptions for other systems (R-INTEGRATE-3), for admins: subscribe a URL to event types
 * (the signing secret is shown once), list, deactivate, see the delivery log, re-deliver.
 */
import { randomBytes } from 'node:crypto';
import { z } from '../../shared/common/schemaParts';
import { ALL_EVENT_TYPES } from '../../shared/serviceRequest/events';
import type { Repositories } from '../../shared/storage/repositories';
import { HttpError } from '../http/errors';
import { actorOf, route, type Route } from '../http/routes';

const subscribeSchema = z
  .strictObject({
    url: z.url({ protocol: /^https?$/ }).max(500),
    eventTypes: z
      .array(z.enum(ALL_EVENT_TYPES as [string, ...string[]]))
      .max(50)
      .default([])
      .openapi({ description: 'the event types to receive; empty: all of them' }),
    description: z.string().trim().max(200).optional(),
  })
  .openapi('WebhookSubscribe');
const idParam = z.strictObject({
  id: z.string().regex(/^sub_[0-9a-f]{16}$/, 'a subscription id like sub_0123456789abcdef'),
});
const deliveryParam = idParam.extend({ deliveryId: z.string().min(1).max(400) });
const subscriptionSchema = z
  .looseObject({ id: z.string(), url: z.string(), eventTypes: z.array(z.string()), active: z.boolean() })
  .openapi('WebhookSubscription');
const listSchema = z.object({ items: z.array(subscriptionSchema) }).openapi('WebhookSubscriptionList');
const deliveriesSchema = z
  .object({
    pending: z.array(z.looseObject({})),
    parked: z.array(z.looseObject({})),
    delivered: z.array(z.looseObject({})),
  })
  .openapi('WebhookDeliveries');
const redeliveredSchema = z.object({ id: z.string(), status: z.literal('pending') }).openapi('WebhookRedelivered');

const view = (s: {
  _id: string;
  url: string;
  eventTypes?: string[];
  active?: boolean | null;
  description?: string | null;
}) => ({
  id: s._id,
  url: s.url,
  eventTypes: s.eventTypes ?? [],
  active: s.active !== false,
  ...(s.description ? { description: s.description } : {}),
});

export function webhookRoutes(deps: { repos: Repositories }): Route<any>[] {
  const { notifications } = deps.repos;
  const subscription = async (id: string) => {
    const sub = await notifications.subscriptions.get(id);
    if (!sub) throw new HttpError(404, `no webhook subscription ${id}`);
    return sub;
  };
  return [
    route<z.infer<typeof subscribeSchema>>({
      method: 'post',
      path: '/webhooks',
      summary: 'Subscribe a URL to events; the answer shows the signing secret once',
      roles: ['admin'],
      body: subscribeSchema,
      success: 201,
      response: subscriptionSchema,
      handler: async ({ caller, body }) => {
        const doc = {
          _id: `sub_${randomBytes(8).toString('hex')}`,
          url: body.url,
          eventTypes: body.eventTypes,
          secret: `whsec_${randomBytes(24).toString('base64')}`,
          active: true,
          createdBy: actorOf(caller).id,
          ...(body.description ? { description: body.description } : {}),
        };
        await notifications.subscriptions.add(doc);
        return { ...view(doc), secret: doc.secret };
      },
    }),
    route({
      method: 'get',
      path: '/webhooks',
      summary: 'List webhook subscriptions (without their secrets)',
      roles: ['admin'],
      response: listSchema,
      handler: async () => ({
        items: (await notifications.allSubscriptions(1000)).map(view),
      }),
    }),
    route({
      method: 'post',
      path: '/webhooks/:id/deactivate',
      summary: 'Stop sending new events to a subscription',
      roles: ['admin'],
      params: idParam,
      response: subscriptionSchema,
      handler: async ({ params }) => {
        await subscription(params.id);
        await notifications.subscriptions.update(params.id, { $set: { active: false } });
        return view(await subscription(params.id));
      },
    }),
    route({
      method: 'get',
      path: '/webhooks/:id/deliveries',
      summary: 'The delivery log of a subscription: pending, parked, and the latest delivered',
      roles: ['admin'],
      params: idParam,
      response: deliveriesSchema,
      handler: async ({ params }) => {
        await subscription(params.id);
        const { waiting, delivered } = await notifications.deliveryLog(params.id, 50);
        const shape = ({ _id, ...d }: { _id: string }) => ({ deliveryId: _id, ...d });
        return {
          pending: waiting.filter((d) => d.status === 'pending').map(shape),
          parked: waiting.filter((d) => d.status === 'parked').map(shape),
          delivered: delivered.map(shape),
        };
      },
    }),
    route({
      method: 'post',
      path: '/webhooks/:id/deliveries/:deliveryId/redeliver',
      summary: 'Deliver a parked or delivered event again (same webhook-id)',
      roles: ['admin'],
      params: deliveryParam,
      response: redeliveredSchema,
      handler: async ({ params }) => {
        const outcome = await notifications.redeliver(params.id, params.deliveryId);
        if (outcome === 'pending') throw new HttpError(409, `delivery ${params.deliveryId} is still being retried`);
        if (outcome === 'not_found')
          throw new HttpError(404, `no delivery ${params.deliveryId} for subscription ${params.id}`);
        return { id: params.deliveryId, status: 'pending' as const };
      },
    }),
  ];
}
