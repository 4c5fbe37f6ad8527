/**
 * Paid repairs with time skipping (R-QUOTE-1..5, R-SETTLE-1..3, R-INTAKE-6): quotation, approval,
 * decline, reminder and expiry, revision, misuse, settlement differences and payment.
 */
import type { WorkflowHandle } from '@temporalio/client';
import type { Actor } from '../../shared/common/actor';
import type { ServiceRequestView } from '../../shared/serviceRequest/types';
import * as m from '../../shared/serviceRequest/messages';
import { recordFixture } from '../setup/fixtures';
import {
  actionsOf,
  agent,
  causeOf,
  createHarness,
  eng,
  entry,
  HOUR,
  outboxOf,
  stateOf,
  waitForReadModel,
  window,
  type Harness,
  act,
} from '../setup/workflowHarness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('test-quotes');
}, 120_000);
afterAll(async () => h?.teardown());

const customer: Actor = { role: 'customer', id: 'CUST-003' };
const zhao = eng('ENG-004');
const PAID_UNIT = { customerId: 'CUST-003', serialNumber: 'SWH-2019-0777', region: 'north', contactName: 'Zhang Min' };
const diagnosis = (faultClass = 'hardware') => ({
  faultConfirmedWithCustomer: true,
  faultClass,
  findings: 'sensor open circuit',
});
const work = (used?: { code: string; quantity: number }[]) => ({
  actions: 'replaced sensor',
  functionalTestPassed: true,
  demonstratedToCustomer: true,
  cleanedUp: true,
  advice: 'check valves monthly',
  ...(used ? { used } : {}),
});
const SENSOR_JOB = [
  { code: 'P-SWH-SENSOR', quantity: 1 },
  { code: 'LABOUR-STANDARD', quantity: 1.5 },
  { code: 'CALLOUT', quantity: 1 },
];
const SENSOR_TOTAL = 18_000 + 18_000 + 8_000; // CNY 440.00 in minor units

/** Out of warranty, engineer on site with a diagnosis. */
async function diagnosedPaidRequest(over: Record<string, unknown> = {}, engineer = zhao, faultClass = 'hardware') {
  const handle = await h.start({ ...PAID_UNIT, ...over });
  await act(handle, m.acceptOfferUpdate, { args: [engineer] });
  const t = await h.env.currentTimeMs();
  await act(handle, m.agreeAppointmentUpdate, {
    args: [engineer, window(t, 1, { chargingPolicyExplained: true })],
  });
  await h.env.sleep(HOUR);
  await act(handle, m.checkInUpdate, { args: [engineer, { identityShown: true }] });
  return {
    handle,
    v: await act(handle, m.recordDiagnosisUpdate, { args: [engineer, diagnosis(faultClass) as any] }),
  };
}
const quote = (handle: WorkflowHandle, lines = SENSOR_JOB, reason?: string, engineer = zhao) =>
  act(handle, m.submitQuotationUpdate, { args: [engineer, { lines, ...(reason ? { reason } : {}) }] });
const approve = (
  handle: WorkflowHandle,
  version: number,
  totalMinor: number,
  by: Actor = customer,
  formReference?: string,
) =>
  act(handle, m.approveQuotationUpdate, {
    args: [by, { version, totalMinor, signedBy: 'Zhang Min', ...(formReference ? { formReference } : {}) }],
  });
const clock = (v: ServiceRequestView, name: string) => v.clocks!.find((c) => c.name === name)!;

