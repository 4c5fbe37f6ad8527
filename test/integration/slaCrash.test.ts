/**
 * R-SLA-4 on the real Temporal dev server: SLA timers live in the server, not in a worker. With
 * every worker down across a warning and a breach, both are recorded at their exact moments as soon
 * as a worker is back. (Budgets of seconds, set in this test's own database.)
 */
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { createWorker } from '../../infra/worker';
import type { Actor } from '../../shared/common/actor';
import type { ServiceRequestView } from '../../shared/serviceRequest/types';
import { serviceRequestWorkflowId } from '../../shared/serviceRequest/ids';
import * as m from '../../shared/serviceRequest/messages';
import type { serviceRequest } from '../../workflows';
import { freshDatabase, intakeBody, testConfig } from '../setup/env';

Runtime.install({ logger: new DefaultLogger('WARN') });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('R-SLA-4 a warning and a breach that fall due while no worker runs are recorded at their exact deadlines', async () => {
  const db = await freshDatabase();
  const config = testConfig({ taskQueue: `crash-${Date.now()}` });
  // Urgent arrival in 4 s, warning at 3 s; everything else far away.
  await db.models.SlaPolicy.updateOne(
    { _id: 'general' },
    {
      $set: {
        'budgets.urgent': { dispatch: 3_600_000, arrival: 4_000, resolution: 86_400_000 },
        warnAtShare: 0.75,
        managerEscalationDelayMs: 3_600_000,
      },
    },
  );
  const nativeConn = await NativeConnection.connect({ address: config.temporalAddress });
  const connection = await Connection.connect({ address: config.temporalAddress });
  const client = new Client({ connection });
  const requestNo = `SR-20261122-${String(Date.now() % 10_000).padStart(4, '0')}`;
  const handle = client.workflow.getHandle<typeof serviceRequest>(serviceRequestWorkflowId(requestNo));
  const agent: Actor = { role: 'agent', id: 'agent-1' };
  try {
    const first = await createWorker(nativeConn, db.models, config);
    await first.runUntil(async () => {
      await client.workflow.start<typeof serviceRequest>('serviceRequest', {
        taskQueue: config.taskQueue,
        workflowId: handle.workflowId,
        args: [{ requestNo, intake: intakeBody({ urgency: 'urgent' }) as any, receivedBy: agent }],
      });
      for (let i = 0; i < 50 && (await handle.query(m.getStateQuery)).status !== 'offered'; i++) await sleep(100);
      await handle.executeUpdate(m.acceptOfferUpdate, { args: [{ role: 'engineer', id: 'ENG-001' }] });
    });
    // The worker is down (as after a crash) while the warning (3 s) and the breach (4 s) fall due.
    await sleep(5_500);

    const second = await createWorker(nativeConn, db.models, config);
    const v: ServiceRequestView = await second.runUntil(async () => {
      for (let i = 0; i < 100; i++) {
        const s = await handle.query(m.getStateQuery);
        if (s.clocks?.find((c) => c.name === 'arrival')?.breachedAt) return s;
        await sleep(100);
      }
      throw new Error('the breach was never recorded');
    });
    const received = Date.parse(v.receivedAt);
    const arrival = v.clocks!.find((c) => c.name === 'arrival')!;
    expect(arrival.warnedAt).toBe(new Date(received + 3_000).toISOString());
    expect(arrival.breachedAt).toBe(new Date(received + 4_000).toISOString());
    // The workflow only ran again once the worker was back, and still recorded the exact moments.
    const breachEntry = v.history.find((h) => h.action === 'sla_breached')!;
    expect(Date.parse(breachEntry.at) - received).toBeGreaterThan(5_000);
    expect(breachEntry.detail).toMatchObject({ clock: 'arrival', deadline: arrival.breachedAt });
  } finally {
    await handle.terminate('test over').catch(() => undefined);
    await connection.close();
    await nativeConn.close();
    await db.conn.close();
  }
}, 60_000);
