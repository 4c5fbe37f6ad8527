/**
 * R-FIELD-1 the time a step done offline counts at (docs/offline.md): the device's time corrected by its
 * clock's offset at sending, never later than the server's receipt, the offset flagged over two minutes,
 * and headers that are not times refused with what is allowed.
 */
import type { Request } from 'express';
import { deviceTimeOf } from '../../services/http/deviceTime';
import { HttpError } from '../../services/http/errors';

const req = (headers: Record<string, string>) =>
  ({ get: (name: string) => headers[name.toLowerCase()] }) as unknown as Request;
const NOW = Date.parse('2026-12-02T10:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const MIN = 60_000;

describe('R-FIELD-1 the device time of a step done offline', () => {
  it('is absent for a step sent live', () => {
    expect(deviceTimeOf(req({}), 'engineer', NOW)).toEqual({});
  });

  it("counts the device's time when its clock is right (a small offset is not flagged)", () => {
    const done = NOW - 90 * MIN;
    const got = deviceTimeOf(
      req({ 'x-aftersales-done-at': iso(done), 'x-aftersales-sent-at': iso(NOW - 20_000) }),
      'engineer',
      NOW,
    );
    expect(got).toEqual({ doneAt: iso(done + 20_000) });
  });

  it('corrects a device clock an hour slow by its offset at sending, and flags it', () => {
    const slow = 60 * MIN;
    const got = deviceTimeOf(
      req({ 'x-aftersales-done-at': iso(NOW - 30 * MIN - slow), 'x-aftersales-sent-at': iso(NOW - slow) }),
      'engineer',
      NOW,
    );
    expect(got).toEqual({ doneAt: iso(NOW - 30 * MIN), clockSkewMs: slow });
  });

  it('never counts a step later than the server received it', () => {
    const got = deviceTimeOf(req({ 'x-aftersales-done-at': iso(NOW + 10 * MIN) }), 'engineer', NOW);
    expect(got).toEqual({ doneAt: iso(NOW) });
  });

  it('is refused from anyone but an engineer', () => {
    expect(() => deviceTimeOf(req({ 'x-aftersales-done-at': iso(NOW) }), 'agent', NOW)).toThrow(
      "only an engineer's device sends steps done offline",
    );
  });

  it.each([
    [{ 'x-aftersales-done-at': 'yesterday' }, /X-Aftersales-Done-At: an ISO 8601 date-time/i],
    [{ 'x-aftersales-sent-at': iso(NOW) }, /only with X-Aftersales-Done-At/],
    [{ 'x-aftersales-done-at': iso(NOW), 'x-aftersales-sent-at': iso(NOW - MIN) }, /cannot be done after it was sent/],
  ])('refuses %j with 400 and the reason', (headers, reason) => {
    let err: unknown;
    try {
      deviceTimeOf(req(headers), 'engineer', NOW);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).status).toBe(400);
    expect((err as HttpError).message).toMatch(reason);
  });
});
