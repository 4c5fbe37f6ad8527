/**
 * SLA clocks with time skipping (R-SLA-1..5): warnings, breaches at their exact moment, the
 * supervisor-then-manager chain, pauses while the customer decides, and policy versions.
 */
import type { WorkflowHandle } from '@temporalio/client';
import type { ServiceRequestView } from '../../shared/serviceRequest/types';
import type { SlaClock } from '../../shared/sla/types';
import * as m from '../../shared/serviceRequest/messages';
import { SA } from '../../shared/serviceRequest/searchAttributes';
import {
  actionsOf,
  agent,
  createHarness,
  dispatcher,
  eng,
  entry,
  HOUR,
  MIN,
  outboxOf,
  stateOf,
  waitForReadModel,
  window,
  type Harness,
  act,
} from '../setup/workflowHarness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('test-sla');
}, 120_000);
afterAll(async () => h?.teardown());

const clock = (v: ServiceRequestView, name: string): SlaClock => v.clocks!.find((c) => c.name === name)!;
const at = (iso: string | undefined) => Date.parse(iso!);
const received = (v: ServiceRequestView) => Date.parse(v.receivedAt);
/** Within a second of the exact moment: the timer fired then, not at the next poll. */
const expectAt = (iso: string | undefined, expected: number) => expect(Math.abs(at(iso) - expected)).toBeLessThan(1000);

async function cancel(handle: WorkflowHandle) {
  const v = await stateOf(handle);
  if (
    !['awaiting_follow_up', 'follow_up_due', 'closed', 'cancelled', 'on_site', 'diagnosed', 'work_done'].includes(
      v.status,
    )
  ) {
    await act(handle, m.cancelRequestUpdate, { args: [agent, { reason: 'test over' }] });
  }
}

