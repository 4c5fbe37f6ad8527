/**
 * The Idempotency-Key protocol of intake on the real FerretDB, in each state a crash can leave a key in
 * (R-INTAKE-1). `startedFor` stands for Temporal's answer (which key a request's workflow memo names);
 * the crash test in intakeCrash.test.ts runs the whole thing against the real server.
 */
import { IntakeKeys } from '../../shared/storage/intakeKeys';
import { freshDatabase } from '../setup/env';

let db: Awaited<ReturnType<typeof freshDatabase>>;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(async () => db?.conn.close());

let t = Date.parse('2026-11-23T10:00:00Z');
const keys = () => new IntakeKeys(db.models, 30_000, () => new Date(t));
const started = (map: Record<string, string>) => async (no: string) => map[no];

describe('intake keys after a crash', () => {
  it('R-INTAKE-1 a holder that crashed after starting its workflow: the retry finds the request by its memo', async () => {
    const k = keys();
    expect(await k.claim('a1', 'k1')).toEqual({ claimed: true });
    await k.attempt('a1', 'k1', 'SR-20261123-0007'); // then the process died before filling it in
    const claim = await k.claim('a1', 'k1');
    expect(claim).toMatchObject({ claimed: false });
    if (claim.claimed) throw new Error('unreachable');
    expect(await k.recover('a1', 'k1', claim.row, started({ 'SR-20261123-0007': 'a1:k1' }))).toEqual({
      requestNo: 'SR-20261123-0007',
    });
    expect(await k.requestOf('a1', 'k1')).toBe('SR-20261123-0007');
  });

  it('R-INTAKE-1 a holder still at work: a retry is told to come back; after its lease, one retry takes over', async () => {
    const k = keys();
    await k.claim('a1', 'k2');
    await k.attempt('a1', 'k2', 'SR-20261123-0008'); // number chosen, workflow never started
    const claim = await k.claim('a1', 'k2');
    if (claim.claimed) throw new Error('unreachable');
    expect(await k.recover('a1', 'k2', claim.row, started({}))).toEqual({ busy: true });
    t += 31_000; // the holder's lease ran out: it crashed
    const stale = await k.claim('a1', 'k2');
    if (stale.claimed) throw new Error('unreachable');
    const racers = await Promise.all([1, 2, 3, 4].map(() => k.recover('a1', 'k2', stale.row, started({}))));
    expect(racers.filter((r) => 'claimed' in r)).toHaveLength(1);
    expect(racers.filter((r) => 'busy' in r)).toHaveLength(3);
    // A workflow started under that number for another key is not this key's request.
    const after = await k.claim('a1', 'k2');
    if (after.claimed) throw new Error('unreachable');
    expect(after.row.candidate).toBeUndefined();
    expect(await k.recover('a1', 'k2', after.row, started({ 'SR-20261123-0008': 'a1:other' }))).toEqual({ busy: true });
  });

  it('R-INTAKE-1 a holder whose start failed releases the key: the next retry takes it over at once', async () => {
    const k = keys();
    await k.claim('a1', 'k3');
    await k.release('a1', 'k3');
    const claim = await k.claim('a1', 'k3');
    if (claim.claimed) throw new Error('unreachable');
    expect(await k.recover('a1', 'k3', claim.row, started({}))).toEqual({ claimed: true });
  });
});
