/**
 * Carry-in repair (R-TRIAGE-2, 002 §2.1.3 送修) with time skipping: the customer brings the unit to a service
 * point; nobody is dispatched and nobody travels; the counter receives it and names the bench engineer; the
 * same diagnosis, quotation gate and work as on site; the customer signs for it at collection; a unit left at
 * the counter past its free storage days is charged per started day.
 */
import type { WorkflowHandle } from '@temporalio/client';
import type { Actor } from '../../shared/common/actor';
import * as m from '../../shared/serviceRequest/messages';
import type { ServiceRequestView } from '../../shared/serviceRequest/types';
import type { serviceRequest } from '../../workflows';
import {
  act,
  actionsOf,
  agent,
  causeOf,
  createHarness,
  dispatcher,
  eng,
  HOUR,
  outboxOf,
  stateOf,
  type Harness,
} from '../setup/workflowHarness';
import { recordFixture } from '../setup/fixtures';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('test-carry-in');
}, 120_000);
afterAll(async () => h?.teardown());

const servicePoint = {
  servicePointId: 'SP-SH-01',
  name: 'Xuhui service point',
  address: '88 Caoxi North Rd, Shanghai',
  openingHours: 'Mon–Sat 09:00–18:00',
};
const CARRY_IN = { serviceMode: 'carry_in', servicePointId: 'SP-SH-01' };
const PAID_UNIT = { customerId: 'CUST-003', serialNumber: 'SWH-2019-0777', region: 'north', contactName: 'Zhang Min' };
const customer: Actor = { role: 'customer', id: 'CUST-003' };
const receipt = (engineerId: string) => ({
  engineerId,
  condition: 'casing scratched on the left; display works',
  accessories: ['power cable'],
});
const diagnosis = {
  faultConfirmedWithCustomer: true,
  faultClass: 'hardware' as const,
  findings: 'sensor open circuit',
};
const work = {
  actions: 'replaced the sensor on the bench',
  functionalTestPassed: true,
  demonstratedToCustomer: true,
  cleanedUp: true,
  advice: 'keep the sensor cable clipped',
};
const clock = (v: ServiceRequestView, name: string) => v.clocks!.find((c) => c.name === name)!;
const start = (over: Record<string, unknown> = {}) => h.start({ ...CARRY_IN, ...over }, { servicePoint });
/** Polls until `read` answers something (the outbox is written by an activity, a moment after the step). */
async function until<T>(read: () => Promise<T | null | undefined>): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const got = await read();
    if (got) return got;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('not seen in 10 s');
}
const receive = (handle: WorkflowHandle<typeof serviceRequest>, engineerId: string) =>
  act(handle, m.receiveUnitUpdate, { args: [agent, receipt(engineerId)] });

