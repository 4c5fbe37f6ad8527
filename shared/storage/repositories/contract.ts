/**
 * A contract's allowance in use (R-ENTITLE-1): visits by unique claims per period (read by `_id`), and
 * on-site hours summed from the read models of the period's contract requests (a few per contract).
 */
import { allowanceUse, periodOf, type Allowance, type AllowanceUse } from '../../contract/allowance';
import { keyed } from '../keyed';
import type { Models } from '../models';

const slotId = (contractNo: string, periodStart: string, n: number) => `${contractNo}/${periodStart}/${n}`;

export function contractRepository(m: Models) {
  const visits = keyed(m.ContractVisit);
  const slots = (contractNo: string, periodStart: string, allowed: number) =>
    visits.getMany(Array.from({ length: allowed }, (_, i) => slotId(contractNo, periodStart, i + 1)));
  const visitsUsed = async (contractNo: string, periodStart: string, allowed: number) =>
    (await slots(contractNo, periodStart, allowed)).length;
  async function minutesOnSite(contractNo: string, periodStart: string): Promise<number> {
    const rows = await m.ServiceRequest.find({ contractNo, contractPeriod: periodStart }, { onSiteMinutes: 1 })
      .comment('scan: the contract requests of one period, for its on-site hours')
      .limit(5000)
      .lean();
    return rows.reduce((sum, r) => sum + (r.onSiteMinutes ?? 0), 0);
  }
  const inUse = async (
    contractNo: string,
    a: Allowance,
    period: { start: string; end: string },
  ): Promise<AllowanceUse> =>
    allowanceUse(a, period, {
      visits: a.visits ? await visitsUsed(contractNo, period.start, a.visits) : 0,
      minutes: a.hours ? await minutesOnSite(contractNo, period.start) : 0,
    });
  return {
    inUse,
    /**
     * The contract and what its period of `day` has left; `use` is absent when it states no allowance or does
     * not run on that day. Null: no such contract.
     */
    async allowanceOn(contractNo: string, day: string) {
      const c = await m.Contract.findById(contractNo).lean();
      if (!c) return null;
      const a = c.allowance?.period ? (c.allowance as Allowance) : undefined;
      const runs = c.start <= day && day <= c.end;
      return { contract: c, ...(a && runs ? { use: await inUse(contractNo, a, periodOf(c, a.period, day)) } : {}) };
    },
    /**
     * The request's visit of the period: the one it holds already (a retry), else the first free one by a
     * unique insert; undefined when all are taken.
     */
    async claimVisit(contractNo: string, periodStart: string, allowed: number, requestNo: string) {
      const taken = await slots(contractNo, periodStart, allowed);
      const mine = taken.find((s) => s.requestNo === requestNo);
      if (mine) return mine.slot;
      const takenIds = new Set(taken.map((s) => s._id));
      for (let n = 1; n <= allowed; n++) {
        const _id = slotId(contractNo, periodStart, n);
        if (takenIds.has(_id)) continue;
        if (await visits.claim({ _id, contractNo, periodStart, slot: n, requestNo })) return n;
      }
      return undefined;
    },
    /** Gives the visit back (a request cancelled before anyone went): only the request holding it may. */
    async releaseVisit(contractNo: string, periodStart: string, slot: number, requestNo: string) {
      await m.ContractVisit.deleteOne({ _id: slotId(contractNo, periodStart, slot), requestNo });
    },
  };
}
