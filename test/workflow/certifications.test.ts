/**
 * Certifications that expire, with time skipping (R-CERT-1; 004 §2(3) qualified staff): UPS work is never
 * offered to an engineer without a valid certification (the reason is in the ranking), and the daily
 * reminders tell the engineer and the supervisor before a certification runs out, once each.
 */
import * as m from '../../shared/serviceRequest/messages';
import { recordFixture } from '../setup/fixtures';
import { act, agent, createHarness, stateOf, waitFor, type Harness } from '../setup/workflowHarness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('test-certifications');
}, 120_000);
afterAll(async () => h?.teardown());

const UPS = { serialNumber: 'UPS-2021-0420', customerId: 'CUST-002', region: 'east' };
const day = async (plus = 0) => new Date((await h.env.currentTimeMs()) + plus * 86_400_000).toISOString().slice(0, 10);

describe('R-CERT-1 certifications (time skipping)', () => {
  it('R-CERT-1 UPS work is offered only to a validly certified engineer; the skilled one without is listed with the reason', async () => {
    const handle = await h.start(UPS);
    const v = await waitFor(handle, (s) => s.status === 'offered');
    expect(v.offer!.engineerId).toBe('ENG-003'); // certified for UPS until next year
    expect(v.candidates.map((c) => c.engineerId)).toEqual(['ENG-003']);
    expect(v.notOffered).toEqual([{ engineerId: 'ENG-001', name: 'Chen Hao', reason: 'no certification for ups' }]);

    // Once ENG-003's certification has run out, nobody in the region may take UPS work: the supervisor's queue.
    await h.models.Engineer.updateOne(
      { _id: 'ENG-003' },
      { $set: { certifications: [{ productLine: 'ups', validUntil: await day(-1) }] } },
    );
    const later = await stateOf(await h.start(UPS));
    expect(later.candidates).toEqual([]);
    expect(later.notOffered!.map((n) => `${n.engineerId}: ${n.reason}`)).toEqual([
      'ENG-001: no certification for ups',
      `ENG-003: certification for ups expired ${await day(-1)}`,
    ]);
    expect(later.status).toBe('awaiting_assignment');
    await act(handle, m.cancelRequestUpdate, { args: [agent, { reason: 'test over' }] });
  });

  it('R-CERT-1 reminders before a certification runs out go to the engineer and the supervisor, each once', async () => {
    await h.models.Engineer.updateOne(
      { _id: 'ENG-005' },
      {
        $set: {
          certifications: [
            { productLine: 'wind-turbine', name: '高压电工作业证', number: 'G-1', validUntil: await day(20) },
          ],
        },
      },
    );
    const run = async (id: string) =>
      h.env.client.workflow.execute('certificationReminders', {
        taskQueue: 'test-certifications',
        workflowId: id,
        args: [{ day: await day() }],
      });
    // ENG-004's demo certification runs out in 25 days, ENG-005's now in 20: each reminded at the 30-day mark.
    expect(await run('cert-1')).toEqual({ due: 4 });
    const sent = await h.models.Outbox.find({ template: 'certification_expiring' })
      .comment('scan: a test looks')
      .lean();
    expect(sent.map((o) => `${o.to}:${o.subject}`).sort()).toEqual([
      'engineer:Certification expires in 20 days: Sun Qiang',
      'engineer:Certification expires in 25 days: Zhao Lei',
      'supervisor:Certification expires in 20 days: Sun Qiang',
      'supervisor:Certification expires in 25 days: Zhao Lei',
    ]);
    expect(sent.find((o) => o.to === 'supervisor' && /Sun Qiang/.test(o.subject ?? ''))!.address).toBe(
      'supervisor.north@example.test',
    );
    expect(sent[0].body).toMatch(/is not offered .* work until a renewed certification is recorded/);
    const handle = h.env.client.workflow.getHandle('cert-1');
    await recordFixture('certificationReminders-reminded.history.b64', handle.fetchHistory());
    await run('cert-2'); // the same day again (a caught-up schedule): nothing new
    expect(
      await h.models.Outbox.countDocuments({ template: 'certification_expiring' }).comment('scan: a test looks'),
    ).toBe(4);
  });
});
