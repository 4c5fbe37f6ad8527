/** The suggestion workflow's query and update, defined once (sandbox-safe). */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../common/actor';
import type { SuggestionReviewInput } from './schemas';
import type { SuggestionStatus, SuggestionView } from './types';

export interface SuggestionAnswer {
  suggestionNo: string;
  status: SuggestionStatus;
  seq: number;
  improvementActionId?: string;
}
export const getSuggestionQuery = defineQuery<SuggestionView>('getSuggestion');
export const reviewSuggestionUpdate = defineUpdate<SuggestionAnswer, [Actor, SuggestionReviewInput]>(
  'reviewSuggestion',
);
