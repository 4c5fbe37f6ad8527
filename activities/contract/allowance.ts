/**
 * A contract request's share of the contract's allowance (R-ENTITLE-1): one visit of the period claimed by
 * a unique insert when the request is taken in (a retry finds the one it holds), given back when it is
 * cancelled before anyone went; the period's on-site hours from its contract requests' visits.
 */
import type { Allowance, AllowanceUse } from '../../shared/contract/allowance';
import { pastAllowance } from '../../shared/contract/allowance';
import type { Repositories } from '../../shared/storage/repositories';

export interface AllowanceClaim {
  use: AllowanceUse;
  /** The visit of the period this request holds (1 … allowed), when the contract counts visits. */
  slot?: number;
  /** Why the request is past the allowance. */
  past?: string;
}

export function createContractActivities(repos: Repositories) {
  const { contract } = repos;
  const useOf = contract.inUse;
  return {
    async claimContractVisit(input: {
      requestNo: string;
      contractNo: string;
      allowance: Allowance;
      period: { start: string; end: string };
    }): Promise<AllowanceClaim> {
      const { requestNo, contractNo, allowance: a, period } = input;
      const before = await useOf(contractNo, a, period);
      if (before.hours && before.hours.left === 0) return { use: before, past: pastAllowance(before) };
      if (!a.visits) return { use: before };
      const slot = await contract.claimVisit(contractNo, period.start, a.visits, requestNo);
      const use = await useOf(contractNo, a, period);
      return slot ? { use, slot } : { use, past: pastAllowance(use) };
    },

    async releaseContractVisit(input: { requestNo: string; contractNo: string; periodStart: string; slot: number }) {
      await contract.releaseVisit(input.contractNo, input.periodStart, input.slot, input.requestNo);
    },
  };
}
