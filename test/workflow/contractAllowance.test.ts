/**
 * Contracts with an allowance (R-ENTITLE-1, 001 §4.2 合同服务): each contract request takes one visit of
 * the period; past the allowance the work is paid or waits for a supervisor, as the contract says; a
 * request cancelled before anyone went gives its visit back.
 */
import * as m from '../../shared/serviceRequest/messages';
import { recordFixture } from '../setup/fixtures';
import {
  act,
  agent,
  causeOf,
  createHarness,
  diagnosedBy,
  dispatcher,
  eng,
  MIN,
  stateOf,
  waitFor,
  waitForReadModel,
  type Harness,
} from '../setup/workflowHarness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('test-contract-allowance');
}, 120_000);
afterAll(async () => h?.teardown());

const UPS = { serialNumber: 'UPS-2021-0420', customerId: 'CUST-002', region: 'east' };
async function allowance(a: Record<string, unknown>) {
  await h.models.Contract.updateOne({ _id: 'SC-2025-017' }, { $set: { allowance: a } });
}

describe('R-ENTITLE-1 contract allowance (time skipping)', () => {
  it('R-ENTITLE-1 two visits a year: the third request is paid work; a cancelled one gives its visit back', async () => {
    await allowance({ period: 'year', visits: 2, beyond: 'paid' });
    const first = await stateOf(await h.start(UPS));
    expect(first.entitlement).toBe('contract');
    expect(first.contractAllowance).toMatchObject({
      contractNo: 'SC-2025-017',
      slot: 1,
      visits: { allowed: 2, used: 1, left: 1 },
    });
    const secondHandle = await h.start(UPS);
    expect((await stateOf(secondHandle)).contractAllowance).toMatchObject({ slot: 2, visits: { used: 2, left: 0 } });

    const third = await stateOf(await h.start(UPS));
    expect(third.entitlement).toBe('paid');
    expect(third.entitlementReason).toMatch(
      /^service contract SC-2025-017: the 2 visits of \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d are used; further work is paid$/,
    );
    expect(third.history.map((e) => e.action)).toEqual(
      expect.arrayContaining(['contract_allowance_exceeded', 'entitlement_changed']),
    );

    await act(secondHandle, m.cancelRequestUpdate, { args: [agent, { reason: 'customer fixed it' }] });
    await waitFor(secondHandle, (v) => v.history.some((e) => e.action === 'contract_allowance_returned'));
    const fourth = await stateOf(await h.start(UPS));
    expect(fourth).toMatchObject({ entitlement: 'contract', contractAllowance: { slot: 2 } }); // the visit given back
  });

  it('R-ENTITLE-1 past the allowance the contract asks for approval: nothing is offered until a supervisor decides', async () => {
    await allowance({ period: 'term', visits: 1, beyond: 'approval' }); // the term's one visit went to the last test's first request
    const handle = await h.start(UPS);
    const waiting = await stateOf(handle);
    expect(waiting).toMatchObject({
      status: 'received',
      entitlement: 'contract',
      allowanceApproval: { status: 'pending' },
    });
    expect(waiting.offer).toBeUndefined();
    expect(
      (
        await causeOf(
          handle.executeUpdate(m.decideAllowanceUpdate, { args: [eng('ENG-001'), { approve: true, reason: 'x' }] }),
        )
      ).type,
    ).toBe('Forbidden');

    const approved = await act(handle, m.decideAllowanceUpdate, {
      args: [dispatcher, { approve: true, reason: 'key account, agreed by phone' }],
    });
    expect(approved.allowanceApproval).toMatchObject({ status: 'approved', by: 'disp-1' });
    expect((await waitFor(handle, (v) => v.status === 'offered')).entitlement).toBe('contract');
    await recordFixture('serviceRequest-allowance.history.b64', handle.fetchHistory());
    const again = await causeOf(
      handle.executeUpdate(m.decideAllowanceUpdate, { args: [dispatcher, { approve: false, reason: 'x' }] }),
    );
    expect(again.message).toMatch(/is not waiting for an approval/);

    const refusedHandle = await h.start(UPS);
    await act(refusedHandle, m.decideAllowanceUpdate, {
      args: [dispatcher, { approve: false, reason: 'not covered this year' }],
    });
    const refused = await waitFor(refusedHandle, (v) => v.status === 'offered');
    expect(refused.entitlement).toBe('paid'); // the quotation gate applies from here, as for any paid work
    expect(refused.entitlementReason).toMatch(/beyond it not approved \(not covered this year\): paid work$/);
  });

  it('R-ENTITLE-1 on-site hours count as visits end: once the period’s hours are used, the next request is past them', async () => {
    await h.models.ContractVisit.deleteMany({}).comment('scan: a test starts the period afresh');
    await allowance({ period: 'month', hours: 1, beyond: 'paid' });
    const handle = await h.start(UPS);
    const offered = await waitFor(handle, (v) => v.status === 'offered');
    expect(offered.contractAllowance).toMatchObject({ hours: { allowed: 1, used: 0, left: 1 } });
    const engineer = eng(offered.offer!.engineerId);
    await diagnosedBy(h, handle, engineer);
    await h.env.sleep(70 * MIN);
    await act(handle, m.endVisitUpdate, {
      args: [engineer, { outcome: 'another_visit_needed', reason: 'a part to order', needs: ['parts'] }],
    });
    await waitForReadModel(h.models, offered.requestNo, (d) => d.onSiteMinutes >= 70 && d.contractNo === 'SC-2025-017');
    const next = await stateOf(await h.start(UPS));
    expect(next.entitlement).toBe('paid');
    expect(next.entitlementReason).toMatch(/the 1 on-site hours of .* are used/);
    expect(next.contractAllowance!.hours!.left).toBe(0);
  });
});
