/** The KPI month workflow's signal and ids (sandbox-safe). */
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { KpiFact, MonthSums } from './facts';

export const kpiMonthWorkflowId = (month: string): string => `kpi:${month}`;
export const kpiFactSignal = defineSignal<[KpiFact]>('kpiFact');
/** Many facts at once, counted in order; a fact already counted is ignored, so a batch sent again counts nothing twice. */
export const kpiFactsSignal = defineSignal<[KpiFact[]]>('kpiFacts');
export const getKpiMonthQuery = defineQuery<MonthSums>('getKpiMonth');
