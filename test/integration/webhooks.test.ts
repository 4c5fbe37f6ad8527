/**
 * Events out (R-INTEGRATE-3): a subscriber on loopback verifies every message with the
 * `standardwebhooks` package; events of a request arrive in order, each once (a failed attempt is
 * retried with the same webhook-id; a retried publish queues nothing twice); the delivery log and
 * re-delivery work; a deactivated subscription receives nothing new.
 */
import http from 'node:http';
import { Webhook } from 'standardwebhooks';
import { createEventQueue } from '../../activities/notifications/events';
import { WebhookDispatcher } from '../../infra/background/webhookDelivery';
import { freePort } from '../../infra/processes';
import { intakeBody } from '../setup/env';
import { eventually, startApi, type Api } from '../setup/apiHarness';
import { repositoriesOf } from '../../shared/storage/repositories';

let api: Api;
beforeAll(async () => {
  api = await startApi('webhooks');
}, 120_000);
afterAll(async () => api?.close());

interface Received {
  id: string;
  ok: boolean;
  verified: boolean;
  body: { type: string; data: { requestNo: string; seq: number } };
}

async function receiver(secretOf: () => string, failFirst: number) {
  const received: Received[] = [];
  let failures = failFirst;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c));
    req.on('end', () => {
      let verified = true;
      try {
        new Webhook(secretOf()).verify(body, req.headers as Record<string, string>);
      } catch {
        verified = false;
      }
      const ok = failures-- <= 0;
      received.push({ id: String(req.headers['webhook-id']), ok, verified, body: JSON.parse(body) });
      res.writeHead(ok ? 204 : 500).end();
    });
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${port}/hooks`, received, close: () => new Promise((r) => server.close(r)) };
}

describe('webhooks', () => {
  it('R-INTEGRATE-3 signed events arrive in order and once each; retries keep the webhook-id', async () => {
    let secret = '';
    const hook = await receiver(() => secret, 1);
    const dispatcher = new WebhookDispatcher(repositoriesOf(api.models).notifications, {
      policy: { firstDelayMs: 50, maxDelayMs: 200 },
    });
    try {
      expect((await api.call('POST', '/webhooks', api.tok.admin, { url: 'ftp://x.example/h' })).status).toBe(400);
      expect((await api.call('POST', '/webhooks', api.tok.admin, { url: hook.url, eventTypes: ['nope'] })).status).toBe(
        400,
      );
      expect((await api.call('POST', '/webhooks', api.tok.agent, { url: hook.url })).status).toBe(403);
      const sub = await api.call('POST', '/webhooks', api.tok.admin, { url: hook.url, description: 'CRM' });
      expect(sub).toMatchObject({ status: 201, body: { url: hook.url, active: true, eventTypes: [] } });
      secret = sub.body.secret;
      expect(secret).toMatch(/^whsec_/);

      const { requestNo } = (await api.call('POST', '/requests', api.tok.agent, intakeBody())).body;
      await eventually(
        () => api.models.ServiceRequest.findById(requestNo).lean(),
        (d) => d?.status === 'offered',
        'offer',
      );
      await api.call('POST', `/requests/${requestNo}/offer/accept`, api.tok.eng1);
      const mine = () => hook.received.filter((r) => r.body.data.requestNo === requestNo);
      await eventually(
        async () => (await dispatcher.deliverPending(), mine()),
        (r) => r.filter((x) => x.ok).length >= 3,
        'three events delivered',
      );
      const delivered = mine().filter((r) => r.ok);
      expect(delivered.map((r) => r.body.type)).toEqual(['request.received', 'request.offered', 'request.assigned']);
      expect(mine().every((r) => r.verified)).toBe(true);
      const seqs = delivered.map((r) => r.body.data.seq);
      expect([...seqs].sort((a, b) => a - b)).toEqual(seqs); // in order
      expect(new Set(delivered.map((r) => r.id)).size).toBe(delivered.length); // once each
      const failed = mine().find((r) => !r.ok)!;
      expect(delivered.map((r) => r.id)).toContain(failed.id); // retried with the same webhook-id

      // A retried publish of the same step queues nothing new.
      const before = await api.models.WebhookDeliveryDone.countDocuments({ requestNo }).comment('scan: a test looks');
      const queue = createEventQueue(repositoriesOf(api.models));
      const ref = { requestNo, workflowId: `service-request:${requestNo}`, status: 'assigned' };
      const again = [
        { type: 'request.assigned' as const, seq: delivered[2].body.data.seq, at: new Date().toISOString() },
      ];
      await queue(ref, again);
      await queue(ref, again);
      await dispatcher.deliverPending();
      expect(await api.models.WebhookDeliveryDone.countDocuments({ requestNo }).comment('scan: a test looks')).toBe(
        before,
      );
      expect(await api.models.WebhookDelivery.countDocuments({ requestNo })).toBe(0);

      // The delivery log, and re-delivery with the same webhook-id.
      const log = await api.call('GET', `/webhooks/${sub.body.id}/deliveries`, api.tok.admin);
      expect(log.body.delivered.map((d: { deliveryId: string }) => d.deliveryId)).toContain(delivered[0].id);
      expect(
        await api.call(
          'POST',
          `/webhooks/${sub.body.id}/deliveries/${encodeURIComponent(delivered[0].id)}/redeliver`,
          api.tok.admin,
        ),
      ).toEqual({ status: 200, body: { id: delivered[0].id, status: 'pending' } });
      await dispatcher.deliverPending();
      expect(mine().filter((r) => r.id === delivered[0].id && r.ok)).toHaveLength(2);

      // Deactivated: new events are not queued for it.
      expect((await api.call('POST', `/webhooks/${sub.body.id}/deactivate`, api.tok.admin)).body.active).toBe(false);
      await api.call('POST', `/requests/${requestNo}/cancel`, api.tok.agent, { reason: 'test over' });
      await eventually(
        () => api.models.ServiceRequest.findById(requestNo).lean(),
        (d) => d?.status === 'cancelled',
        'cancel',
      );
      await dispatcher.deliverPending();
      expect(mine().some((r) => r.body.type === 'request.cancelled')).toBe(false);
    } finally {
      await hook.close();
    }
  });

  it('R-INTEGRATE-3 trip and stock events reach the subscribers that asked for them', async () => {
    let secret = '';
    const hook = await receiver(() => secret, 0);
    const dispatcher = new WebhookDispatcher(repositoriesOf(api.models).notifications, {
      policy: { firstDelayMs: 50, maxDelayMs: 200 },
    });
    try {
      const types = ['trip.requisition_approved', 'stock.reserved', 'trip.cancelled'];
      const sub = await api.call('POST', '/webhooks', api.tok.admin, { url: hook.url, eventTypes: types });
      secret = sub.body.secret;
      const start = Date.now() + 7_200_000;
      const trip = await api.call('POST', '/trips', api.tok.dispatcher, {
        engineerId: 'ENG-001',
        region: 'east',
        warehouseId: 'WH-EAST',
        plannedStart: new Date(start).toISOString(),
        plannedEnd: new Date(start + 86_400_000).toISOString(),
        lines: [{ partNo: 'P-UPS-BATT', quantity: 1 }],
      });
      const tripId = trip.body.tripId as string;
      await api.call('POST', `/trips/${tripId}/approve`, api.tok.dispatcher, { approve: true });
      await eventually(
        () => api.call('GET', `/trips/${tripId}`, api.tok.dispatcher),
        (r) => r.body.status === 'reserved',
        'reserved',
      );
      await api.call('POST', `/trips/${tripId}/cancel`, api.tok.dispatcher, { reason: 'test over' });
      const got = await eventually(
        async () => (
          await dispatcher.deliverPending(),
          hook.received.filter((r) => (r.body.data as any).tripId === tripId)
        ),
        (r) => r.length >= 3,
        'three trip events',
      );
      expect(got.map((r) => r.body.type)).toEqual(types);
      expect(got.every((r) => r.verified && r.ok)).toBe(true);
      await api.call('POST', `/webhooks/${sub.body.id}/deactivate`, api.tok.admin);
    } finally {
      await hook.close();
    }
  });
});
