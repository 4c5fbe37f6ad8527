/** Every update and query of the improvementAction workflow, defined once (sandbox-safe). */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../common/actor';
import type { ImprovementView } from './types';

export interface ImprovementAnswer {
  actionId: string;
  status: ImprovementView['status'];
  seq: number;
}
export const getImprovementQuery = defineQuery<ImprovementView>('getImprovement');
export const startWorkUpdate = defineUpdate<ImprovementAnswer, [Actor, { note?: string }]>('startWork');
export const addNoteUpdate = defineUpdate<ImprovementAnswer, [Actor, { note: string }]>('addNote');
export const markDoneUpdate = defineUpdate<ImprovementAnswer, [Actor, { outcome: string }]>('markDone');
export const verifyUpdate = defineUpdate<ImprovementAnswer, [Actor, { note?: string }]>('verify');
export const rejectUpdate = defineUpdate<ImprovementAnswer, [Actor, { reason: string }]>('reject');
export const reassignUpdate = defineUpdate<
  ImprovementAnswer,
  [Actor, { ownerId: string; ownerEmail?: string; reason: string }]
>('reassign');
