/**
 * serviceRequest: one long-lived workflow per customer service request (R-INTEGRATE-1).
 * Reads top to bottom as the process: intake → entitlement → offer to engineers → appointment →
 * visit (check-in, diagnosis, work) → sign-off → follow-up timer → follow-up → archive → closed.
 * Callers move it on through updates (handlers.ts); each step's rules and timers live in its module.
 */
import { allHandlersFinished, condition, continueAsNew, patched, workflowInfo } from '@temporalio/workflow';
import type { Actor } from '../../shared/common/actor';
import { requestFactOf } from '../../shared/kpi/facts';
import type { MaintenanceOrder } from '../../shared/maintenance/types';
import type { IntakeInput } from '../../shared/serviceRequest/schemas';
import type {
  EngineerCandidate,
  IntakeContext,
  RecurrenceOf,
  ServicePointRef,
  ServiceRequestView,
} from '../../shared/serviceRequest/types';
import type { RequestStatus } from '../../shared/serviceRequest/vocabulary';
import { masterDataReads, records } from './activityCalls';
import { remindBeforeEachVisit } from './appointment';
import { archived, awaitFollowUp, openFollowUpAction, releaseTripParts } from './closure';
import { waitForUnit } from './carryIn';
import { remindOfStorageCharges } from './carryInStorage';
import { recordAcceptance } from './commissioning';
import { claimContractAllowance, releaseContractVisit } from './contractAllowance';
import { escalateOverdueMaintenance } from './checklist';
import { expireUnansweredOffers, offerToBestEngineers } from './dispatch';
import { registerHandlers } from './handlers';
import { setContext, startRemoteGuidance, tellEarlierRequest } from './intake';
import { publishStepsInOrder } from './publishing';
import { remindThenExpireQuotations } from './quotation';
import { RequestState } from './request';
import { runSlaClocks } from './sla';
import { HISTORY_LIMITS } from './versions';

export interface StartServiceRequest {
  requestNo: string;
  intake: IntakeInput;
  receivedBy: Actor;
  /** R-FOLLOW-3: opened because the fault of this earlier request came back. */
  recurrenceOf?: RecurrenceOf;
  /** R-MAINT-1: opened by a maintenance plan, with its due date and checklist. */
  maintenance?: MaintenanceOrder;
  /** R-TRIAGE-2: a carry-in repair's service point, as read at intake. */
  servicePoint?: ServicePointRef;
  /** Set when the request continues as new: its state carries over and nothing is redone. */
  resume?: { view: ServiceRequestView; context: IntakeContext };
  /** Continue as new once the history has this many events (default: when the server suggests it). */
  continueAfterEvents?: number;
}
export interface ServiceRequestOutcome {
  requestNo: string;
  status: RequestStatus;
  archiveKey?: string;
}

