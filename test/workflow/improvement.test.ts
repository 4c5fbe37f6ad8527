/**
 * Improvement actions with time skipping (R-FOLLOW-2): the owner is reminded before the due date, the
 * manager hears when it is overdue, and it ends verified (adopted) by quality staff or rejected with a
 * reason; the owner may not verify their own action, and every step is in its history.
 */
import type { Actor } from '../../shared/common/actor';
import * as m from '../../shared/improvement/messages';
import type { StartImprovement } from '../../shared/improvement/types';
import type { improvementAction } from '../../workflows';
import { causeOf, createHarness, HOUR, type Harness } from '../setup/workflowHarness';
import { recordFixture } from '../setup/fixtures';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('test-improvement');
}, 120_000);
afterAll(async () => h?.teardown());

const DAY = 24 * HOUR;
const owner: Actor = { role: 'dispatcher', id: 'disp-1' };
const quality: Actor = { role: 'quality', id: 'qa-1' };
const begin = async (actionId: string, over: Partial<StartImprovement> = {}) => {
  const now = await h.env.currentTimeMs();
  return h.env.client.workflow.start<typeof improvementAction>('improvementAction', {
    taskQueue: 'test-improvement',
    workflowId: `improvement:${actionId}`,
    args: [
      {
        actionId,
        source: 'manual',
        title: 'Engineers call ahead before every visit',
        description: 'three complaints about unannounced arrivals in October',
        owner: { id: 'disp-1', email: 'supervisor.east@example.test' },
        dueAt: new Date(now + 14 * DAY).toISOString(),
        openedBy: quality,
        managerEmail: 'manager@example.test',
        remindBeforeMs: 2 * DAY,
        ...over,
      },
    ],
  });
};
const outbox = async (actionId: string) =>
  (await h.models.Outbox.find({ requestNo: actionId }).lean()).map((o) => `${o.to}:${o.template}`).sort();
const eventuallyOutbox = async (actionId: string, expected: string[]) => {
  for (let i = 0; i < 100 && (await outbox(actionId)).length < expected.length; i++)
    await new Promise((r) => setTimeout(r, 100));
  return outbox(actionId);
};

describe('improvement actions (time skipping)', () => {
  it('R-FOLLOW-2 the owner is reminded before the due date, the manager told when it is overdue; verified by quality', async () => {
    const handle = await begin('IA-M-TEST-0001');
    await h.env.sleep(12 * DAY + HOUR);
    let view = await handle.query(m.getImprovementQuery);
    expect(view.history.map((e) => e.action)).toEqual(['opened', 'reminded']);
    await h.env.sleep(2 * DAY);
    view = await handle.query(m.getImprovementQuery);
    expect(view.history.map((e) => e.action)).toEqual(['opened', 'reminded', 'overdue_escalated']);
    expect(await eventuallyOutbox('IA-M-TEST-0001', ['a', 'b', 'c'])).toEqual([
      'manager:improvement_overdue',
      'supervisor:improvement_opened',
      'supervisor:improvement_reminder',
    ]);

    const someoneElse: Actor = { role: 'dispatcher', id: 'disp-9' };
    await expect(causeOf(handle.executeUpdate(m.startWorkUpdate, { args: [someoneElse, {}] }))).resolves.toMatchObject({
      type: 'Forbidden',
    });
    await expect(causeOf(handle.executeUpdate(m.verifyUpdate, { args: [quality, {}] }))).resolves.toMatchObject({
      type: 'NotAllowed',
      message: expect.stringContaining('only while done'),
    });
    await handle.executeUpdate(m.startWorkUpdate, { args: [owner, { note: 'briefed the east team' }] });
    await handle.executeUpdate(m.addNoteUpdate, { args: [owner, { note: 'call-ahead added to the visit checklist' }] });
    await handle.executeUpdate(m.markDoneUpdate, {
      args: [owner, { outcome: 'checklist updated, all engineers trained' }],
    });
    await expect(
      causeOf(handle.executeUpdate(m.verifyUpdate, { args: [{ role: 'quality', id: 'disp-1' }, {}] })),
    ).resolves.toMatchObject({ type: 'Forbidden', message: expect.stringContaining('their own action') });
    const verified = await handle.executeUpdate(m.verifyUpdate, { args: [quality, { note: 'no complaints since' }] });
    expect(verified.status).toBe('verified');
    expect(await handle.result()).toEqual({ actionId: 'IA-M-TEST-0001', status: 'verified' });
    // Replay fixture: RECORD_HISTORY=1 npx jest test/workflow/improvement -t "reminded before"
    await recordFixture('improvementAction-verified.history.b64', handle.fetchHistory());
    const row = await h.models.ImprovementAction.findById('IA-M-TEST-0001').lean();
    expect(row).toMatchObject({
      status: 'verified',
      ownerId: 'disp-1',
      outcome: 'checklist updated, all engineers trained',
    });
  });

  it('R-FOLLOW-2 done in time: no reminder, no escalation; a rejection needs a reason and ends it', async () => {
    const handle = await begin('IA-M-TEST-0002');
    await handle.executeUpdate(m.markDoneUpdate, { args: [owner, { outcome: 'nothing to change, see note' }] });
    await h.env.sleep(15 * DAY);
    await handle.executeUpdate(m.rejectUpdate, { args: [quality, { reason: 'does not address the root cause' }] });
    expect(await handle.result()).toEqual({ actionId: 'IA-M-TEST-0002', status: 'rejected' });
    const view = await handle.query(m.getImprovementQuery);
    expect(view.history.map((e) => e.action)).toEqual(['opened', 'done', 'rejected']);
    expect(view.rejectedReason).toBe('does not address the root cause');
  });
});
