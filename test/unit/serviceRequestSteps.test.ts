import { ApplicationFailure } from '@temporalio/common';
import type { Actor } from '../../shared/common/actor';
import type { IntakeContext } from '../../shared/serviceRequest/types';
import { applyAppointment, checkAppointment } from '../../workflows/serviceRequest/appointment';
import {
  applyFollowUp,
  applySignOff,
  checkCancel,
  checkFollowUp,
  followUpFellDue,
} from '../../workflows/serviceRequest/closure';
import {
  applyAcceptOffer,
  applyAssign,
  applyDeclineOffer,
  checkAcceptOffer,
  offerNext,
  setCandidates,
} from '../../workflows/serviceRequest/dispatch';
import { setContext } from '../../workflows/serviceRequest/intake';
import {
  applyCheckIn,
  applyDiagnosis,
  applyEndVisit,
  applyWork,
  checkCheckIn,
} from '../../workflows/serviceRequest/visit';
import { RequestState } from '../../workflows/serviceRequest/request';
import { intakeBody } from '../setup/env';

const agent: Actor = { role: 'agent', id: 'a1' };
const eng1: Actor = { role: 'engineer', id: 'ENG-1' };
const eng2: Actor = { role: 'engineer', id: 'ENG-2' };
const ctx = (warrantyEnd = '2030-01-01'): IntakeContext => ({
  customerName: 'Li Wei',
  contacts: { customerEmail: 'li@example.test', supervisorEmail: 'sup@example.test' },
  unit: { serialNumber: 'S1', model: 'M', productLine: 'ups', purchaseDate: '2025-01-01', warrantyEnd },
  policy: {
    version: 1,
    followUpDelayMs: 86_400_000,
    followUpGraceMs: 3_600_000,
    appointmentReminderLeadMs: 3_600_000,
    engineerCallLeadMs: 1_800_000,
    archiveRetentionDays: 1100,
  },
});
const cand = (id: string) => ({
  engineerId: id,
  name: id,
  email: `${id.toLowerCase()}@example.test`,
  score: 1,
  openRequests: 0,
  certified: false,
});