export async function serviceRequest(input: StartServiceRequest): Promise<ServiceRequestOutcome> {
  const { workflowId } = workflowInfo();
  const resume = input.resume;
  const start = {
    requestNo: input.requestNo,
    workflowId,
    intake: input.intake,
    receivedBy: input.receivedBy,
    recurrenceOf: input.recurrenceOf,
    maintenance: input.maintenance,
  };
  const req = new RequestState(start, () => new Date(), resume);
  registerHandlers(req);
  const publisher = publishStepsInOrder(req, resume?.view.seq ?? 0);

  // Master data and candidates are independent reads: one round trip before the offer, not two.
  const { customerId, serialNumber, region } = input.intake;
  const rank = () =>
    masterDataReads(`rank engineers in ${region} for ${serialNumber}`).rankEngineers({
      region,
      serialNumber,
      excludeRequestNo: input.requestNo,
    });
  let candidates: EngineerCandidate[] = [];
  if (!resume) {
    const [context, ranked] = await Promise.all([
      masterDataReads(`load customer ${customerId}, unit ${serialNumber}, contract and policies`).loadIntakeContext({
        customerId,
        serialNumber,
        region,
      }),
      rank(),
    ]);
    setContext(req, context);
    candidates = ranked;
    if (input.recurrenceOf) await tellEarlierRequest(req);
    if (input.intake.kind === 'commissioning') req.view.commissioning = { required: true };
  }

  const clocks = runSlaClocks(req);
  if (!resume) await claimContractAllowance(req); // R-ENTITLE-1: may wait for a supervisor before dispatch
  // R-TRIAGE-1: a consultation, or a fault triage says needs no visit (003 §2.1.2 无需派工), is answered
  // remotely and offered to no field engineer unless that answer says a visit is needed after all.
  const remoteOnly = input.intake.kind === 'consultation' || input.intake.visitNeeded === false;
  const carryIn = input.intake.serviceMode === 'carry_in' && input.servicePoint;
  if (carryIn && req.status === 'received' && patched('carry-in-repair')) {
    // R-TRIAGE-2: nobody is dispatched; the request waits for the customer to bring the unit in.
    await waitForUnit(req, carryIn);
  } else if (
    (input.intake.remoteGuidanceFirst || (remoteOnly && patched('triage-no-visit'))) &&
    req.status === 'received'
  ) {
    startRemoteGuidance(req);
    await condition(() => req.status !== 'remote_guidance');
  }
  // Solved remotely, or cancelled, skips dispatch; otherwise rank again (workloads moved while we talked).
  if (req.status === 'received') offerToBestEngineers(req, req.view.remoteGuidance ? await rank() : candidates);
  const background = [clocks, expireUnansweredOffers(req), remindBeforeEachVisit(req), remindThenExpireQuotations(req)];
  if (req.view.maintenance) background.push(escalateOverdueMaintenance(req)); // requests opened by a plan only
  if (req.view.carryIn) background.push(remindOfStorageCharges(req)); // waits without a command until the unit is ready

  // A carry-in unit whose quotation expired is handed back before the request closes (R-TRIAGE-2).
  const visitsOver = () =>
    req.status === 'awaiting_follow_up' ||
    req.status === 'cancelled' ||
    (req.view.closedAs === 'quotation_expired' && req.status !== 'ready_for_collection');
  // A long request (many visits, reschedules, quotations) continues as new before its history grows too long:
  // when the server suggests it, or past our own limits.
  const historyLong = () => {
    const { continueAsNewSuggested, historyLength, historySize } = workflowInfo();
    const maxEvents = input.continueAfterEvents ?? HISTORY_LIMITS.events;
    return continueAsNewSuggested || historyLength > maxEvents || historySize > HISTORY_LIMITS.bytes;
  };
  const tooLong = () => !['received', 'remote_guidance'].includes(req.status) && !req.quoting && historyLong();
  await condition(() => visitsOver() || tooLong());
  if (!visitsOver()) {
    // From here on updates are turned away (503, retry) so that publishing drains even under a stream of them.
    req.moving = true;
    await condition(allHandlersFinished);
    await publisher.drain();
    return continueAsNew<typeof serviceRequest>({ ...input, resume: req.snapshot() });
  }
  if (req.view.closedAs === 'quotation_expired') {
    archived(
      req,
      await records('archive the closed request (kept at least 3 years)').archiveRequest({
        view: req.view,
        retentionDays: req.policy.archiveRetentionDays,
      }),
    );
  } else if (req.status === 'awaiting_follow_up') {
    if (req.view.commissioning?.required) await recordAcceptance(req); // the signed report accepts the installation
    await awaitFollowUp(req);
    const followUp = req.view.followUp!;
    if (followUp.overall < 8) await openFollowUpAction(req);
    // R-SETTLE-1: chargeable work is archived once it is paid or invoiced.
    await condition(() => !req.view.settlement || req.view.settlement.settled);
    // The retention of the policy version the request started with.
    archived(
      req,
      await records('archive the closed request (kept at least 3 years)').archiveRequest({
        view: req.view,
        retentionDays: req.policy.archiveRetentionDays,
      }),
    );
  } else if (req.status === 'cancelled') {
    // Compensation (R-PARTS-4): parts a trip reserved for this request go back to the warehouse.
    await releaseTripParts(req);
    await releaseContractVisit(req);
  }

  if (req.view.archiveKey) {
    // R-RECORD-3: counted once in its month's KPIs (the month workflow ignores a fact it has seen).
    await records(`count ${req.view.requestNo} in the KPIs`).reportKpiFact(requestFactOf(req.view));
  }
  await Promise.all(background);
  await publisher.drain();
  return { requestNo: req.view.requestNo, status: req.status, archiveKey: req.view.archiveKey };
}
