/**
 * Liveness (`/healthz`: the process answers) and readiness (`/readyz`: the database and Temporal answer
 * within a short deadline). A load balancer sends traffic only to a ready instance.
 */
import type { Client } from '@temporalio/client';
import type { Express } from 'express';
import type { Repositories } from '../shared/storage/repositories';
import { RETRY_AFTER_SECONDS } from './http/errors';

const CHECK_MS = 2_000;

function within<T>(ms: number, p: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    p.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

async function check(name: string, probe: () => Promise<unknown>): Promise<[string, string]> {
  try {
    await within(CHECK_MS, probe());
    return [name, 'up'];
  } catch (err) {
    return [name, `down: ${(err as Error).message}`];
  }
}

export function mountHealth(app: Express, deps: { client: Client; repos: Repositories }): void {
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/readyz', async (_req, res) => {
    const results = Object.fromEntries(
      await Promise.all([
        check('database', () => deps.repos.ping()),
        check('temporal', () => deps.client.workflowService.getSystemInfo({})),
      ]),
    );
    const ready = Object.values(results).every((v) => v === 'up');
    if (!ready) res.set('Retry-After', String(RETRY_AFTER_SECONDS));
    res.status(ready ? 200 : 503).json({ ready, dependencies: results });
  });
}
