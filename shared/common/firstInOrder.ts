/**
 * The first `count` items of `items` in the order of `before`, as a stable sort would give them, without
 * sorting the rest: the dispatcher list shows 50 of thousands of open requests, and a full sort of them
 * cost far more than the page (decision 0006). Kept in a bounded buffer by binary insertion; an item that
 * is not before the buffer's last is dropped after one comparison, so a page costs about one pass. A deep
 * page (far past what a buffer insert is cheap for) sorts everything instead.
 */
const BUFFERED_UP_TO = 500;

export function firstInOrder<T>(
  items: Iterable<T>,
  count: number,
  before: (a: T, b: T) => number,
  keep: (item: T) => boolean = () => true,
): { first: T[]; total: number } {
  if (count > BUFFERED_UP_TO) {
    const all = [...items].filter(keep).sort(before); // Array.prototype.sort is stable
    return { first: all.slice(0, count), total: all.length };
  }
  const first: T[] = [];
  let total = 0;
  for (const item of items) {
    if (!keep(item)) continue;
    total++;
    if (count <= 0 || (first.length === count && before(item, first[count - 1]) >= 0)) continue;
    // After every equal item already kept: items that compare equal keep their input order (stable).
    let lo = 0;
    let hi = first.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(item, first[mid]) < 0) hi = mid;
      else lo = mid + 1;
    }
    first.splice(lo, 0, item);
    if (first.length > count) first.pop();
  }
  return { first, total };
}
