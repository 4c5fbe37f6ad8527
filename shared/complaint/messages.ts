/** Every update and query of the complaint workflow, defined once (sandbox-safe). */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../common/actor';
import type { IntakeInput } from '../serviceRequest/schemas';
import type { ComplaintView, Investigation, ResponsibleParty } from './types';

export interface ComplaintAnswer {
  complaintNo: string;
  status: ComplaintView['status'];
  seq: number;
  /** A revisit: the service request it opened. */
  requestNo?: string;
}
/** A revisit as the workflow receives it: the new request's intake, prefilled by the service from the original. */
export interface RevisitOrder {
  requestNo: string;
  intake: IntakeInput;
  summaryTail: string;
  details: string;
}
export const getComplaintQuery = defineQuery<ComplaintView>('getComplaint');
export const acknowledgeComplaintUpdate = defineUpdate<ComplaintAnswer, [Actor, { summary: string }]>(
  'acknowledgeComplaint',
);
export const respondComplaintUpdate = defineUpdate<ComplaintAnswer, [Actor, { summary: string }]>('respondComplaint');
export const investigateUpdate = defineUpdate<
  ComplaintAnswer,
  [Actor, Omit<Investigation, 'at' | 'by'> & { responsibleParty: ResponsibleParty }]
>('investigate');
export const proposeResolutionUpdate = defineUpdate<ComplaintAnswer, [Actor, { resolution: string }]>(
  'proposeResolution',
);
export const decideResolutionUpdate = defineUpdate<
  ComplaintAnswer,
  [Actor, { version: number; accept: boolean; reason?: string }]
>('decideResolution');
export const orderRevisitUpdate = defineUpdate<ComplaintAnswer, [Actor, RevisitOrder]>('orderRevisit');
export const recordComplaintFollowUpUpdate = defineUpdate<
  ComplaintAnswer,
  [Actor, { overall: number; comment?: string }]
>('recordComplaintFollowUp');
export const withdrawComplaintUpdate = defineUpdate<ComplaintAnswer, [Actor, { reason: string }]>('withdrawComplaint');
