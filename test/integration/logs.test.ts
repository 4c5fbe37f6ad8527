/**
 * Structured logs (R-INTEGRATE-1, ops): the services and the worker, each in its own process, write
 * one JSON object per line; lines about a request carry its number and workflow id, including the
 * Temporal SDK's own lines; no credential ever reaches a log.
 */
import { freePort, waitForPort } from '../../infra/processes';
import { issueCustomerLink, issueToken } from '../../shared/runtime/auth';
import { freshDatabase, intakeBody, testConfig } from '../setup/env';
import { processEnv, runProcess } from '../setup/processHarness';

describe('logs', () => {
  it("R-RECORD-1 every line is JSON; lines about a request name it, the SDK's too; no token is logged", async () => {
    const db = await freshDatabase();
    const config = testConfig({ taskQueue: `logs-${Date.now()}`, mongoUri: db.uri });
    const port = await freePort();
    const env = processEnv(config, port, { WORKER_METRICS_PORT: String(await freePort()) });
    const lines: string[] = [];
    const services = runProcess('services/main.ts', { ...env, LOG_LEVEL: 'info' }, lines);
    const worker = runProcess('infra/worker.ts', { ...env, LOG_LEVEL: 'debug', TEMPORAL_LOG_LEVEL: 'DEBUG' }, lines);
    try {
      await waitForPort(port, '127.0.0.1', 30_000, services);
      const token = await issueToken(config.authSecret, { role: 'agent', id: 'agent-logs' });
      const created = await fetch(`http://127.0.0.1:${port}/api/v1/requests`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(intakeBody()),
      });
      const { requestNo } = (await created.json()) as { requestNo: string };
      const link = await issueCustomerLink(config.authSecret, 'CUST-001', requestNo, '1d');
      await fetch(`http://127.0.0.1:${port}/api/v1/requests/${requestNo}?token=${link}`);

      const parsed = () => lines.map((l) => JSON.parse(l) as Record<string, any>);
      const complete = (all: Record<string, any>[]) =>
        all.some((l) => l.sdk && l.requestNo === requestNo) && all.some((l) => l.req?.method === 'GET');
      for (let i = 0; i < 100 && !complete(parsed()); i++) {
        await new Promise((r) => setTimeout(r, 100));
      }
      const all = parsed(); // every line parses as JSON
      const intake = all.find((l) => l.req?.method === 'POST' && l.req.url === '/api/v1/requests');
      expect(intake).toMatchObject({ requestNo, workflowId: `service-request:${requestNo}`, res: { statusCode: 201 } });
      const read = all.find((l) => l.req?.method === 'GET' && l.requestNo === requestNo);
      expect(read?.req.url).toBe(`/api/v1/requests/${requestNo}?token=[redacted]`);
      expect(
        all.some((l) => l.sdk && l.requestNo === requestNo && l.workflowId === `service-request:${requestNo}`),
      ).toBe(true);
      expect(lines.join('\n')).not.toMatch(/eyJ|authorization/i); // no token, no header
    } finally {
      services.kill('SIGKILL');
      worker.kill('SIGKILL');
      await db.conn.close();
    }
  }, 90_000);
});
