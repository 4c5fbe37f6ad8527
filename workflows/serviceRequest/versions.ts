/**
 * Versions of the serviceRequest workflow's logic. Requests started before a patch keep the old
 * behaviour when their history replays; `patched()` records which one a request runs, and a request
 * that continues as new carries its features along. Every released version has a replay fixture in
 * test/fixtures (see test/workflow/replay.test.ts).
 */
import { patched } from '@temporalio/workflow';
import { KPI_FACTS } from '../common/patches';

export const PATCHES = {
  /** SLA clocks, offer deadlines, reassignment at any time, remote guidance, multi-visit, technical support. */
  slaClocksDispatch: 'sla-clocks-dispatch',
  /** Quotations with approval, reminders and expiry; settlement and payment before the archive. */
  quotations: 'quotations',
  /** Cancelling a request releases its trip reservation from the workflow (was: from the HTTP handler). */
  cancelReleasesTrip: 'cancel-releases-trip',
  /** Continue as new past our own history limits too, not only when the server suggests it. */
  boundedHistory: 'bounded-history',
  /** A follow-up below 8 starts an improvementAction workflow (was: a row nobody could progress). */
  improvementWorkflow: 'improvement-workflow',
  /** A commissioning request records its checks and parameters before the work; its acceptance sets the installation date. */
  commissioningReport: 'commissioning-report',
  /** A finished request reports its KPI fact (and a recurrence takes the first-time fix back). */
  kpiFacts: KPI_FACTS,
  /**
   * Intake's master-data reads and the ranking run as normal activities (were: local activities inside the
   * first workflow task, which then lasted as long as the reads, over 1 s under load; decision 0007).
   */
  intakeReadsAsActivities: 'intake-reads-as-activities',
  /** Old history entries move out of the run's state to the database (HISTORY_WINDOW), so no payload nears 2 MB. */
  historyWindow: 'history-window',
} as const;

/** A run continues as new past this many events or bytes of history (the server's hard limit is 50 MB). */
export const HISTORY_LIMITS = { events: 4_000, bytes: 4 * 1024 * 1024 };

export interface StateFeatures {
  /** SLA clocks, offer deadlines, remote guidance and multi-visit (requests started after `sla-clocks-dispatch`). */
  slaClocks: boolean;
  /** Quotations, approval, settlement and payment (requests started after `quotations`). */
  quotations?: boolean;
  /** Continues as new past HISTORY_LIMITS (requests started after `bounded-history`). */
  boundedHistory?: boolean;
  /** Moves old history entries out of the state (requests started after `history-window`). */
  historyWindow?: boolean;
}

/** The features of this run: from the patches its history took, or carried over by continue-as-new. */
export function featuresOf(resumed?: StateFeatures): StateFeatures {
  const slaClocks = resumed ? resumed.slaClocks : patched(PATCHES.slaClocksDispatch);
  const quotations = resumed ? !!resumed.quotations : slaClocks && patched(PATCHES.quotations);
  return { slaClocks, quotations };
}
