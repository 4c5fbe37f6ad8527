/** The KPI month workflow's signal and ids (sandbox-safe). */
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { KpiFact, MonthSums } from './facts';

export const kpiMonthWorkflowId = (month: string): string => `kpi:${month}`;
export const kpiFactSignal = defineSignal<[KpiFact]>('kpiFact');
/** Many facts at once, counted in order (the backfill of records from before the KPIs). */
export const kpiFactsSignal = defineSignal<[KpiFact[]]>('kpiFacts');
export const getKpiMonthQuery = defineQuery<MonthSums>('getKpiMonth');