describe('quotations (time skipping)', () => {
  it('R-QUOTE-1 R-QUOTE-2 R-SETTLE-1 R-SETTLE-2 R-SLA-5 no chargeable work before approval; the bill is what was approved; paid once', async () => {
    const { handle, v } = await diagnosedPaidRequest();
    expect(v.entitlement).toBe('paid');
    await expect(causeOf(act(handle, m.recordWorkUpdate, { args: [zhao, work()] }))).resolves.toMatchObject({
      type: 'NotAllowed',
      message: 'chargeable work needs an approved quotation first (entitlement: paid)',
    });

    const q = await quote(handle);
    const v1 = q.quotations![0];
    expect(v1).toMatchObject({
      version: 1,
      status: 'awaiting_approval',
      currency: 'CNY',
      totalMinor: SENSOR_TOTAL,
      coveredMinor: 0,
      declineFee: { code: 'DIAGNOSIS', lineTotalMinor: 5_000 },
    });
    expect(v1.lines.map((l) => [l.code, l.unitPriceMinor, l.quantity, l.covered, l.lineTotalMinor])).toEqual([
      ['P-SWH-SENSOR', 18_000, 1, false, 18_000],
      ['LABOUR-STANDARD', 12_000, 1.5, false, 18_000],
      ['CALLOUT', 8_000, 1, false, 8_000],
    ]);
    expect(q).toMatchObject({ status: 'awaiting_approval', waitingOn: 'customer' });
    expect(clock(q, 'resolution').pauses.at(-1)).toMatchObject({ reason: 'awaiting_quotation_approval' });
    await expect(causeOf(act(handle, m.recordWorkUpdate, { args: [zhao, work()] }))).resolves.toMatchObject({
      type: 'NotAllowed',
      message: "work waits for the customer's approval of quotation v1",
    });

    await h.env.sleep(3 * HOUR); // the customer takes 3 h to decide: not counted against us
    await expect(causeOf(approve(handle, 1, SENSOR_TOTAL - 1))).resolves.toMatchObject({
      type: 'NotAllowed',
      message: expect.stringMatching(/total of quotation v1 is 44000/),
    });
    await expect(causeOf(approve(handle, 1, SENSOR_TOTAL, zhao))).resolves.toMatchObject({
      message: expect.stringMatching(/formReference/),
    });
    await expect(causeOf(approve(handle, 1, SENSOR_TOTAL, agent))).resolves.toMatchObject({ type: 'Forbidden' });
    const approved = await approve(handle, 1, SENSOR_TOTAL);
    expect(approved.status).toBe('repairing');
    expect(approved.quotations![0].decision).toMatchObject({
      approved: true,
      method: 'signed_link',
      signedBy: 'Zhang Min',
      totalMinor: SENSOR_TOTAL,
      by: customer,
    });
    expect(Math.abs(clock(approved, 'resolution').pausedMs - 3 * HOUR)).toBeLessThan(1000);
    await expect(causeOf(approve(handle, 1, SENSOR_TOTAL))).resolves.toMatchObject({
      type: 'NotAllowed',
      message: expect.stringMatching(/quotation v1 was already approved at/),
    });

    const done = await act(handle, m.recordWorkUpdate, { args: [zhao, work()] });
    expect(done.settlement).toMatchObject({
      quotationVersion: 1,
      totalMinor: SENSOR_TOTAL,
      approvedTotalMinor: SENSOR_TOTAL,
      differenceMinor: 0,
      status: 'agreed',
      settled: false,
      workWarrantyDays: 90,
    });
    await act(handle, m.signOffUpdate, { args: [customer, { signedBy: 'Zhang Min', satisfied: true }] });

    // The billing service pays; a redelivered signal with the same transaction id changes nothing.
    const payment = {
      transactionId: 'PAY-778',
      amountMinor: SENSOR_TOTAL,
      currency: 'CNY',
      method: 'electronic' as const,
      receiptNo: 'R-2026-0001',
      at: new Date().toISOString(),
    };
    await handle.signal(m.paymentReceivedSignal, payment);
    await handle.signal(m.paymentReceivedSignal, payment);
    await h.env.sleep(25 * HOUR);
    await act(handle, m.recordFollowUpUpdate, {
      args: [agent, { punctuality: 9, attitude: 9, resolution: 9, overall: 9 }],
    });
    const outcome = await handle.result();
    expect(outcome.status).toBe('closed');
    const final = await stateOf(handle);
    expect(final.settlement).toMatchObject({
      paidMinor: SENSOR_TOTAL,
      settled: true,
      payments: [{ transactionId: 'PAY-778', receiptNo: 'R-2026-0001' }],
    });
    expect(actionsOf(final).filter((a) => a === 'payment_received')).toHaveLength(1);
    await recordFixture('serviceRequest-paid.history.b64', handle.fetchHistory());
    expect(await outboxOf(h.models, final.requestNo)).toEqual(
      expect.arrayContaining(['customer:quotation', 'engineer:quotation_approved', 'customer:receipt']),
    );
  });

  it('R-QUOTE-3 a declined quotation records the reason, ends the visit with the diagnosis fee, and the follow-up still happens', async () => {
    const { handle } = await diagnosedPaidRequest();
    await quote(handle);
    await expect(
      causeOf(act(handle, m.declineQuotationUpdate, { args: [customer, { version: 2, reason: 'x' }] })),
    ).resolves.toMatchObject({ type: 'NotAllowed', message: 'quotation v2 is unknown: v1 is the one to decline' });
    const declined = await act(handle, m.declineQuotationUpdate, {
      args: [customer, { version: 1, reason: 'too expensive; will buy a new heater' }],
    });
    expect(declined).toMatchObject({ status: 'awaiting_follow_up', closedAs: 'quotation_declined' });
    expect(declined.quotations![0]).toMatchObject({
      status: 'declined',
      decision: { approved: false, reason: 'too expensive; will buy a new heater' },
    });
    expect(declined.visits!.at(-1)).toMatchObject({ outcome: 'ended_without_repair' });
    expect(declined.settlement).toMatchObject({ totalMinor: 5_000, lines: [{ code: 'DIAGNOSIS' }], settled: false });
    expect(declined.clocks!.every((c) => c.stoppedAt)).toBe(true);

    await h.env.sleep(25 * HOUR);
    await act(handle, m.recordFollowUpUpdate, {
      args: [agent, { punctuality: 8, attitude: 9, resolution: 8, overall: 8 }],
    });
    // Not archived while the diagnosis fee is unpaid.
    await h.env.sleep(HOUR);
    expect((await stateOf(handle)).status).toBe('follow_up_due');
    await handle.signal(m.paymentReceivedSignal, {
      transactionId: 'CASH-1',
      amountMinor: 5_000,
      currency: 'CNY',
      method: 'cash',
      receiptNo: 'R-77',
      at: new Date().toISOString(),
    });
    expect((await handle.result()).status).toBe('closed');
  });

  it('R-QUOTE-3 an unanswered quotation is reminded after 24 h and expires after 72 h: the request closes as expired', async () => {
    const { handle } = await diagnosedPaidRequest();
    await quote(handle);
    await h.env.sleep(23 * HOUR);
    expect(actionsOf(await stateOf(handle))).not.toContain('quotation_reminder_sent');
    await h.env.sleep(2 * HOUR);
    const reminded = await stateOf(handle);
    expect(reminded.quotations![0].remindedAt).toBeDefined();
    expect(actionsOf(reminded).filter((a) => a === 'quotation_reminder_sent')).toHaveLength(1);
    const outcome = await handle.result(); // time skips to the expiry
    expect(outcome.status).toBe('closed');
    const v = await stateOf(handle);
    expect(v).toMatchObject({ closedAs: 'quotation_expired', quotations: [{ status: 'expired' }] });
    expect(
      Date.parse(entry(v, 'quotation_expired')!.at) - Date.parse(v.quotations![0].createdAt),
    ).toBeGreaterThanOrEqual(72 * HOUR - 1000);
    expect(await outboxOf(h.models, v.requestNo)).toEqual(
      expect.arrayContaining(['customer:quotation_reminder', 'customer:quotation_expired']),
    );
  });

  it('R-QUOTE-4 new problems need a revised quotation: work on them waits for its approval; a declined revision leaves the approved scope', async () => {
    const { handle } = await diagnosedPaidRequest();
    await quote(handle);
    await approve(handle, 1, SENSOR_TOTAL);
    const withValve = [...SENSOR_JOB, { code: 'P-SWH-VALVE', quantity: 1 }];
    // The valve is not in the approved quotation: refused.
    await expect(causeOf(act(handle, m.recordWorkUpdate, { args: [zhao, work(withValve)] }))).resolves.toMatchObject({
      message: 'P-SWH-VALVE not in the approved quotation v1: submit a revised quotation first',
    });
    await expect(causeOf(quote(handle, withValve))).resolves.toMatchObject({
      message: expect.stringMatching(/needs a reason/),
    });
    const revised = await quote(handle, withValve, 'solenoid valve leaks as well');
    expect(revised.quotations!.map((q) => [q.version, q.status])).toEqual([
      [1, 'approved'],
      [2, 'awaiting_approval'],
    ]);
    expect(revised.quotations![1].declineFee).toBeUndefined(); // the diagnosis fee only applies before any approval
    await expect(causeOf(act(handle, m.recordWorkUpdate, { args: [zhao, work()] }))).resolves.toMatchObject({
      message: "work waits for the customer's approval of quotation v2",
    });
    await expect(causeOf(approve(handle, 1, SENSOR_TOTAL))).resolves.toMatchObject({
      message: expect.stringMatching(/v1 was already approved/),
    });
    const back = await act(handle, m.declineQuotationUpdate, {
      args: [customer, { version: 2, reason: 'will replace the valve myself' }],
    });
    expect(back.status).toBe('repairing');
    await expect(causeOf(act(handle, m.recordWorkUpdate, { args: [zhao, work(withValve)] }))).resolves.toMatchObject({
      type: 'NotAllowed',
    });
    // A second revision, approved in writing on site: the valve work may now be recorded.
    const third = await quote(handle, withValve, 'customer changed their mind about the valve');
    const v3 = third.quotations![2];
    const ok = await approve(handle, 3, v3.totalMinor, zhao, 'FORM-2026-118');
    expect(ok.quotations![2].decision).toMatchObject({ method: 'written_form', formReference: 'FORM-2026-118' });
    const done = await act(handle, m.recordWorkUpdate, { args: [zhao, work(withValve)] });
    expect(done.settlement).toMatchObject({ quotationVersion: 3, totalMinor: SENSOR_TOTAL + 9_500, status: 'agreed' });
    await act(handle, m.signOffUpdate, { args: [zhao, { signedBy: 'Zhang Min', satisfied: true }] });
  });

  it('R-QUOTE-4 a revision replaces the whole scope: written as a supplement it drops the earlier lines; written in full it keeps them', async () => {
    const { handle } = await diagnosedPaidRequest();
    await quote(handle);
    await approve(handle, 1, SENSOR_TOTAL);
    // Written as a supplement (only the new fault's line): the customer is told what it no longer includes.
    const supplement = await quote(handle, [{ code: 'P-SWH-VALVE', quantity: 1 }], 'solenoid valve leaks as well');
    expect(entry(supplement, 'quotation_revised')?.detail).toMatchObject({
      version: 2,
      totalMinor: 9_500,
      replacesScopeOf: 1,
      dropped: ['P-SWH-SENSOR', 'LABOUR-STANDARD', 'CALLOUT'],
    });
    await approve(handle, 2, 9_500);
    const fullJob = [...SENSOR_JOB, { code: 'P-SWH-VALVE', quantity: 1 }];
    await expect(causeOf(act(handle, m.recordWorkUpdate, { args: [zhao, work(fullJob)] }))).resolves.toMatchObject({
      message: expect.stringContaining(
        'a revision replaces the whole scope, so v2 no longer includes P-SWH-SENSOR, LABOUR-STANDARD, CALLOUT of an earlier version',
      ),
    });
    // Written in full: every line of the job, approved as one total; the work is billed as approved.
    const full = await quote(handle, fullJob, 'the sensor and the valve, one quotation');
    const v3 = full.history.filter((e) => e.action === 'quotation_revised').at(-1);
    expect(v3?.detail).toMatchObject({ version: 3, replacesScopeOf: 2 });
    expect(v3?.detail).not.toHaveProperty('dropped');
    await approve(handle, 3, SENSOR_TOTAL + 9_500);
    const done = await act(handle, m.recordWorkUpdate, { args: [zhao, work(fullJob)] });
    expect(done.settlement).toMatchObject({ quotationVersion: 3, totalMinor: SENSOR_TOTAL + 9_500, status: 'agreed' });
    await act(handle, m.cancelRequestUpdate, { args: [agent, { reason: 'test over' }] }).catch(() => undefined);
  });

  it('R-SETTLE-1 a deposit after approval is kept and credited at settlement; another currency or nothing approved is refused', async () => {
    const { handle } = await diagnosedPaidRequest();
    const billing: Actor = { role: 'service', id: 'billing' };
    const pay = (transactionId: string, amountMinor: number, currency = 'CNY') =>
      act(handle, m.recordPaymentUpdate, {
        args: [
          billing,
          {
            transactionId,
            amountMinor,
            currency,
            method: 'electronic',
            receiptNo: `R-${transactionId}`,
            at: new Date().toISOString(),
          },
        ],
      });
    await expect(causeOf(pay('PAY-0', 10_000))).resolves.toMatchObject({
      type: 'NotAllowed',
      message: expect.stringContaining('a payment is taken once a quotation is approved'),
    });
    await quote(handle);
    await approve(handle, 1, SENSOR_TOTAL);
    await expect(causeOf(pay('PAY-USD', 6_000, 'USD'))).resolves.toMatchObject({
      message: expect.stringContaining('the payment is in USD'),
    });
    const deposit = await pay('PAY-1', 20_000);
    expect(entry(deposit, 'deposit_received')?.detail).toMatchObject({ amountMinor: 20_000, heldMinor: 20_000 });
    await pay('PAY-1', 20_000); // the billing service retries: recorded once
    expect((await stateOf(handle)).deposits).toHaveLength(1);

    const done = await act(handle, m.recordWorkUpdate, { args: [zhao, work()] });
    expect(done.settlement).toMatchObject({ totalMinor: SENSOR_TOTAL, paidMinor: 20_000, settled: false });
    expect(done.settlement!.payments.map((p) => p.transactionId)).toEqual(['PAY-1']);
    const rest = await pay('PAY-2', SENSOR_TOTAL - 20_000);
    expect(rest.settlement).toMatchObject({ paidMinor: SENSOR_TOTAL, settled: true });
    await expect(causeOf(pay('PAY-3', 100))).resolves.toMatchObject({
      message: expect.stringContaining('the settlement is already paid'),
    });
    expect(actionsOf(rest)).not.toContain('payment_ignored');
  });

  it('R-QUOTE-5 a settlement that differs from the approved total needs its own approval before sign-off', async () => {
    const { handle } = await diagnosedPaidRequest();
    await quote(handle);
    await approve(handle, 1, SENSOR_TOTAL);
    const longer = [
      { code: 'P-SWH-SENSOR', quantity: 1 },
      { code: 'LABOUR-STANDARD', quantity: 2.25 },
      { code: 'CALLOUT', quantity: 1 },
    ];
    const done = await act(handle, m.recordWorkUpdate, { args: [zhao, work(longer)] });
    expect(done.settlement).toMatchObject({
      totalMinor: SENSOR_TOTAL + 9_000,
      differenceMinor: 9_000,
      status: 'difference_pending',
    });
    await expect(
      causeOf(act(handle, m.signOffUpdate, { args: [customer, { signedBy: 'Zhang Min', satisfied: true }] })),
    ).resolves.toMatchObject({ message: expect.stringMatching(/differs from the approved CNY 440.00/) });
    await expect(
      causeOf(
        act(handle, m.approveSettlementUpdate, {
          args: [customer, { totalMinor: SENSOR_TOTAL, signedBy: 'Zhang Min' }],
        }),
      ),
    ).resolves.toMatchObject({ type: 'NotAllowed' });
    const agreed = await act(handle, m.approveSettlementUpdate, {
      args: [customer, { totalMinor: SENSOR_TOTAL + 9_000, signedBy: 'Zhang Min' }],
    });
    expect(agreed.settlement).toMatchObject({
      status: 'agreed',
      differenceApproval: { method: 'signed_link', totalMinor: SENSOR_TOTAL + 9_000 },
    });
    expect(
      (await act(handle, m.signOffUpdate, { args: [customer, { signedBy: 'Zhang Min', satisfied: true }] })).status,
    ).toBe('awaiting_follow_up');
  });

  it('R-INTAKE-6 misuse found on a warranty repair makes it paid: a quotation is needed before work continues', async () => {
    const { handle, v } = await diagnosedPaidRequest(
      { customerId: 'CUST-001', serialNumber: 'SWH-2025-0001', region: 'east', contactName: 'Li Wei' },
      eng('ENG-001'),
      'misuse',
    );
    expect(v).toMatchObject({ entitlement: 'paid', entitlementReason: 'misuse found on site: sensor open circuit' });
    expect(entry(v, 'entitlement_changed')).toMatchObject({ detail: { from: 'free', to: 'paid' } });
    await expect(causeOf(act(handle, m.recordWorkUpdate, { args: [eng('ENG-001'), work()] }))).resolves.toMatchObject({
      message: expect.stringMatching(/approved quotation/),
    });
    const q = await quote(handle, SENSOR_JOB, undefined, eng('ENG-001'));
    expect(q.quotations![0]).toMatchObject({ totalMinor: SENSOR_TOTAL, coveredMinor: 0 });
    await waitForReadModel(h.models, v.requestNo, (d) => d.entitlement === 'paid' && d.status === 'awaiting_approval');
  });

  it('R-INTAKE-6 a contract covers labour, call-out and travel but charges parts; warranty work needs no quotation', async () => {
    const today = new Date(await h.env.currentTimeMs());
    const iso = (days: number) => new Date(today.getTime() + days * 86_400_000).toISOString().slice(0, 10);
    await h.models.Contract.updateOne({ _id: 'SC-2025-017' }, { $set: { start: iso(-30), end: iso(300) } });
    const ups = { customerId: 'CUST-002', serialNumber: 'UPS-2021-0420', region: 'east', contactName: 'Front desk' };
    const { handle, v } = await diagnosedPaidRequest(ups, eng('ENG-003'));
    expect(v.entitlement).toBe('contract');
    const q = await quote(
      handle,
      [
        { code: 'P-UPS-BATT', quantity: 2 },
        { code: 'LABOUR-SENIOR', quantity: 1 },
        { code: 'CALLOUT', quantity: 1 },
      ],
      undefined,
      eng('ENG-003'),
    );
    expect(q.quotations![0].lines.map((l) => [l.code, l.covered, l.lineTotalMinor])).toEqual([
      ['P-UPS-BATT', false, 64_000],
      ['LABOUR-SENIOR', true, 0],
      ['CALLOUT', true, 0],
    ]);
    expect(q.quotations![0]).toMatchObject({ totalMinor: 64_000, coveredMinor: 28_000 });
    expect(q.quotations![0].declineFee).toBeUndefined(); // no diagnosis fee under a contract

    const warranty = await diagnosedPaidRequest(
      { customerId: 'CUST-001', serialNumber: 'SWH-2025-0001', region: 'east', contactName: 'Li Wei' },
      eng('ENG-001'),
    );
    await expect(causeOf(quote(warranty.handle, SENSOR_JOB, undefined, eng('ENG-001')))).resolves.toMatchObject({
      message: 'no quotation needed: the work is free of charge (in warranty)',
    });
    expect(
      (await act(warranty.handle, m.recordWorkUpdate, { args: [eng('ENG-001'), work()] })).settlement,
    ).toBeUndefined();
  });
});
