/**
 * R-VISIT-1 with time skipping: a window proposed to the customer becomes the appointment only when the
 * customer accepts it (then the reminders run as for any agreed window); a decline needs a reason and
 * tells the engineer; a stale answer or someone else's answer is refused.
 */
import type { Actor } from '../../shared/common/actor';
import * as m from '../../shared/serviceRequest/messages';
import { recordFixture } from '../setup/fixtures';
import {
  act,
  actionsOf,
  causeOf,
  createHarness,
  eng,
  entry,
  HOUR,
  outboxOf,
  stateOf,
  waitFor,
  window,
  type Harness,
} from '../setup/workflowHarness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('test-appointment-consent');
}, 120_000);
afterAll(async () => h?.teardown());

const customer: Actor = { role: 'customer', id: 'CUST-001' };
/** Notifications are sent by an activity after the step: wait until this one is in the outbox. */
async function notified(requestNo: string, what: string) {
  for (let i = 0; i < 100 && !(await outboxOf(h.models, requestNo)).includes(what); i++)
    await new Promise((r) => setTimeout(r, 100));
  return outboxOf(h.models, requestNo);
}

describe('appointment proposed to the customer (time skipping)', () => {
  it('R-VISIT-1 the customer declines with a reason, then accepts; only then is the visit scheduled and reminded', async () => {
    const handle = await h.start();
    const offered = await waitFor(handle, (v) => v.status === 'offered');
    const engineer = eng(offered.offer!.engineerId);
    await act(handle, m.acceptOfferUpdate, { args: [engineer] });
    const { customerConsent: _c, ...first } = window(await h.env.currentTimeMs(), 26);

    let v = await act(handle, m.proposeAppointmentUpdate, { args: [engineer, first] });
    expect(v.status).toBe('assigned');
    expect(v.proposedAppointment).toMatchObject({ windowStart: first.windowStart, by: engineer });
    expect(await notified(v.requestNo, 'customer:appointment_proposed')).toContain('customer:appointment_proposed');

    const answer = { windowStart: first.windowStart, accept: false };
    await expect(causeOf(act(handle, m.answerAppointmentUpdate, { args: [engineer, answer] }))).resolves.toMatchObject({
      type: 'Forbidden',
    });
    await expect(causeOf(act(handle, m.answerAppointmentUpdate, { args: [customer, answer] }))).resolves.toMatchObject({
      message: 'declining a proposed visit time needs a reason (reason)',
    });
    v = await act(handle, m.answerAppointmentUpdate, { args: [customer, { ...answer, reason: 'at work then' }] });
    expect(v.proposedAppointment).toBeUndefined();
    expect(entry(v, 'appointment_proposal_declined')?.detail).toMatchObject({ reason: 'at work then' });
    expect(await notified(v.requestNo, 'engineer:appointment_declined')).toContain('engineer:appointment_declined');

    const { customerConsent: _d, ...second } = window(await h.env.currentTimeMs(), 30);
    await act(handle, m.proposeAppointmentUpdate, { args: [engineer, second] });
    // A page still showing the first proposal cannot accept the second by mistake.
    await expect(
      causeOf(
        act(handle, m.answerAppointmentUpdate, { args: [customer, { windowStart: first.windowStart, accept: true }] }),
      ),
    ).resolves.toMatchObject({ message: `the proposed visit time changed: it now starts at ${second.windowStart}` });
    v = await act(handle, m.answerAppointmentUpdate, {
      args: [customer, { windowStart: second.windowStart, accept: true }],
    });
    expect(v.status).toBe('scheduled');
    expect(v.appointment).toMatchObject({ windowStart: second.windowStart, customerConsent: true });
    expect(entry(v, 'appointment_agreed')?.actor).toEqual(customer);

    // The accepted window is reminded like any agreed one (a day before by the demo policy).
    await h.env.sleep(8 * HOUR);
    await waitFor(handle, (x) => actionsOf(x).includes('appointment_reminder_sent'));
    expect((await stateOf(handle)).status).toBe('scheduled');
    // Replay fixture (recorded at 1.0): RECORD_HISTORY=1 writes it when missing
    await recordFixture('serviceRequest-consent.history.b64', handle.fetchHistory());
    await handle.terminate('test over');
  });
});
