/**
 * KPIs (R-RECORD-3) for a period of months, overall or for one region, engineer or product line, each
 * against its target (policy `kpiTargets`, else 004's figures). Reads one row per month by `_id`: the
 * cost does not grow with history.
 */
import { claimRow } from '../../shared/supplierClaim/recovered';
import { z } from '../../shared/common/schemaParts';
import { DEFAULT_TARGETS, emptySums, kpisOf, sumOf, type MonthSums, type Sums } from '../../shared/kpi/facts';
import type { Repositories } from '../../shared/storage/repositories';
import { HttpError } from '../http/errors';
import { route, type Route } from '../http/routes';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month like 2026-10');
export const kpiQuerySchema = z.strictObject({
  from: month,
  to: month,
  region: z.string().max(64).optional(),
  engineerId: z.string().max(64).optional(),
  productLine: z.string().max(64).optional(),
});

const monthsBetween = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (
    let y = +from.slice(0, 4), m = +from.slice(5, 7);
    `${y}-${String(m).padStart(2, '0')}` <= to;
    m === 12 ? (y++, (m = 1)) : m++
  )
    out.push(`${y}-${String(m).padStart(2, '0')}`);
  return out;
};

/** R-RMA-1: the period's decided supplier claims and what they recovered, per currency. */
function recoveryOf(claims: Record<string, any>[]) {
  const count = (o: string) => claims.filter((c) => c.status === o).length;
  const recoveredMinor: Record<string, number> = {};
  for (const c of claims) {
    const row = claimRow(c);
    if (typeof row.recoveredMinor === 'number' && typeof row.currency === 'string')
      recoveredMinor[row.currency] = (recoveredMinor[row.currency] ?? 0) + row.recoveredMinor;
  }
  return {
    decided: claims.length,
    credited: count('credited'),
    replaced: count('replaced'),
    rejected: count('rejected'),
    recoveredMinor,
  };
}

export function kpiRoutes(deps: { repos: Repositories }): Route<any>[] {
  return [
    route({
      method: 'get',
      path: '/kpis',
      summary: 'KPIs of a period (months), overall or by region, engineer or product line, against their targets',
      roles: ['admin', 'quality', 'manager', 'dispatcher'],
      query: kpiQuerySchema,
      response: z.looseObject({ from: z.string(), to: z.string() }).openapi('Kpis'),
      handler: async ({ query }) => {
        const q = query as z.infer<typeof kpiQuerySchema>;
        if (q.to < q.from) throw new HttpError(400, `query.to: ${q.to} is before ${q.from}`);
        const months = monthsBetween(q.from, q.to);
        if (months.length > 24) throw new HttpError(400, 'query.to: at most 24 months at a time');
        const dims = [q.region, q.engineerId, q.productLine].filter(Boolean).length;
        if (dims > 1) throw new HttpError(400, 'query: one of region, engineerId or productLine at a time');
        const [rows, policy, claims] = await Promise.all([
          deps.repos.kpi.months.getMany(months), // one _id lookup a month, whatever the history
          deps.repos.servicePolicy.policies.get('service'),
          deps.repos.supplierClaim.decidedBetween(`${q.from}-01`, `${q.to}-31T23:59:59.999Z`),
        ]);
        const pick = (m: MonthSums): Sums =>
          (q.region
            ? m.byRegion[q.region]
            : q.engineerId
              ? m.byEngineer[q.engineerId]
              : q.productLine
                ? m.byProductLine[q.productLine]
                : m.all) ?? emptySums();
        const sums = sumOf(rows.map((r) => pick(r.sums as MonthSums)));
        const targets = { ...DEFAULT_TARGETS, ...((policy as { kpiTargets?: object } | null)?.kpiTargets ?? {}) };
        return {
          from: q.from,
          to: q.to,
          ...(q.region
            ? { region: q.region }
            : q.engineerId
              ? { engineerId: q.engineerId }
              : q.productLine
                ? { productLine: q.productLine }
                : {}),
          monthsWithData: rows.map((r) => r._id).sort(),
          kpis: kpisOf(sums, targets),
          supplierRecovery: recoveryOf(claims),
        };
      },
    }),
  ];
}
