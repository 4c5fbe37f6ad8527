/**
 * R-FIELD-1 a step done offline counts at the device's time, bounded by what the workflow knows
 * (docs/offline.md): the history and the visit take that time, the entry says when it was recorded, a
 * time before the last recorded step is moved up to it (flagged), and a live step is unchanged.
 */
import type { Actor } from '../../shared/common/actor';
import { applyAppointment } from '../../workflows/serviceRequest/appointment';
import { applyAcceptOffer, offerNext, setCandidates } from '../../workflows/serviceRequest/dispatch';
import { setContext } from '../../workflows/serviceRequest/intake';
import { answered, RequestState } from '../../workflows/serviceRequest/request';
import { applyCheckIn, applyDiagnosis } from '../../workflows/serviceRequest/visit';
import { intakeBody } from '../setup/env';

const HOUR = 3_600_000;
const eng: Actor = { role: 'engineer', id: 'ENG-1' };

function scheduledRequest() {
  let t = Date.parse('2026-12-02T08:00:00Z');
  const s = new RequestState(
    {
      requestNo: 'SR-20261202-0001',
      workflowId: 'service-request:SR-20261202-0001',
      intake: intakeBody() as any,
      receivedBy: { role: 'agent', id: 'a1' },
    },
    () => new Date(t),
  );
  setContext(s, {
    customerName: 'Li Wei',
    contacts: {},
    unit: { serialNumber: 'S1', model: 'M', productLine: 'ups', purchaseDate: '2025-01-01', warrantyEnd: '2030-01-01' },
    policy: {
      version: 1,
      followUpDelayMs: 86_400_000,
      followUpGraceMs: HOUR,
      appointmentReminderLeadMs: HOUR,
      engineerCallLeadMs: HOUR / 2,
      archiveRetentionDays: 1100,
    },
  } as any);
  setCandidates(s, [{ engineerId: 'ENG-1', name: 'E', score: 1, openRequests: 0, certified: false } as any]);
  offerNext(s);
  applyAcceptOffer(s, eng);
  applyAppointment(s, eng, {
    windowStart: '2026-12-02T10:00:00Z',
    windowEnd: '2026-12-02T12:00:00Z',
    estimatedDurationMinutes: 60,
    customerConsent: true,
    toolsAndParts: [],
  } as any);
  return { s, at: (ms: number) => (t = ms) };
}

describe('R-FIELD-1 the time of a step done offline', () => {
  it("counts the device's time for the history and the visit, and says when it was recorded", () => {
    const { s, at } = scheduledRequest();
    at(Date.parse('2026-12-02T14:00:00Z')); // the network came back at 14:00
    const doneAt = '2026-12-02T10:20:00.000Z';
    answered(s, { ...eng, doneAt, clockSkewMs: 300_000 }, () => applyCheckIn(s, eng));
    const entry = s.view.history.find((h) => h.action === 'checked_in')!;
    expect(entry).toMatchObject({ at: doneAt, recordedAt: '2026-12-02T14:00:00.000Z', clockSkewMs: 300_000 });
    expect(entry.actor).toEqual({ role: 'engineer', id: 'ENG-1' });
    expect(entry.clockAdjusted).toBeUndefined();
    expect(s.view.visits![0].checkedInAt).toBe(doneAt);
    // The next live step is at the workflow's own time again.
    answered(s, eng, () =>
      applyDiagnosis(s, eng, { faultConfirmedWithCustomer: true, faultClass: 'hardware', findings: 'x' }),
    );
    expect(s.view.history.at(-1)).toMatchObject({ action: 'diagnosed', at: '2026-12-02T14:00:00.000Z' });
    expect(s.view.history.at(-1)!.recordedAt).toBeUndefined();
  });

  it('moves a time before the last recorded step up to it, flagged, so the history stays in order', () => {
    const { s, at } = scheduledRequest();
    const last = s.view.history.at(-1)!.at;
    at(Date.parse('2026-12-02T14:00:00Z'));
    answered(s, { ...eng, doneAt: '2026-12-01T23:00:00.000Z' }, () => applyCheckIn(s, eng));
    expect(s.view.history.find((h) => h.action === 'checked_in')).toMatchObject({ at: last, clockAdjusted: true });
  });
});
