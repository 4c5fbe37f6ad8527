/**
 * Request numbers SR-YYYYMMDD-NNNN (date in the server's time zone, TZ), consecutive per day.
 * Each instance keeps its next guess in memory and claims it with a unique insert; a number another
 * instance took first just moves the guess on. No read-modify-write, so nothing can be handed out twice.
 */
import { formatRequestNo } from '../shared/ids';
import { isDuplicateKey, type Models } from '../shared/models';

const localDay = (d: Date) =>
  `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}`;

export class RequestNumbers {
  private readonly next = new Map<string, Promise<{ n: number }>>();

  constructor(private readonly models: Models, private readonly now: () => Date = () => new Date()) {}

  async allocate(): Promise<string> {
    const day = localDay(this.now());
    let cursor = this.next.get(day);
    if (!cursor) {
      cursor = this.highest(day).then((h) => ({ n: h + 1 }));
      this.next.set(day, cursor);
    }
    const state = await cursor;
    for (;;) {
      const seq = state.n++; // taken synchronously: concurrent callers in this process never share a guess
      const requestNo = formatRequestNo(day, seq);
      try {
        await this.models.RequestNumber.create({ _id: requestNo, day, seq });
        return requestNo;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
    }
  }

  private async highest(day: string): Promise<number> {
    const top = await this.models.RequestNumber.findOne({ day }, { seq: 1 }).sort({ seq: -1 }).lean();
    return top?.seq ?? 0;
  }
}
