/**
 * Keyed intake survives a crash of the services process (issue: survive what production does to it,
 * item 1): ten clients take requests in with Idempotency-Keys, the process is killed with SIGKILL in the
 * middle, a new one starts, and every client's retry with the same key gets exactly one request — the
 * one already started for it, or a new one — and no workflow is left that no key knows.
 */
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { ChildProcess } from 'node:child_process';
import { createWorker } from '../../infra/worker';
import { freePort, waitForPort } from '../../infra/processes';
import { issueToken } from '../../shared/runtime/auth';
import { freshDatabase, intakeBody, testConfig } from '../setup/env';
import { processEnv, runProcess } from '../setup/processHarness';
import { tcpProxy } from '../setup/tcpProxy';

const KEYS = Array.from({ length: 10 }, (_, i) => `order-${i}`);

describe('keyed intake across a crash', () => {
  it('R-INTAKE-1 every Idempotency-Key resolves to exactly one request after the services process is killed', async () => {
    const db = await freshDatabase();
    const config = testConfig({ taskQueue: `crash-${Date.now()}`, mongoUri: db.uri });
    const nativeConn = await NativeConnection.connect({ address: config.temporalAddress });
    const worker = await createWorker(nativeConn, db.models, config);
    const running = worker.run();
    const connection = await Connection.connect({ address: config.temporalAddress });
    const client = new Client({ connection });
    const port = await freePort();
    // The services reach Temporal through a proxy the test holds: Temporal starts the workflows, but its answers
    // wait, so the kill lands after the workflow started and before the key learnt its request, on any machine.
    const temporal = await tcpProxy(config.temporalAddress);
    const env = processEnv({ ...config, temporalAddress: temporal.address }, port, { INTAKE_KEY_LEASE_MS: '1500' });
    const services = async (): Promise<ChildProcess> => {
      const child = runProcess('services/main.ts', env);
      await waitForPort(port, '127.0.0.1', 30_000, child);
      return child;
    };
    const token = await issueToken(config.authSecret, { role: 'agent', id: 'agent-crash' });
    const intake = (key: string) =>
      fetch(`http://127.0.0.1:${port}/api/v1/requests`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify(intakeBody()),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as { requestNo?: string } }));

    try {
      const first = await services();
      // The first intake is answered; then Temporal's answers are held, the others are sent at once, and the
      // process is killed once their workflows have started with every key still unfinished.
      const warm = await intake(KEYS[0]).catch(() => undefined);
      temporal.hold('answers');
      const inFlight = [Promise.resolve(warm), ...KEYS.slice(1).map((k) => intake(k).catch(() => undefined))];
      const claimedUnfinished = () =>
        db.models.IntakeKey.countDocuments({ callerId: 'agent-crash', requestNo: { $exists: false } }).comment(
          'scan: a test looks',
        );
      const startedHere = async () => {
        let n = 0;
        for await (const _wf of client.workflow.list({ query: `TaskQueue = '${config.taskQueue}'` })) n++;
        return n;
      };
      const caught = async () => (await claimedUnfinished()) >= KEYS.length - 1 && (await startedHere()) >= KEYS.length;
      for (let i = 0; i < 100 && !(await caught()); i++) await new Promise((r) => setTimeout(r, 100));
      const startedBeforeKill = await startedHere();
      first.kill('SIGKILL');
      temporal.release();
      expect(startedBeforeKill).toBe(KEYS.length); // each workflow started, its key never told
      const answered = (await Promise.all(inFlight)).filter((r) => r && r.status === 201).length;
      expect(answered).toBeLessThan(KEYS.length); // the kill interrupted intakes in flight
      const keyRows = await db.models.IntakeKey.find({ callerId: 'agent-crash' }).comment('scan: a test looks').lean();
      const unfinished = keyRows.filter((k) => !k.requestNo).length;
      console.log(`intake crash: ${answered} answered before the kill, ${unfinished} keys left unfinished`);
      if (first.exitCode === null && first.signalCode === null) await new Promise((r) => first.once('exit', r));

      const second = await services();
      const resolved = new Map<string, string>();
      for (let round = 0; round < 60 && resolved.size < KEYS.length; round++) {
        for (const key of KEYS.filter((k) => !resolved.has(k))) {
          const res = await intake(key).catch(() => undefined);
          if (res && (res.status === 200 || res.status === 201)) resolved.set(key, res.body.requestNo!);
          else if (res) expect(res.status).toBe(409); // still being created: retry
        }
        if (resolved.size < KEYS.length) await new Promise((r) => setTimeout(r, 250));
      }
      second.kill('SIGKILL');

      expect(resolved.size).toBe(KEYS.length);
      const numbers = [...resolved.values()];
      expect(new Set(numbers).size).toBe(KEYS.length);
      // A retry now answers the same request.
      // Every workflow started on this task queue belongs to a key: none is left unknown.
      const started = async () => {
        const ids: string[] = [];
        for await (const wf of client.workflow.list({ query: `TaskQueue = '${config.taskQueue}'` })) {
          ids.push(wf.workflowId);
        }
        return ids.sort();
      };
      let ids: string[] = [];
      for (let i = 0; i < 50; i++) {
        ids = await started();
        if (ids.length >= KEYS.length) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(ids).toEqual(numbers.map((n) => `service-request:${n}`).sort());
      const keys = await db.models.IntakeKey.find({ callerId: 'agent-crash', requestNo: { $exists: true } })
        .comment('scan: a test looks')
        .lean();
      expect(keys.length).toBe(KEYS.length);
    } finally {
      await temporal.close();
      worker.shutdown();
      await running;
      await connection.close();
      await nativeConn.close();
      await db.conn.close();
    }
  }, 120_000);
});
