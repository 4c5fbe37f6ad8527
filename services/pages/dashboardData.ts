/**
 * The supervisor's dashboard data (R-RECORD-3): each month's KPIs of a period, overall or for one region,
 * engineer or product line, against their targets. One KpiMonth row per month, read by `_id`.
 */
import { DEFAULT_TARGETS, emptySums, kpisOf, type MonthSums, type Sums } from '../../shared/kpi/facts';
import type { Repositories } from '../../shared/storage/repositories';

export type Dimension = 'all' | 'region' | 'engineerId' | 'productLine';
export interface DashboardQuery {
  from: string;
  to: string;
  dimension: Dimension;
  value: string;
}
export type MonthKpis = { month: string } & ReturnType<typeof kpisOf>;

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let y = +from.slice(0, 4), m = +from.slice(5, 7); out.length < 24; m === 12 ? (y++, (m = 1)) : m++) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (key > to) break;
    out.push(key);
  }
  return out;
}

/** The query from the page's form, with safe defaults: the last six months, overall. */
export function dashboardQueryOf(q: Record<string, unknown>, now = new Date()): DashboardQuery {
  const to = typeof q.to === 'string' && MONTH.test(q.to) ? q.to : now.toISOString().slice(0, 7);
  const back = new Date(Date.UTC(+to.slice(0, 4), +to.slice(5, 7) - 6, 1)).toISOString().slice(0, 7);
  const from = typeof q.from === 'string' && MONTH.test(q.from) && q.from <= to ? q.from : back;
  const dims: Dimension[] = ['all', 'region', 'engineerId', 'productLine'];
  const dimension = dims.includes(q.dimension as Dimension) ? (q.dimension as Dimension) : 'all';
  const value = typeof q.value === 'string' ? q.value.trim().slice(0, 64) : '';
  return { from, to, dimension: value ? dimension : 'all', value };
}

export async function dashboardData(repos: Repositories, q: DashboardQuery): Promise<MonthKpis[]> {
  const months = monthsBetween(q.from, q.to);
  const [rows, policy] = await Promise.all([
    Promise.all(months.map((m) => repos.kpi.months.get(m))),
    repos.servicePolicy.policies.get('service'),
  ]);
  const targets = { ...DEFAULT_TARGETS, ...((policy as { kpiTargets?: object } | null)?.kpiTargets ?? {}) };
  const pick = (m: MonthSums | undefined): Sums => {
    if (!m) return emptySums();
    const by = { region: m.byRegion, engineerId: m.byEngineer, productLine: m.byProductLine };
    return (q.dimension === 'all' ? m.all : by[q.dimension][q.value]) ?? emptySums();
  };
  return months.map((month, i) => ({ month, ...kpisOf(pick(rows[i]?.sums as MonthSums | undefined), targets) }));
}