function offered(warrantyEnd?: string) {
  let t = Date.parse('2026-11-22T08:00:00Z');
  const s = new RequestState(
    {
      requestNo: 'SR-20261122-0001',
      workflowId: 'service-request:SR-20261122-0001',
      intake: intakeBody() as any,
      receivedBy: agent,
    },
    () => new Date(t),
  );
  setContext(s, ctx(warrantyEnd));
  setCandidates(s, [cand('ENG-1'), cand('ENG-2')]);
  offerNext(s);
  s.takeNotifications();
  return {
    s,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

const rejection = (fn: () => void) => {
  try {
    fn();
  } catch (e) {
    return e as ApplicationFailure;
  }
  throw new Error('expected a rejection');
};

describe('service request steps', () => {
  it('R-DISPATCH-3 only the offered engineer may accept; another gets Forbidden', () => {
    const { s } = offered();
    expect(rejection(() => checkAcceptOffer(s, eng2))).toMatchObject({ type: 'Forbidden' });
    checkAcceptOffer(s, eng1);
    applyAcceptOffer(s, eng1);
    expect(s.view).toMatchObject({ status: 'assigned', engineerId: 'ENG-1' });
  });

  it('R-DISPATCH-3 a decline moves the offer to the next candidate, and to the supervisor when none is left', () => {
    const { s } = offered();
    applyDeclineOffer(s, eng1, 'on leave');
    expect(s.view.offer?.engineerId).toBe('ENG-2');
    expect(s.takeNotifications().map((n) => [n.to, n.template])).toEqual([['engineer', 'offer']]);
    applyDeclineOffer(s, eng2, 'too far');
    expect(s.status).toBe('awaiting_assignment');
    expect(s.takeNotifications().map((n) => [n.to, n.template])).toEqual([['supervisor', 'needs_assignment']]);
  });

  it('R-INTEGRATE-4 notifications carry the addresses the workflow loaded at the start; an engineer it has no contact for is left to the activity', () => {
    const { s } = offered();
    applyDeclineOffer(s, eng1, 'busy');
    expect(s.takeNotifications().map((n) => [n.to, n.address])).toEqual([['engineer', 'eng-2@example.test']]);
    applyDeclineOffer(s, eng2, 'busy');
    expect(s.takeNotifications().map((n) => [n.to, n.address])).toEqual([['supervisor', 'sup@example.test']]);
    applyAssign(s, { role: 'dispatcher', id: 'd1' }, 'ENG-9', 'covers');
    expect(s.takeNotifications().map((n) => [n.to, n.address])).toEqual([
      ['engineer', undefined],
      ['customer', 'li@example.test'],
    ]);
  });

  it('refuses steps out of order with the reason and the current status', () => {
    const { s } = offered();
    expect(rejection(() => checkCheckIn(s, eng1, true))).toMatchObject({
      type: 'NotAllowed',
      message: 'request can check in on site only while scheduled (status: offered)',
    });
  });

  it('R-VISIT-1 an appointment needs consent, and outside warranty the charging policy explained', () => {
    const { s } = offered('2020-01-01');
    applyAcceptOffer(s, eng1);
    const a = {
      windowStart: '2026-11-23T09:00:00Z',
      windowEnd: '2026-11-23T11:00:00Z',
      estimatedDurationMinutes: 90,
      customerConsent: true,
      chargingPolicyExplained: false,
      toolsAndParts: [],
    };
    expect(rejection(() => checkAppointment(s, eng1, { ...a, customerConsent: false })).message).toContain('consent');
    expect(rejection(() => checkAppointment(s, eng1, a)).message).toContain('charging policy');
    checkAppointment(s, eng1, { ...a, chargingPolicyExplained: true });
  });

  it('R-FOLLOW-2 a score below 8 needs a reason and notifies the supervisor', () => {
    const { s, advance } = offered();
    applyAcceptOffer(s, eng1);
    applyAppointment(s, eng1, {
      windowStart: '2026-11-23T09:00:00Z',
      windowEnd: '2026-11-23T11:00:00Z',
      estimatedDurationMinutes: 60,
      customerConsent: true,
      chargingPolicyExplained: false,
      toolsAndParts: [],
    });
    applyCheckIn(s, eng1);
    applyDiagnosis(s, eng1, { faultConfirmedWithCustomer: true, faultClass: 'hardware', findings: 'sensor' });
    applyWork(s, eng1, {
      actions: 'replaced sensor',
      functionalTestPassed: true,
      demonstratedToCustomer: true,
      cleanedUp: true,
      advice: 'x',
    });
    applySignOff(s, eng1, { signedBy: 'Li Wei', satisfied: true });
    expect(s.view.followUpDueAt).toBe('2026-11-23T08:00:00.000Z');
    advance(86_400_000);
    followUpFellDue(s);
    const low = { punctuality: 9, attitude: 9, resolution: 6, overall: 6 };
    expect(rejection(() => checkFollowUp(s, agent, low)).message).toBe('an overall score below 8 needs a reason');
    s.takeNotifications();
    applyFollowUp(s, agent, { ...low, reason: 'fault came back once' });
    expect(s.takeNotifications().map((n) => n.to)).toEqual(['supervisor']);
  });

  it('R-RECORD-1 history records who did what, in order, with increasing sequence numbers', () => {
    const { s } = offered();
    applyDeclineOffer(s, eng1, 'sick');
    const actions = s.view.history.map((h) => h.action);
    expect(actions).toEqual([
      'received',
      'entitlement_decided',
      'candidates_ranked',
      'offered',
      'offer_declined',
      'offered',
    ]);
    expect(s.view.history[4]).toMatchObject({ actor: eng1, detail: { reason: 'sick' } });
    expect(s.view.history.map((h) => h.seq)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('cancellation is refused once the engineer is on site', () => {
    const { s } = offered();
    applyAcceptOffer(s, eng1);
    applyAppointment(s, eng1, {
      windowStart: '2026-11-23T09:00:00Z',
      windowEnd: '2026-11-23T11:00:00Z',
      estimatedDurationMinutes: 60,
      customerConsent: true,
      chargingPolicyExplained: false,
      toolsAndParts: [],
    });
    checkCancel(s, agent);
    applyCheckIn(s, eng1);
    expect(rejection(() => checkCancel(s, agent)).type).toBe('NotAllowed');
  });

  it('R-SLA-1 a remote region exempt from the arrival clock runs the others only', () => {
    const sla = {
      key: 'general',
      version: 1,
      name: 'g',
      warnAtShare: 0.75,
      managerEscalationDelayMs: 7_200_000,
      offerAcceptanceMs: 900_000,
      budgets: {
        urgent: {},
        important: { dispatch: 7_200_000, arrival: 14_400_000, resolution: 172_800_000 },
        general: {},
      },
    };
    const make = (exempt?: 'arrival'[]) => {
      const s = new RequestState(
        { requestNo: 'SR-20261122-0002', workflowId: 'w', intake: intakeBody() as any, receivedBy: agent },
        () => new Date('2026-11-22T08:00:00Z'),
      );
      setContext(s, { ...ctx(), sla, ...(exempt ? { slaExemptClocks: exempt } : {}) });
      return s.view;
    };
    expect(make()!.clocks!.map((c) => c.name)).toEqual(['dispatch', 'arrival', 'resolution']);
    const remote = make(['arrival']);
    expect(remote.clocks!.map((c) => c.name)).toEqual(['dispatch', 'resolution']);
    expect(remote.history.find((h) => h.action === 'sla_clocks_started')!.detail).toMatchObject({
      exempt: ['arrival'],
    });
  });

  it('R-SLA-5 R-VISIT-4 on a later visit, a window the customer chose after the resolution deadline pauses resolution', () => {
    const H = 3_600_000;
    let t = Date.parse('2026-11-22T08:00:00Z');
    const sla = {
      key: 'general',
      version: 1,
      name: 'g',
      warnAtShare: 0.75,
      managerEscalationDelayMs: 2 * H,
      offerAcceptanceMs: 0.25 * H,
      budgets: { urgent: {}, important: { arrival: 4 * H, resolution: 48 * H }, general: {} },
    };
    const s = new RequestState(
      { requestNo: 'SR-20261122-0003', workflowId: 'w', intake: intakeBody() as any, receivedBy: agent },
      () => new Date(t),
    );
    setContext(s, { ...ctx(), sla });
    setCandidates(s, [cand('ENG-1')]);
    offerNext(s);
    applyAcceptOffer(s, eng1);
    const win = (fromH: number) => ({
      windowStart: new Date(t + fromH * H).toISOString(),
      windowEnd: new Date(t + (fromH + 2) * H).toISOString(),
      estimatedDurationMinutes: 60,
      customerConsent: true,
      chargingPolicyExplained: true,
      toolsAndParts: [],
      customerChoseTime: true,
    });
    applyAppointment(s, eng1, win(2)); // within the arrival deadline: nothing pauses
    expect(s.view.clocks!.every((c) => c.pauses.length === 0)).toBe(true);
    t += 2 * H;
    applyCheckIn(s, eng1);
    applyEndVisit(s, eng1, { outcome: 'another_visit_needed', reason: 'parts', needs: ['parts'] });
    applyAppointment(s, eng1, win(30)); // t = 2 h; starts at 32 h, before the 48 h resolution deadline: no pause
    expect(s.view.clocks!.find((c) => c.name === 'resolution')!.pauses).toEqual([]);
    applyAppointment(s, eng1, { ...win(60), reason: 'customer away' }); // starts at 62 h, after the deadline: resolution waits
    expect(s.view.clocks!.find((c) => c.name === 'resolution')!.pauses).toEqual([
      expect.objectContaining({
        reason: 'customer_chose_later_appointment',
        until: new Date(t + 60 * H).toISOString(),
      }),
    ]);
    expect(s.view.waitingOn).toBe('customer');
  });
});
