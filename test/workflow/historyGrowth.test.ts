/**
 * A request cannot be destroyed with valid calls (issue: survive what production does to it, item 2):
 * a stream of large, valid reschedules from several callers at once keeps every run's history bounded
 * (updates answer small; the request continues as new even while updates keep coming; updates that
 * arrive while it moves are turned away with TryAgain and succeed when retried), and the request goes on.
 */
import { WorkflowNotFoundError } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import * as m from '../../shared/serviceRequest/messages';
import { serviceRequestWorkflowId } from '../../shared/serviceRequest/ids';
import type { serviceRequest } from '../../workflows';
import { withWholeHistory } from '../../shared/storage/requestHistory';
import { HISTORY_WINDOW } from '../../workflows/serviceRequest/historyWindow';
import { intakeBody } from '../setup/env';
import { act, agent, createHarness, eng, stateOf, waitFor, window, type Harness } from '../setup/workflowHarness';
import { recordFixture } from '../setup/fixtures';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('test-growth');
}, 120_000);
afterAll(async () => h?.teardown());

const TOOLS = Array.from({ length: 50 }, (_, i) =>
  `${String(i).padStart(2, '0')} ${'torque wrench set '.repeat(11)}`.slice(0, 200),
);
const REASON = 'customer asked to move the visit again; '.repeat(13).slice(0, 500);

describe('history growth', () => {
  it('R-RECORD-1 100 maximal reschedules from 4 callers at once: every run stays bounded and the request goes on', async () => {
    const requestNo = 'SR-20261122-0901';
    const handle = await h.env.client.workflow.start<typeof serviceRequest>('serviceRequest', {
      taskQueue: 'test-growth',
      workflowId: serviceRequestWorkflowId(requestNo),
      args: [{ requestNo, intake: intakeBody() as any, receivedBy: agent, continueAfterEvents: 150 }],
    });
    const firstRun = handle.firstExecutionRunId;
    await waitFor(handle, (s) => s.status === 'offered');
    await act(handle, m.acceptOfferUpdate, { args: [eng('ENG-001')] });
    const t = await h.env.currentTimeMs();
    await act(handle, m.agreeAppointmentUpdate, { args: [eng('ENG-001'), window(t, 30)] });

    let turnedAway = 0;
    const reschedule = async (n: number) => {
      const args = [eng('ENG-001'), window(t, 31 + n, { toolsAndParts: TOOLS, reason: REASON })] as const;
      for (;;) {
        try {
          const answer = await handle.executeUpdate(m.agreeAppointmentUpdate, { args: [...args] });
          return answer;
        } catch (err) {
          // Turned away while it moves (TryAgain), or, on the time-skipping server, reaching the run that had
          // just continued as new ("Completed workflow") while the request runs on: the HTTP services answer
          // both with 503 and Retry-After (the real server's behaviour: test/integration/continueAsNewUpdates).
          const moved = err instanceof WorkflowNotFoundError && (await handle.describe()).status.name === 'RUNNING';
          if (!moved && (err as { cause?: { type?: string } }).cause?.type !== 'TryAgain') throw err;
          turnedAway++;
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    };
    const answers = await Promise.all(
      [0, 1, 2, 3].map(async (caller) => {
        const mine = [];
        for (let i = 0; i < 25; i++) mine.push(await reschedule(caller * 25 + i));
        return mine;
      }),
    );
    // Small answers: what the step recorded, not the whole request.
    const sizes = answers.flat().map((a) => JSON.stringify(a).length);
    expect(Math.max(...sizes)).toBeLessThan(16 * 1024);

    const first = await h.env.client.workflow.getHandle(handle.workflowId, firstRun).fetchHistory();
    const firstEvents = first.events!;
    expect(firstEvents.at(-1)!.workflowExecutionContinuedAsNewEventAttributes).toBeTruthy();
    expect(firstEvents.length).toBeLessThan(400);
    const bytes = temporal.api.history.v1.History.encode(first).finish().length;
    expect(bytes).toBeLessThan(4 * 1024 * 1024);

    const now = await stateOf(handle);
    expect(now.appointmentSeq).toBe(101);
    // The run keeps its recent history; the rest was moved to the database, and together they hold every change.
    expect(now.history.length).toBeLessThanOrEqual(HISTORY_WINDOW.maxEntries);
    const whole = await withWholeHistory(h.models, now);
    expect(whole.history.filter((e) => e.action === 'appointment_changed')).toHaveLength(100);
    expect(whole.history.map((e) => e.seq)).toEqual(Array.from({ length: now.seq }, (_, i) => i + 1));
    const latest = await h.env.client.workflow.getHandle(handle.workflowId).fetchHistory();
    expect(latest.events!.length).toBeLessThan(400);
    await act(handle, m.checkInUpdate, { args: [eng('ENG-001'), { identityShown: true }] });
    expect((await stateOf(handle)).status).toBe('on_site');
    // Replay fixtures: the first run, which continued as new, and the first run that moved history out.
    await recordFixture('serviceRequest-continued.history.b64', first);
    if (process.env.RECORD_HISTORY) {
      // Along the chain of runs (the time-skipping server cannot list them): the first that moved entries out.
      let events = firstEvents;
      for (;;) {
        const moved = events.some(
          (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'storeEarlierHistory',
        );
        const next = events.at(-1)!.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId;
        if (moved && next) await recordFixture('serviceRequest-window.history.b64', { events });
        if (moved || !next) break;
        events = (await h.env.client.workflow.getHandle(handle.workflowId, next).fetchHistory()).events!;
      }
    }

    console.log(
      `history growth: first run ${firstEvents.length} events, ${bytes} bytes; ${turnedAway} updates retried`,
    );
    await act(handle, m.cancelRequestUpdate, { args: [agent, { reason: 'test over' }] }).catch(() => undefined);
  }, 120_000);
});
