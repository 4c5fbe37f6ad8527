/**
 * `GET /metrics` (Prometheus text; a bearer token of role service or admin): this process's metrics,
 * gauges read at scrape time (outbox backlog from its small collection, open requests with a breached
 * SLA clock from Temporal visibility counts), and the worker's SDK metrics when it exports them.
 */
import type { Client } from '@temporalio/client';
import type { Express, NextFunction, Request, Response } from 'express';
import { Gauge } from 'prom-client';
import { httpDuration, httpRequests, metrics } from '../shared/runtime/metrics';
import { CLOCK_NAMES } from '../shared/sla/types';
import type { Repositories } from '../shared/storage/repositories';
import { HttpError } from './http/errors';
import { authenticate, type AuthSettings } from './http/routes';

/** Counts every answer by the route pattern (not the path: request numbers would explode the series). */
export function measureHttp(req: Request, res: Response, next: NextFunction): void {
  const end = httpDuration.startTimer();
  res.on('finish', () => {
    const route =
      (res.locals.route as string | undefined) ?? (req.route?.path ? `${req.baseUrl}${req.route.path}` : 'unmatched');
    const labels = { method: req.method, route, status: String(res.statusCode) };
    httpRequests.inc(labels);
    end(labels);
  });
  next();
}

export function mountMetrics(
  app: Express,
  deps: { client: Client; repos: Repositories; auth: AuthSettings; workerMetricsUrl?: string; taskQueue: string },
): void {
  const { client, repos } = deps;
  // One app per process in production; tests build several: the newest app's gauges count.
  for (const name of ['aftersales_outbox_messages', 'aftersales_requests_breached']) metrics.removeSingleMetric(name);
  new Gauge({
    name: 'aftersales_outbox_messages',
    help: 'Notifications not yet delivered, by state (pending, late, undeliverable)',
    labelNames: ['state'] as const,
    registers: [metrics],
    async collect() {
      const counts = await repos.notifications.counts();
      for (const state of ['pending', 'late', 'undeliverable'] as const) this.set({ state }, counts[state]);
    },
  });
  new Gauge({
    name: 'aftersales_requests_breached',
    help: 'Running service requests with a breached SLA clock, by clock',
    labelNames: ['clock'] as const,
    registers: [metrics],
    async collect() {
      for (const clock of CLOCK_NAMES) {
        const query = `WorkflowType = 'serviceRequest' AND ExecutionStatus = 'Running' AND TaskQueue = '${deps.taskQueue}' AND BreachedClocks = '${clock}'`;
        this.set({ clock }, (await client.workflow.count(query)).count);
      }
    },
  });

  app.get('/metrics', async (req, res, next) => {
    try {
      const caller = await authenticate(req, deps.auth);
      if (caller.role !== 'service' && caller.role !== 'admin')
        throw new HttpError(403, 'only service or admin may read metrics');
      let text = await metrics.metrics();
      if (deps.workerMetricsUrl) {
        text += await fetch(deps.workerMetricsUrl, { signal: AbortSignal.timeout(2_000) })
          .then((r) => r.text())
          .catch((err: Error) => `# worker metrics unavailable: ${err.message}\n`);
      }
      res.type(metrics.contentType).send(text);
    } catch (err) {
      next(err);
    }
  });
}
