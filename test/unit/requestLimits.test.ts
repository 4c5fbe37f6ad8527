/** R-RECORD-1: the documented bounds of one request refuse the step that would pass them (409, saying which). */
import type { Actor } from '../../shared/common/actor';
import type { Visit } from '../../shared/serviceRequest/types';
import { REQUEST_LIMITS } from '../../workflows/serviceRequest/limits';
import { admit, RequestState } from '../../workflows/serviceRequest/request';
import { checkCheckIn } from '../../workflows/serviceRequest/visit';
import { intakeBody } from '../setup/env';

const eng: Actor = { role: 'engineer', id: 'ENG-1' };

function scheduled(): RequestState {
  const s = new RequestState(
    { requestNo: 'SR-20261201-0001', workflowId: 'w', intake: intakeBody() as any, receivedBy: eng },
    () => new Date('2026-12-01T08:00:00Z'),
  );
  Object.assign(s.view, { status: 'scheduled', engineerId: 'ENG-1' });
  return s;
}

const refusal = (fn: () => void) => {
  try {
    fn();
  } catch (e) {
    return e as { type?: string; message: string };
  }
  return undefined;
};

describe('request limits', () => {
  it('R-RECORD-1 a request at its limit of recorded steps refuses every caller step with NotAllowed naming the limit', () => {
    const s = scheduled();
    s.view.seq = REQUEST_LIMITS.steps - 1;
    expect(refusal(() => admit(s, eng))).toBeUndefined();
    s.view.seq = REQUEST_LIMITS.steps;
    expect(refusal(() => admit(s, eng))).toMatchObject({
      type: 'NotAllowed',
      message: expect.stringContaining(`limit of ${REQUEST_LIMITS.steps} recorded steps (limit: steps)`),
    });
  });

  it('R-RECORD-1 the 31st visit is refused; the 30th is allowed', () => {
    const s = scheduled();
    const visit = { no: 1, checkedInAt: '2026-12-01T08:00:00Z' } as unknown as Visit;
    s.view.visits = Array.from({ length: REQUEST_LIMITS.visits - 1 }, () => visit);
    expect(refusal(() => checkCheckIn(s, eng, true))).toBeUndefined();
    s.view.visits.push(visit);
    expect(refusal(() => checkCheckIn(s, eng, true))).toMatchObject({
      type: 'NotAllowed',
      message: expect.stringContaining('limit of 30 visits (limit: visits)'),
    });
  });
});
