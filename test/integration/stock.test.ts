/**
 * The stock ledger on the real FerretDB (R-PARTS-2/4): racing for the last unit, a movement that
 * crashes between its halves and is retried, and the ledger check.
 */
import { StockLedger } from '../../shared/storage/stockLedger';
import { freshDatabase } from '../setup/env';

let db: Awaited<ReturnType<typeof freshDatabase>>;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(async () => db?.conn.close());

const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: { type?: string; message: string }) => e,
  );

describe('stock ledger', () => {
  it('R-PARTS-4 opening stock is in the ledger and the check finds nothing wrong', async () => {
    const ledger = new StockLedger(db.models);
    expect(await ledger.balance('WH-EAST', 'P-SWH-SENSOR')).toBe(12);
    expect(await ledger.balance('WH-NORTH', 'P-SWH-SENSOR')).toBe(4);
    expect((await ledger.check()).problems).toEqual([]);
  });

  it('R-PARTS-4 two requisitions race for the last unit: exactly one gets it, stock never goes negative', async () => {
    const ledger = new StockLedger(db.models);
    await ledger.move({
      key: 'race/receipt',
      from: 'SUPPLIER',
      to: 'WH-RACE',
      partNo: 'P-SWH-VALVE',
      quantity: 1,
      kind: 'receipt',
    });
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        ledger
          .move({
            key: `race/req-${i}`,
            from: 'WH-RACE',
            to: `VAN-${i}`,
            partNo: 'P-SWH-VALVE',
            quantity: 1,
            kind: 'issue',
          })
          .then(
            (n) => n,
            (e) => e,
          ),
      ),
    );
    const won = results.filter((r) => r === 1);
    const lost = results.filter((r) => r !== 1);
    expect(won).toHaveLength(1);
    expect(lost.every((e: any) => e.type === 'InsufficientStock')).toBe(true);
    expect(await ledger.balance('WH-RACE', 'P-SWH-VALVE')).toBe(0);
    const vans = await Promise.all(Array.from({ length: 12 }, (_, i) => ledger.balance(`VAN-${i}`, 'P-SWH-VALVE')));
    expect(vans.reduce((a, b) => a + b, 0)).toBe(1);
    expect((await ledger.check()).problems).toEqual([]);
  });

  it('R-PARTS-4 twenty racers for five units: exactly five win; a partial requisition takes what is left', async () => {
    const ledger = new StockLedger(db.models);
    await ledger.move({
      key: 'race5/receipt',
      from: 'SUPPLIER',
      to: 'WH-R5',
      partNo: 'P-UPS-BATT',
      quantity: 5,
      kind: 'receipt',
    });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        ledger
          .move({
            key: `race5/req-${i}`,
            from: 'WH-R5',
            to: 'VAN-R5',
            partNo: 'P-UPS-BATT',
            quantity: 1,
            kind: 'issue',
          })
          .then(
            (n) => n,
            () => 0,
          ),
      ),
    );
    expect(results.filter((n) => n === 1)).toHaveLength(5);
    expect(await ledger.balance('VAN-R5', 'P-UPS-BATT')).toBe(5);
    await ledger.move({
      key: 'race5/restock',
      from: 'SUPPLIER',
      to: 'WH-R5',
      partNo: 'P-UPS-BATT',
      quantity: 2,
      kind: 'receipt',
    });
    expect(
      await ledger.move({
        key: 'race5/partial',
        from: 'WH-R5',
        to: 'VAN-R5',
        partNo: 'P-UPS-BATT',
        quantity: 4,
        kind: 'issue',
        partial: true,
      }),
    ).toBe(2);
    expect(
      await failure(
        ledger.move({
          key: 'race5/none',
          from: 'WH-R5',
          to: 'VAN-R5',
          partNo: 'P-UPS-BATT',
          quantity: 1,
          kind: 'issue',
          partial: true,
        }),
      ),
    ).toMatchObject({ type: 'InsufficientStock', message: 'only 0 of P-UPS-BATT at WH-R5, 1 requested' });
    expect((await ledger.check()).problems).toEqual([]);
  });

  it('R-PARTS-2 a movement that crashed after its first write is finished by the retry, never moved twice', async () => {
    let crash = true;
    const flaky = new StockLedger(db.models, undefined, {
      afterOut: () => {
        if (crash) {
          crash = false;
          throw new Error('worker died');
        }
      },
    });
    const mv = {
      key: 'trip-x/issue/P-SWH-SENSOR',
      from: 'WH-EAST',
      to: 'VAN-ENG-009',
      partNo: 'P-SWH-SENSOR',
      quantity: 3,
      kind: 'issue',
    };
    const since = Date.now();
    await expect(flaky.move(mv, since)).rejects.toThrow('worker died');
    const ledger = new StockLedger(db.models);
    expect((await ledger.check()).problems).toEqual([]); // a half-done movement has no completion record yet
    expect(await ledger.balance('VAN-ENG-009', 'P-SWH-SENSOR')).toBe(0);
    expect(await flaky.move(mv, since)).toBe(3); // the retry
    expect(await flaky.move(mv, since)).toBe(3); // and again: nothing more moves
    expect(await ledger.balance('WH-EAST', 'P-SWH-SENSOR')).toBe(9);
    expect(await ledger.balance('VAN-ENG-009', 'P-SWH-SENSOR')).toBe(3);
    const entries = await db.models.StockEntry.find({
      location: { $in: ['WH-EAST', 'VAN-ENG-009'] },
      partNo: 'P-SWH-SENSOR',
    })
      .comment('scan: a test looks')
      .lean();
    expect(
      entries
        .filter((e) => e.key.startsWith('trip-x/'))
        .map((e) => e.delta)
        .sort(),
    ).toEqual([-3, 3]);
    expect((await ledger.check()).problems).toEqual([]);
  });

  it('R-PARTS-4 the check reports a ledger whose balances do not add up', async () => {
    const ledger = new StockLedger(db.models);
    await ledger.move({
      key: 'tamper/receipt',
      from: 'SUPPLIER',
      to: 'WH-TAMPER',
      partNo: 'P-SWH-SENSOR',
      quantity: 2,
      kind: 'receipt',
    });
    await db.models.StockEntry.updateOne({ _id: 'WH-TAMPER|P-SWH-SENSOR|000000001' }, { $set: { balanceAfter: 7 } });
    expect((await ledger.check()).problems).toEqual(
      expect.arrayContaining(['WH-TAMPER|P-SWH-SENSOR#1: balance 7, sum of deltas 2']),
    );
    await db.models.StockEntry.updateOne({ _id: 'WH-TAMPER|P-SWH-SENSOR|000000001' }, { $set: { balanceAfter: 2 } });
  });
});
