/**
 * Prometheus metrics of this process (prom-client): HTTP requests by route and status, business
 * counters, and the default process metrics. `GET /metrics` serves them, together with the Temporal
 * SDK's worker metrics when the worker exports them (WORKER_METRICS_PORT). Node-only.
 */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export const metrics = new Registry();
collectDefaultMetrics({ register: metrics, prefix: 'aftersales_' });

export const httpRequests = new Counter({
  name: 'aftersales_http_requests_total',
  help: 'HTTP requests answered, by method, route and status',
  labelNames: ['method', 'route', 'status'] as const,
  registers: [metrics],
});
export const httpDuration = new Histogram({
  name: 'aftersales_http_request_duration_seconds',
  help: 'HTTP request latency, by method, route and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metrics],
});
export const requestsReceived = new Counter({
  name: 'aftersales_requests_received_total',
  help: 'Service requests taken in, by kind and channel',
  labelNames: ['kind', 'channel'] as const,
  registers: [metrics],
});
export const notificationsSent = new Counter({
  name: 'aftersales_notifications_sent_total',
  help: 'Notifications delivered by the outbox dispatcher, by channel',
  labelNames: ['channel'] as const,
  registers: [metrics],
});
export const notificationAttemptsFailed = new Counter({
  name: 'aftersales_notification_attempts_failed_total',
  help: 'Delivery attempts that failed (retried with back-off), by channel',
  labelNames: ['channel'] as const,
  registers: [metrics],
});
export const webhookDeliveries = new Counter({
  name: 'aftersales_webhook_deliveries_total',
  help: 'Webhook delivery attempts to subscribers, by outcome (delivered, failed, parked)',
  labelNames: ['outcome'] as const,
  registers: [metrics],
});