describe('SLA clocks (time skipping)', () => {
  it('R-SLA-1 R-SLA-4 the dispatch clock warns at 75%, breaches at its exact deadline, then escalates to the manager', async () => {
    const handle = await h.start({ urgency: 'urgent' }); // general products, urgent: dispatch 30 min, on site 2 h
    const v0 = await stateOf(handle);
    expect(v0.slaPolicy).toMatchObject({ key: 'general', version: 1 });
    expect(v0.clocks!.map((c) => `${c.name}:${c.budgetMs / MIN}`)).toEqual([
      'dispatch:30',
      'arrival:120',
      'resolution:1440',
    ]);
    await act(handle, m.declineOfferUpdate, { args: [eng('ENG-001'), { reason: 'on another job' }] });
    await act(handle, m.declineOfferUpdate, { args: [eng('ENG-002'), { reason: 'too far' }] }); // supervisor queue

    await h.env.sleep(23 * MIN);
    const warned = await stateOf(handle);
    expectAt(clock(warned, 'dispatch').warnedAt, received(v0) + 22.5 * MIN);
    expect(actionsOf(warned)).not.toContain('sla_breached');

    await h.env.sleep(8 * MIN); // 31 min after receipt
    const breached = await stateOf(handle);
    expect(clock(breached, 'dispatch').breachedAt).toBe(new Date(received(v0) + 30 * MIN).toISOString());
    expectAt(entry(breached, 'sla_breached')!.at, received(v0) + 30 * MIN);
    expect(clock(breached, 'dispatch').escalatedTo).toEqual(['supervisor']);
    const rm = await waitForReadModel(h.models, v0.requestNo, (d) => d.slaBreached === true);
    expect(rm).toMatchObject({ breachedClocks: ['dispatch'], open: true });
    const described = await handle.describe();
    expect(described.typedSearchAttributes.get(SA.slaBreached)).toBe(true);
    expect(described.typedSearchAttributes.get(SA.breachedClocks)).toEqual(['dispatch']);

    await h.env.sleep(2 * HOUR); // manager escalation 2 h after the breach
    const escalated = await stateOf(handle);
    expect(clock(escalated, 'dispatch').escalatedTo).toEqual(['supervisor', 'manager']);
    expectAt(entry(escalated, 'sla_escalated')!.at, received(v0) + 30 * MIN + 2 * HOUR);

    // A dispatcher finally assigns: the clock stops as breached, with the overrun recorded.
    const assigned = await act(handle, m.assignEngineerUpdate, {
      args: [dispatcher, { engineerId: 'ENG-001', reason: 'back from his job' }],
    });
    const d = clock(assigned, 'dispatch');
    expect(d.outcome).toBe('breached');
    expect(d.overrunMs).toBe(at(d.stoppedAt) - (received(v0) + 30 * MIN));
    expect(d.overrunMs!).toBeGreaterThanOrEqual(2 * HOUR);
    await waitForReadModel(h.models, v0.requestNo, (doc) => doc.status === 'assigned');
    expect(await outboxOf(h.models, v0.requestNo)).toEqual(
      expect.arrayContaining(['agent:sla_warning', 'supervisor:sla_breached', 'manager:sla_escalated']),
    );
    await cancel(handle);
  });

  it('R-SLA-4 a clock that is met sends no warning and no escalation', async () => {
    const handle = await h.start({ urgency: 'urgent' });
    await h.env.sleep(10 * MIN);
    const v = await act(handle, m.acceptOfferUpdate, { args: [eng('ENG-001')] });
    expect(clock(v, 'dispatch')).toMatchObject({ outcome: 'met' });
    expect(clock(v, 'dispatch').warnedAt).toBeUndefined();
    await h.env.sleep(30 * MIN);
    expect(
      actionsOf(await stateOf(handle)).filter(
        (a) => a.startsWith('sla_') && a !== 'sla_clocks_started' && a !== 'sla_clocks_stopped',
      ),
    ).toEqual([]);
    await cancel(handle);
  });

  it('R-SLA-5 a later window chosen by the customer pauses arrival and resolution until it starts; the pause moves the deadline', async () => {
    const handle = await h.start(); // important: arrival 4 h, resolution 48 h
    const v0 = await act(handle, m.acceptOfferUpdate, { args: [eng('ENG-001')] });
    await h.env.sleep(1 * HOUR);
    const agreedAt = await h.env.currentTimeMs();
    const paused = await act(handle, m.agreeAppointmentUpdate, {
      args: [eng('ENG-001'), window(agreedAt, 30, { customerChoseTime: true })],
    });
    expect(paused.waitingOn).toBe('customer');
    expect(clock(paused, 'arrival').deadline).toBeUndefined(); // it moves while paused
    expect(clock(paused, 'arrival').pauses).toEqual([
      expect.objectContaining({
        reason: 'customer_chose_later_appointment',
        until: new Date(agreedAt + 30 * HOUR).toISOString(),
      }),
    ]);
    expect(clock(paused, 'dispatch').pauses).toEqual([]); // already met: not affected

    await h.env.sleep(10 * HOUR); // the old arrival deadline (4 h) passes: no breach while the customer's wait lasts
    expect(actionsOf(await stateOf(handle))).not.toContain('sla_breached');

    await h.env.sleep(20.5 * HOUR); // the window has started: the clocks run again
    const resumed = await stateOf(handle);
    const arrival = clock(resumed, 'arrival');
    expect(resumed.waitingOn).toBeUndefined();
    const pausedMs = 30 * HOUR;
    expect(Math.abs(arrival.pausedMs - pausedMs)).toBeLessThan(1000);
    expect(at(arrival.deadline)).toBe(received(v0) + 4 * HOUR + arrival.pausedMs);
    expect(arrival.pauses[0].to).toBe(new Date(agreedAt + 30 * HOUR).toISOString());

    const checkedIn = await act(handle, m.checkInUpdate, { args: [eng('ENG-001'), { identityShown: true }] });
    expect(clock(checkedIn, 'arrival')).toMatchObject({ outcome: 'met' });
    expect(clock(checkedIn, 'resolution').pausedMs).toBe(arrival.pausedMs);
    const rm = await waitForReadModel(h.models, v0.requestNo, (d) => d.status === 'on_site');
    expect(rm.pausedMs).toBe(arrival.pausedMs);
    expect(rm.slaBreached).toBe(false);
  });

  it('R-SLA-5 a window the engineer chose does not pause: arrival breaches at 4 h and the supervisor hears of it', async () => {
    const handle = await h.start();
    const v0 = await act(handle, m.acceptOfferUpdate, { args: [eng('ENG-001')] });
    const t = await h.env.currentTimeMs();
    const v = await act(handle, m.agreeAppointmentUpdate, { args: [eng('ENG-001'), window(t, 30)] });
    expect(clock(v, 'arrival').pauses).toEqual([]);
    await h.env.sleep(4 * HOUR + MIN);
    const breached = await stateOf(handle);
    expect(clock(breached, 'arrival').breachedAt).toBe(new Date(received(v0) + 4 * HOUR).toISOString());
    expect(entry(breached, 'sla_warning')).toMatchObject({ detail: { clock: 'arrival' } });
    await waitForReadModel(h.models, v0.requestNo, (d) => d.breachedClocks?.includes('arrival'));
    // The warning went to the engineer who owns the visit, the breach to the supervisor.
    expect(await outboxOf(h.models, v0.requestNo)).toEqual(
      expect.arrayContaining(['engineer:sla_warning', 'supervisor:sla_breached']),
    );
    await cancel(handle);
  });

  it('R-SLA-2 a request keeps its policy version; a changed policy applies to new requests only; wind and power presets', async () => {
    const first = await h.start();
    const before = await stateOf(first);
    await h.models.SlaPolicy.updateOne(
      { _id: 'general' },
      { $set: { version: 2, 'budgets.important.arrival': 8 * HOUR } },
    );
    try {
      const second = await h.start();
      const after = await stateOf(second);
      expect(after.slaPolicy).toMatchObject({ key: 'general', version: 2 });
      expect(clock(after, 'arrival').budgetMs).toBe(8 * HOUR);
      await h.env.sleep(MIN);
      const still = await stateOf(first);
      expect(still.slaPolicy!.version).toBe(1);
      expect(clock(still, 'arrival').deadline).toBe(new Date(received(before) + 4 * HOUR).toISOString());
      await cancel(second);
    } finally {
      await h.models.SlaPolicy.updateOne(
        { _id: 'general' },
        { $set: { version: 1, 'budgets.important.arrival': 4 * HOUR } },
      );
    }
    await cancel(first);

    const wind = await h.start({ customerId: 'CUST-004', serialNumber: 'WT-2023-0042', region: 'north' });
    const w = await stateOf(wind);
    expect(w.slaPolicy!.key).toBe('wind');
    expect(w.clocks!.map((c) => `${c.name}:${c.budgetMs / HOUR}`)).toEqual([
      'dispatch:24',
      'arrival:48',
      'resolution:168',
    ]);
    await cancel(wind);

    const power = await h.start({ customerId: 'CUST-002', serialNumber: 'UPS-2021-0420' });
    const p = await stateOf(power);
    expect(p.slaPolicy!.key).toBe('power');
    expect(p.clocks!.map((c) => `${c.name}:${c.budgetMs / HOUR}`)).toEqual(['response:24', 'resolution:120']);
    await cancel(power);
  });

  it('R-SLA-3 a complaint must be acknowledged within 1 h and answered within 24 h', async () => {
    const handle = await h.start({ kind: 'complaint', urgency: 'general' });
    const v0 = await stateOf(handle);
    expect(v0.clocks!.map((c) => c.name)).toEqual(['acknowledge', 'response', 'dispatch', 'arrival', 'resolution']);
    await h.env.sleep(50 * MIN);
    const ack = await act(handle, m.recordCustomerContactUpdate, {
      args: [agent, { kind: 'acknowledgement', summary: 'called back, complaint about the late visit noted' }],
    });
    expect(clock(ack, 'acknowledge')).toMatchObject({ outcome: 'met', warnedAt: expect.any(String) }); // warned at 45 min
    expect(clock(ack, 'response').stoppedAt).toBeUndefined();
    await h.env.sleep(24 * HOUR);
    const late = await stateOf(handle);
    expect(clock(late, 'response').breachedAt).toBe(new Date(received(v0) + 24 * HOUR).toISOString());
    const answered = await act(handle, m.recordCustomerContactUpdate, {
      args: [agent, { kind: 'response', summary: 'offered a free maintenance visit' }],
    });
    expect(clock(answered, 'response')).toMatchObject({ outcome: 'breached' });
    await cancel(handle);
  });

  it('R-SLA-4 cancelling stops every clock: nothing fires afterwards', async () => {
    const handle = await h.start({ urgency: 'urgent' });
    const v = await act(handle, m.cancelRequestUpdate, { args: [agent, { reason: 'duplicate' }] });
    expect(v.clocks!.every((c) => c.outcome === 'cancelled')).toBe(true);
    const outcome = await handle.result();
    expect(outcome.status).toBe('cancelled');
    expect(actionsOf(await stateOf(handle))).not.toContain('sla_warning');
  });
});