describe('carry-in repair (time skipping)', () => {
  it('R-TRIAGE-2 the unit is brought in, repaired on the bench and signed for at collection, without a visit', async () => {
    const handle = await start();
    const waiting = await stateOf(handle);
    expect(waiting).toMatchObject({ status: 'awaiting_unit', carryIn: { servicePoint } });
    expect(clock(waiting, 'dispatch').outcome).toBe('not_needed');
    expect(clock(waiting, 'arrival').outcome).toBe('not_needed');
    expect(clock(waiting, 'resolution').pauses.at(-1)).toMatchObject({ reason: 'customer_brings_the_unit' });
    const told = await until(async () =>
      h.models.Outbox.findOne({ requestNo: waiting.requestNo, template: 'bring_unit' }).lean(),
    );
    expect(told.body).toContain('88 Caoxi North Rd');

    await h.env.sleep(2 * 24 * HOUR); // two days until the customer comes in: nobody is offered the job
    expect(actionsOf(await stateOf(handle))).not.toContain('offered');
    await expect(
      causeOf(act(handle, m.assignEngineerUpdate, { args: [dispatcher, { engineerId: 'ENG-001', reason: 'x' }] })),
    ).resolves.toMatchObject({ type: 'NotAllowed', message: expect.stringContaining('carry-in repair') });
    await expect(
      causeOf(act(handle, m.receiveUnitUpdate, { args: [eng('ENG-001'), receipt('ENG-001')] })),
    ).resolves.toMatchObject({ type: 'Forbidden' });

    const received = await receive(handle, 'ENG-001');
    expect(received).toMatchObject({
      status: 'unit_received',
      engineerId: 'ENG-001',
      carryIn: { receivedBy: agent.id, condition: receipt('ENG-001').condition, accessories: ['power cable'] },
    });
    // The two days the unit was on its way do not count against the resolution deadline.
    const pause = clock(received, 'resolution').pauses.at(-1)!;
    expect(Date.parse(pause.to!) - Date.parse(pause.from)).toBeGreaterThanOrEqual(2 * 24 * HOUR);
    await act(handle, m.recordDiagnosisUpdate, { args: [eng('ENG-001'), diagnosis] });
    await expect(
      causeOf(
        act(handle, m.endVisitUpdate, {
          args: [eng('ENG-001'), { outcome: 'another_visit_needed', reason: 'parts', needs: ['parts'] }],
        }),
      ),
    ).resolves.toMatchObject({ type: 'NotAllowed', message: expect.stringContaining('carry-in repair') });
    // R-ASSET-1: the controller replaced on the bench becomes the installed one.
    const components = [{ assetId: 'A-SWH1-CTRL', newSerial: 'CTL-55-3001' }];
    const ready = await act(handle, m.recordWorkUpdate, { args: [eng('ENG-001'), { ...work, components }] });
    expect(actionsOf(ready)).toContain('components_replaced');
    expect((await h.models.Asset.findById('A-SWH1-CTRL').lean())?.componentSerial).toBe('CTL-55-3001');
    expect(ready).toMatchObject({ status: 'ready_for_collection', carryIn: { repaired: true } });
    expect(clock(ready, 'resolution').stoppedAt).toBeDefined();
    expect(ready.visits ?? []).toHaveLength(0);

    const collected = await act(handle, m.signOffUpdate, { args: [agent, { signedBy: 'Li Wei', satisfied: true }] });
    expect(collected).toMatchObject({ status: 'awaiting_follow_up', closedAs: 'completed' });
    expect(collected.carryIn!.collectedAt).toBeDefined();
    const sent = await until(async () => {
      const all = await outboxOf(h.models, ready.requestNo);
      return all.includes('customer:unit_collected') ? all : null;
    });
    expect(sent).toEqual(
      expect.arrayContaining([
        'customer:bring_unit',
        'customer:unit_received',
        'engineer:unit_received',
        'customer:ready_for_collection',
        'customer:unit_collected',
      ]),
    );
    await recordFixture('serviceRequest-carryIn.history.b64', handle.fetchHistory());
    await act(handle, m.cancelRequestUpdate, { args: [agent, { reason: 'test over' }] }).catch(() => undefined);
  });

  it('R-TRIAGE-2 R-QUOTE-2 paid bench work waits for an approved quotation; declined, the unit is handed back unrepaired', async () => {
    const handle = await start(PAID_UNIT);
    await receive(handle, 'ENG-004');
    const zhao = eng('ENG-004');
    const diagnosed = await act(handle, m.recordDiagnosisUpdate, { args: [zhao, diagnosis] });
    expect(diagnosed.entitlement).toBe('paid');
    await expect(causeOf(act(handle, m.recordWorkUpdate, { args: [zhao, work] }))).resolves.toMatchObject({
      type: 'NotAllowed',
      message: 'chargeable work needs an approved quotation first (entitlement: paid)',
    });
    await act(handle, m.submitQuotationUpdate, { args: [zhao, { lines: [{ code: 'P-SWH-SENSOR', quantity: 1 }] }] });
    await expect(
      causeOf(act(handle, m.signOffUpdate, { args: [agent, { signedBy: 'Zhang Min', satisfied: false }] })),
    ).resolves.toMatchObject({ type: 'NotAllowed', message: expect.stringContaining('ready_for_collection') });
    const declined = await act(handle, m.declineQuotationUpdate, {
      args: [customer, { version: 1, reason: 'will buy a new one' }],
    });
    expect(declined).toMatchObject({
      status: 'ready_for_collection',
      closedAs: 'quotation_declined',
      carryIn: { repaired: false },
    });
    expect(declined.followUpDueAt).toBeUndefined();
    const collected = await act(handle, m.signOffUpdate, {
      args: [customer, { signedBy: 'Zhang Min', satisfied: true }],
    });
    expect(collected).toMatchObject({ status: 'awaiting_follow_up', closedAs: 'quotation_declined' });
    expect(collected.followUpDueAt).toBeDefined();
  });

  it('R-TRIAGE-2 a unit not collected is kept free for the service point’s days, then charged per started day', async () => {
    const storage = { freeDays: 7, feePerDayMinor: 1000, currency: 'CNY' };
    const handle = await h.start({ ...CARRY_IN }, { servicePoint: { ...servicePoint, storage } });
    await receive(handle, 'ENG-001');
    await act(handle, m.recordDiagnosisUpdate, { args: [eng('ENG-001'), diagnosis] });
    const ready = await act(handle, m.recordWorkUpdate, { args: [eng('ENG-001'), work] });
    const freeUntil = Date.parse(ready.carryIn!.readyAt!) + 7 * 24 * HOUR;
    expect(ready.carryIn!.storage).toEqual({
      freeUntil: new Date(freeUntil).toISOString(),
      feePerDayMinor: 1000,
      currency: 'CNY',
    });
    expect(ready.settlement).toBeUndefined(); // warranty work: nothing to pay yet
    const readyMail = await until(async () =>
      h.models.Outbox.findOne({ requestNo: ready.requestNo, template: 'ready_for_collection' }).lean(),
    );
    expect(readyMail.body).toContain('CNY 10.00'); // the customer is told the terms with the news

    await h.env.sleep(7 * 24 * HOUR + HOUR);
    const late = await stateOf(handle);
    expect(late.carryIn!.storage!.chargingSince).toBe(new Date(freeUntil).toISOString());
    const sent = await until(async () => {
      const all = await outboxOf(h.models, ready.requestNo);
      return all.includes('agent:storage_charges_started') ? all : null;
    });
    expect(sent.filter((n) => n === 'customer:storage_charges_started')).toHaveLength(1);
    await h.env.sleep(36 * HOUR); // collected 1 day 13 hours after the free days: two started days
    expect(actionsOf(await stateOf(handle)).filter((a) => a === 'storage_charges_started')).toHaveLength(1);

    const collected = await act(handle, m.signOffUpdate, { args: [agent, { signedBy: 'Li Wei', satisfied: true }] });
    expect(collected.carryIn!.storage!.charged).toEqual({ days: 2, amountMinor: 2000 });
    expect(collected.settlement).toMatchObject({ totalMinor: 2000, settled: false, currency: 'CNY' });
    expect(collected.settlement!.lines).toEqual([
      expect.objectContaining({
        code: 'STORAGE',
        kind: 'fee',
        quantity: 2,
        unitPriceMinor: 1000,
        lineTotalMinor: 2000,
      }),
    ]);
    const paid = await act(handle, m.recordPaymentUpdate, {
      args: [
        { role: 'service', id: 'billing' },
        {
          transactionId: 'T-STORE-1',
          amountMinor: 2000,
          currency: 'CNY',
          method: 'cash',
          receiptNo: 'R-1',
          at: new Date().toISOString(),
        },
      ],
    });
    expect(paid.settlement).toMatchObject({ paidMinor: 2000, settled: true });
    await recordFixture('serviceRequest-carryInStorage.history.b64', handle.fetchHistory());
  });

  it('R-TRIAGE-2 a unit not brought in after three days is reminded once; the request can still be cancelled', async () => {
    const handle = await start();
    await h.env.sleep(3 * 24 * HOUR + HOUR);
    const reminded = await stateOf(handle);
    expect(actionsOf(reminded).filter((a) => a === 'unit_not_brought_in')).toHaveLength(1);
    const sent = await until(async () => {
      const all = await outboxOf(h.models, reminded.requestNo);
      return all.includes('agent:unit_not_brought_in') ? all : null;
    });
    expect(sent.filter((n) => n === 'customer:bring_unit')).toHaveLength(2);
    await h.env.sleep(7 * 24 * HOUR);
    expect(actionsOf(await stateOf(handle)).filter((a) => a === 'unit_not_brought_in')).toHaveLength(1);
    const cancelled = await act(handle, m.cancelRequestUpdate, { args: [agent, { reason: 'fixed it myself' }] });
    expect(cancelled.status).toBe('cancelled');
    expect((await handle.result()).status).toBe('cancelled');
  });
});
