/**
 * Commissioning a new installation with time skipping (R-VISIT-7): the checks and parameters are
 * recorded before the work; what the customer must improve is told to them; the customer's sign-off
 * accepts the installation, signs the report and sets the unit's installation date when unknown.
 */
import * as m from '../../shared/serviceRequest/messages';
import { commissioningReportOf } from '../../shared/serviceRequest/views';
import { recordFixture } from '../setup/fixtures';
import {
  act,
  causeOf,
  createHarness,
  eng,
  outboxOf,
  stateOf,
  type Harness,
  diagnosedBy,
} from '../setup/workflowHarness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('test-commissioning');
}, 120_000);
afterAll(async () => h?.teardown());

const engineer = eng('ENG-001');
const checks = {
  connections: { result: 'corrected' as const, note: 'hot and cold swapped at the mixer' },
  grounding: { result: 'ok' as const },
  environment: { result: 'ok' as const },
  powerSupply: { result: 'customer_must_improve' as const, note: 'socket without earth: have an electrician fit one' },
};

describe('commissioning (time skipping)', () => {
  it('R-VISIT-7 checks and parameters before the work; the signed report accepts it and sets the installation date', async () => {
    await h.models.Unit.updateOne({ _id: 'SWH-2025-0001' }, { $unset: { installDate: 1 } });
    const handle = await h.start({ kind: 'commissioning', fault: { symptoms: 'new installation' } });
    const requestNo = (await stateOf(handle)).requestNo;
    await diagnosedBy(h, handle, engineer, 'installation as planned');
    const work = {
      actions: 'commissioned',
      functionalTestPassed: true,
      demonstratedToCustomer: true,
      cleanedUp: true,
      advice: 'keep the vent clear',
    };
    await expect(causeOf(act(handle, m.recordWorkUpdate, { args: [engineer, work] }))).resolves.toMatchObject({
      message: expect.stringContaining('record the commissioning checks and parameters first'),
    });
    await expect(
      causeOf(act(handle, m.recordCommissioningUpdate, { args: [eng('ENG-002'), { checks, parameters: [] }] })),
    ).resolves.toMatchObject({ type: 'Forbidden' });
    await act(handle, m.recordCommissioningUpdate, {
      args: [engineer, { checks, parameters: [{ name: 'thermostat', value: '55', unit: '°C' }] }],
    });
    await act(handle, m.recordWorkUpdate, { args: [engineer, work] });
    await act(handle, m.signOffUpdate, { args: [engineer, { signedBy: 'Li Wei', satisfied: true }] });
    for (let i = 0; i < 50 && !(await stateOf(handle)).commissioning?.acceptedAt; i++)
      await new Promise((r) => setTimeout(r, 100));
    const v = await stateOf(handle);
    expect(v.commissioning).toMatchObject({ required: true, acceptedBy: 'Li Wei' });
    const report = commissioningReportOf(v);
    expect(report).toMatchObject({
      accepted: true,
      signedBy: 'Li Wei',
      parameters: [{ name: 'thermostat', value: '55', unit: '°C' }],
    });
    expect(report.checks.powerSupply.result).toBe('customer_must_improve');
    const unit = await h.models.Unit.findById('SWH-2025-0001').lean();
    expect(unit).toMatchObject({ installDate: v.signOff!.at.slice(0, 10), warrantyStart: v.signOff!.at.slice(0, 10) });
    expect(v.history.find((e) => e.action === 'commissioning_accepted')?.detail).toMatchObject({ unitUpdated: true });
    expect(await outboxOf(h.models, requestNo)).toContain('customer:commissioning_improve');
    // Replay fixture (recorded at 1.0): RECORD_HISTORY=1 writes it when missing
    await recordFixture('serviceRequest-commissioning.history.b64', handle.fetchHistory());
    await handle.terminate('test over');
  });
});
