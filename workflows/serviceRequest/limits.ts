/**
 * The documented bounds of one request (docs/api.md, "Limits"): what a run carries must stay far below
 * Temporal's 2 MB payload limit, so an update that would pass a bound is refused (409, saying which)
 * instead of growing the state until Temporal ends the run.
 */
import { notAllowed } from '../../shared/common/failures';
import { ATTACHMENTS_PER_REQUEST } from '../../shared/serviceRequest/attachments';

export const REQUEST_LIMITS = {
  /** Recorded steps (history entries) of one request, the system's own included. */
  steps: 3_000,
  visits: 30,
  quotationVersions: 20,
  supportRequests: 30,
  /** Photos and documents (and 60 MB in all: shared/serviceRequest/attachments.ts). */
  attachments: ATTACHMENTS_PER_REQUEST,
  /** Payments and deposits together. */
  payments: 100,
};

export type LimitName = keyof typeof REQUEST_LIMITS;

const WHAT: Record<LimitName, string> = {
  steps: 'recorded steps',
  visits: 'visits',
  quotationVersions: 'quotation versions',
  supportRequests: 'technical-support requests',
  attachments: 'attachments',
  payments: 'payments',
};

/** 409 once `count` has reached the bound: nothing is recorded. */
export function requireRoom(requestNo: string, limit: LimitName, count: number): void {
  const max = REQUEST_LIMITS[limit];
  if (count >= max) {
    throw notAllowed(
      `request ${requestNo} has reached its limit of ${max} ${WHAT[limit]} (limit: ${limit}); open a linked request for further work`,
    );
  }
}
