/**
 * Versions of the serviceRequest workflow's logic. Requests started before a patch keep the old
 * behaviour when their history replays; `patched()` records which one a request runs, and a request
 * that continues as new carries its features along. Every released version has a replay fixture in
 * test/fixtures (see test/workflow/replay.test.ts).
 */
import { patched } from '@temporalio/workflow';

export const PATCHES = {
  /** SLA clocks, offer deadlines, reassignment at any time, remote guidance, multi-visit, technical support. */
  slaClocksDispatch: 'sla-clocks-dispatch',
  /** Quotations with approval, reminders and expiry; settlement and payment before the archive. */
  quotations: 'quotations',
  /** Cancelling a request releases its trip reservation from the workflow (was: from the HTTP handler). */
  cancelReleasesTrip: 'cancel-releases-trip',
} as const;

export interface StateFeatures {
  /** SLA clocks, offer deadlines, remote guidance and multi-visit (requests started after `sla-clocks-dispatch`). */
  slaClocks: boolean;
  /** Quotations, approval, settlement and payment (requests started after `quotations`). */
  quotations?: boolean;
}

/** The features of this run: from the patches its history took, or carried over by continue-as-new. */
export function featuresOf(resumed?: StateFeatures): StateFeatures {
  const slaClocks = resumed ? resumed.slaClocks : patched(PATCHES.slaClocksDispatch);
  const quotations = resumed ? !!resumed.quotations : slaClocks && patched(PATCHES.quotations);
  return { slaClocks, quotations };
}
