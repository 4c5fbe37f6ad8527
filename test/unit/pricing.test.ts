/** Quotation arithmetic in integer minor units (R-QUOTE-1/5, R-INTAKE-6). */
import { isCovered, lineTotal, priceLines, settleAgainst, type PriceEntry } from '../../shared/quotation/pricing';

const prices: PriceEntry[] = [
  { code: 'P-A', description: 'Part A', kind: 'part', unitPriceMinor: 18_000, currency: 'CNY', warrantyDays: 180 },
  {
    code: 'LABOUR-STANDARD',
    description: 'Labour',
    kind: 'labour',
    unitPriceMinor: 12_345,
    currency: 'CNY',
    unit: 'hour',
  },
  { code: 'TRAVEL-KM', description: 'Travel', kind: 'travel', unitPriceMinor: 300, currency: 'CNY' },
  { code: 'P-USD', description: 'Imported part', kind: 'part', unitPriceMinor: 1_000, currency: 'USD' },
];

describe('pricing', () => {
  it('R-QUOTE-1 money stays in integer minor units; quarter hours round half up to a whole minor unit', () => {
    expect(lineTotal(12_345, 1.5)).toBe(18_518); // 18517.5 → 18518
    expect(lineTotal(12_345, 0.25)).toBe(3_086); // 3086.25 → 3086
    expect(lineTotal(300, 37)).toBe(11_100);
    for (const q of [0.25, 0.5, 0.75, 1, 2.25, 40]) expect(Number.isInteger(lineTotal(12_345, q))).toBe(true);
  });

  it('R-INTAKE-6 coverage: warranty covers all but fees, a contract what its terms say, paid nothing', () => {
    expect(isCovered('part', 'free')).toBe(true);
    expect(isCovered('fee', 'free')).toBe(false);
    expect(isCovered('labour', 'contract', { labour: true })).toBe(true);
    expect(isCovered('part', 'contract', { labour: true })).toBe(false);
    expect(isCovered('labour', 'paid', { labour: true })).toBe(false);
  });

  it('R-FOLLOW-3 parts replaced by the earlier request are not charged again while their warranty runs', () => {
    const lines = [
      { code: 'P-A', quantity: 1 },
      { code: 'LABOUR-STANDARD', quantity: 1 },
    ];
    const q = priceLines(prices, lines, 'paid', undefined, ['P-A']);
    expect(q.lines.map((l) => [l.code, l.covered, l.lineTotalMinor])).toEqual([
      ['P-A', true, 0],
      ['LABOUR-STANDARD', false, 12_345],
    ]);
    expect([q.totalMinor, q.coveredMinor]).toEqual([12_345, 18_000]);
  });

  it('R-QUOTE-1 lines merge by code, totals exclude covered lines, unknown codes and mixed currencies are reported', () => {
    const q = priceLines(
      prices,
      [
        { code: 'P-A', quantity: 1 },
        { code: 'LABOUR-STANDARD', quantity: 1 },
        { code: 'P-A', quantity: 1 },
        { code: 'NOPE', quantity: 1 },
      ],
      'contract',
      { labour: true },
    );
    expect(q.lines.map((l) => [l.code, l.quantity, l.covered, l.lineTotalMinor, l.warrantyDays])).toEqual([
      ['P-A', 2, false, 36_000, 180],
      ['LABOUR-STANDARD', 1, true, 0, undefined],
    ]);
    expect([q.totalMinor, q.coveredMinor, q.unknown]).toEqual([36_000, 12_345, ['NOPE']]);
    expect(
      priceLines(
        prices,
        [
          { code: 'P-A', quantity: 1 },
          { code: 'P-USD', quantity: 1 },
        ],
        'paid',
      ).currencies,
    ).toEqual(['CNY', 'USD']);
  });

  it('R-QUOTE-5 settlement prices what was used at the approved prices and names what was never approved', () => {
    const approved = priceLines(
      prices,
      [
        { code: 'P-A', quantity: 1 },
        { code: 'LABOUR-STANDARD', quantity: 1 },
      ],
      'paid',
    ).lines;
    const s = settleAgainst(approved, [
      { code: 'P-A', quantity: 1 },
      { code: 'LABOUR-STANDARD', quantity: 2 },
      { code: 'TRAVEL-KM', quantity: 10 },
    ]);
    expect(s.totalMinor).toBe(18_000 + 24_690);
    expect(s.notApproved).toEqual(['TRAVEL-KM']);
  });
});
