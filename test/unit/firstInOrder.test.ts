import { firstInOrder } from '../../shared/common/firstInOrder';

// R-DISPATCH: the dispatcher list's page is the first rows of the sorted open work, ties in arrival order.
describe('firstInOrder (the dispatcher list page without a full sort)', () => {
  type Row = { id: number; key: number; keep: boolean };
  const rows: Row[] = Array.from({ length: 3000 }, (_, id) => ({ id, key: (id * 7919) % 97, keep: id % 5 !== 0 }));
  const byKey = (a: Row, b: Row) => a.key - b.key;
  const sorted = rows.filter((r) => r.keep).sort(byKey);

  it.each([0, 1, 50, 120, 500, 501, 2400, 5000])('gives the first %i of a stable sort, and the count kept', (n) => {
    const { first, total } = firstInOrder(rows, n, byKey, (r) => r.keep);
    expect(first.map((r) => r.id)).toEqual(sorted.slice(0, n).map((r) => r.id));
    expect(total).toBe(sorted.length);
  });

  it('keeps input order for equal keys in descending and ascending input', () => {
    const same = Array.from({ length: 100 }, (_, id) => ({ id, key: 1, keep: true }));
    expect(firstInOrder(same, 10, byKey).first.map((r) => r.id)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const desc = Array.from({ length: 100 }, (_, id) => ({ id, key: 100 - id, keep: true }));
    expect(firstInOrder(desc, 3, byKey).first.map((r) => r.id)).toEqual([99, 98, 97]);
  });
});
