/**
 * Complaints with time skipping (R-FOLLOW-4, R-SLA-3): their own clocks (acknowledge 1 h, first
 * response 24 h) warn, breach and escalate like a request's; a rejected resolution goes back to
 * investigation and to the manager; an accepted one closes with the root cause, opens an improvement
 * action when the investigation asks for it, and is followed up. Never offered to an engineer.
 */
import type { Actor } from '../../shared/common/actor';
import * as m from '../../shared/complaint/messages';
import { getImprovementQuery } from '../../shared/improvement/messages';
import type { complaint } from '../../workflows';
import { agent, causeOf, createHarness, HOUR, MIN, type Harness } from '../setup/workflowHarness';
import { recordFixture } from '../setup/fixtures';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('test-complaint');
}, 120_000);
afterAll(async () => h?.teardown());

const customer: Actor = { role: 'customer', id: 'CUST-001' };
const quality: Actor = { role: 'quality', id: 'qa-1' };
let n = 0;
const begin = () => {
  const complaintNo = `CP-20261122-${String(++n).padStart(4, '0')}`;
  return h.env.client.workflow.start<typeof complaint>('complaint', {
    taskQueue: 'test-complaint',
    workflowId: `complaint:${complaintNo}`,
    args: [
      {
        complaintNo,
        receivedBy: agent,
        intake: {
          channel: 'hotline',
          category: 'response_speed',
          customerId: 'CUST-001',
          contactName: 'Li Wei',
          contactPhone: '+86 21 5555 0101',
          description: 'the engineer came two days late and did not call',
          relatedRequestNos: [],
        },
      },
    ],
  });
};
const actions = async (handle: Awaited<ReturnType<typeof begin>>) =>
  (await handle.query(m.getComplaintQuery)).history.map((e) => e.action);

describe('complaints (time skipping)', () => {
  it('R-SLA-3 acknowledged within 1 h and answered within 24 h, or warned, breached and escalated', async () => {
    const handle = await begin();
    const v = await handle.query(m.getComplaintQuery);
    expect(v.clocks.map((c) => [c.name, c.budgetMs])).toEqual([
      ['acknowledge', HOUR],
      ['response', 24 * HOUR],
    ]);
    await h.env.sleep(61 * MIN);
    expect(await actions(handle)).toEqual(expect.arrayContaining(['sla_warning', 'sla_breached']));
    await handle.executeUpdate(m.acknowledgeComplaintUpdate, { args: [agent, { summary: 'sorry, we are on it' }] });
    await h.env.sleep(25 * HOUR);
    const late = await handle.query(m.getComplaintQuery);
    const breaches = late.history.filter((e) => e.action === 'sla_breached').map((e) => e.detail?.clock);
    expect(breaches).toEqual(['acknowledge', 'response']);
    expect(late.history.map((e) => e.action)).not.toContain('offered'); // never dispatched
    await handle.executeUpdate(m.withdrawComplaintUpdate, { args: [customer, { reason: 'sorted out by phone' }] });
    expect(await handle.result()).toMatchObject({ status: 'withdrawn' });
  });

  it('R-FOLLOW-4 rejected goes back to investigation and the manager; accepted closes with its root cause, an improvement action and a follow-up', async () => {
    const handle = await begin();
    const no = (await handle.query(m.getComplaintQuery)).complaintNo;
    await handle.executeUpdate(m.acknowledgeComplaintUpdate, {
      args: [agent, { summary: 'noted, we will look into it' }],
    });
    await expect(
      causeOf(handle.executeUpdate(m.proposeResolutionUpdate, { args: [quality, { resolution: 'sorry' }] })),
    ).resolves.toMatchObject({ message: expect.stringContaining('only while investigating') });
    await handle.executeUpdate(m.investigateUpdate, {
      args: [
        quality,
        {
          findings: 'the offer sat unanswered for a day; dispatch did not reassign',
          responsibleParty: 'dispatch',
          rootCause: 'no reassignment when an offer expires at night',
          improvementNeeded: true,
        },
      ],
    });
    await handle.executeUpdate(m.proposeResolutionUpdate, { args: [quality, { resolution: 'free annual check' }] });
    await expect(
      causeOf(handle.executeUpdate(m.decideResolutionUpdate, { args: [customer, { version: 1, accept: false }] })),
    ).resolves.toMatchObject({ message: 'a rejection needs a reason' });
    const other: Actor = { role: 'customer', id: 'CUST-002' };
    await expect(
      causeOf(handle.executeUpdate(m.decideResolutionUpdate, { args: [other, { version: 1, accept: true }] })),
    ).resolves.toMatchObject({ type: 'Forbidden' });
    const back = await handle.executeUpdate(m.decideResolutionUpdate, {
      args: [customer, { version: 1, accept: false, reason: 'I want the call-out fee back' }],
    });
    expect(back.status).toBe('investigating');
    await handle.executeUpdate(m.proposeResolutionUpdate, {
      args: [quality, { resolution: 'call-out fee refunded and a free annual check' }],
    });
    const closed = await handle.executeUpdate(m.decideResolutionUpdate, {
      args: [customer, { version: 2, accept: true }],
    });
    expect(closed.status).toBe('closed');

    const v = await handle.query(m.getComplaintQuery);
    expect(v.escalatedToManager).toBe(1);
    expect(v.history.find((e) => e.action === 'closed')?.detail).toMatchObject({
      rootCause: 'no reassignment when an offer expires at night',
      responsibleParty: 'dispatch',
    });
    const action = h.env.client.workflow.getHandle(`improvement:IA-${no}-RC`);
    expect(await action.query(getImprovementQuery)).toMatchObject({
      source: 'complaint',
      sourceRef: no,
      status: 'open',
    });
    await h.env.sleep(25 * HOUR); // the follow-up policy: 24 h after closure
    expect((await handle.query(m.getComplaintQuery)).status).toBe('follow_up_due');
    await handle.executeUpdate(m.recordComplaintFollowUpUpdate, { args: [agent, { overall: 9 }] });
    expect(await handle.result()).toMatchObject({ status: 'followed_up' });
    const outbox = (await h.models.Outbox.find({ requestNo: no }).lean()).map((o) => `${o.to}:${o.template}`);
    expect(outbox).toEqual(
      expect.arrayContaining([
        'customer:complaint_acknowledged',
        'customer:complaint_resolution',
        'manager:complaint_escalated',
      ]),
    );
    // Replay fixture: RECORD_HISTORY=1 npx jest test/workflow/complaint -t "rejected goes back"
    await recordFixture('complaint-followed-up.history.b64', handle.fetchHistory());
    await action.terminate('test over');
  });
});
