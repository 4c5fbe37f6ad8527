/**
 * Supplier claims (R-RMA-1): read by id; the quality desk's list by status and the KPIs' recovered amounts
 * of a period are named scans of a collection that grows by the faulty modules sent back (a few a week).
 */
import { keyed } from '../keyed';
import type { Models } from '../models';

export function supplierClaimRepository(m: Models) {
  return {
    claims: keyed(m.SupplierClaim),
    outcomes: keyed(m.SupplierClaimOutcome),
    list: (status: string | undefined, limit: number) =>
      m.SupplierClaim.find(status ? { status } : {})
        .sort({ _id: -1 })
        .limit(limit)
        .comment('scan: the supplier claims on the quality desk, by status')
        .lean(),
    /** Inspections that blamed the supplier, newest first, for the desk to send back (those without a claim). */
    async toSendBack(limit: number) {
      const blamed = await m.QualityInspection.find({ status: 'closed', responsibleParty: 'supplier' })
        .sort({ findingAt: -1 })
        .limit(limit)
        .comment('scan: inspections that blamed the supplier, for the quality desk')
        .lean();
      const sent = new Set(
        (await keyed(m.SupplierClaim).getMany(blamed.map((i) => `RMA-${i._id}`))).map((c) => c.inspectionId),
      );
      return blamed.filter((i) => !sent.has(i._id));
    },
    decidedBetween: (from: string, to: string) =>
      m.SupplierClaim.find({ decidedAt: { $gte: from, $lte: to } })
        .limit(10_000)
        .comment("scan: a period's decided supplier claims, for the KPIs and the audit")
        .lean(),
  };
}
