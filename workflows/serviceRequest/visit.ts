/**
 * The visit (R-VISIT-2..4, R-QUOTE-2): check-in with identity shown, diagnosis confirmed with the
 * customer, the work (chargeable work only as approved), or another visit needed.
 */
import { pendingChecks } from './checklist';
import { requireCommissioningRecord } from './commissioning';
import type { Actor } from '../../shared/common/actor';
import { notAllowed } from '../../shared/common/failures';
import { settleAgainst } from '../../shared/quotation/pricing';
import type { Diagnosis, EndVisit, WorkRecord } from '../../shared/serviceRequest/schemas';
import { ActivityFailure } from '@temporalio/common';
import { records } from './activityCalls';

type WorkComponents = NonNullable<WorkRecord['components']>;
import { readyForCollection, refuseVisitOfCarryIn } from './carryIn';
import { ON_SITE, type RequestState } from './request';
import { prepareSettlement } from './settlement';
import { CUSTOMER_APPOINTMENT, resumeClocks, stopClocks } from './sla';
import { requireRoom } from './limits';

export function checkCheckIn(req: RequestState, actor: Actor, identityShown: boolean): void {
  req.requireStatus('check in on site', 'scheduled');
  req.requireAssignedEngineer(actor);
  if (!identityShown) throw notAllowed('check-in requires showing identity to the customer (identityShown: true)');
  requireRoom(req.view.requestNo, 'visits', req.view.visits?.length ?? 0);
}

export function applyCheckIn(req: RequestState, actor: Actor): void {
  const at = req.now().toISOString();
  req.view.checkedInAt ??= at; // the first arrival
  req.view.status = 'on_site';
  const visits = (req.view.visits ??= []);
  visits.push({
    no: visits.length + 1,
    checkedInAt: at,
    ...(req.view.appointment ? { appointment: req.view.appointment } : {}),
  });
  req.record(actor, 'checked_in', { identityShown: true, visitNo: visits.length });
  resumeClocks(req, CUSTOMER_APPOINTMENT);
  stopClocks(req, ['arrival']);
}

export function checkDiagnosis(req: RequestState, actor: Actor, d: Diagnosis): void {
  req.requireStatus('record a diagnosis', 'on_site', 'unit_received', 'diagnosed');
  req.requireAssignedEngineer(actor);
  if (!d.faultConfirmedWithCustomer)
    throw notAllowed('the fault must be confirmed with the customer before diagnosis is recorded');
}

export function applyDiagnosis(req: RequestState, actor: Actor, d: Diagnosis): void {
  req.view.diagnosis = d;
  req.view.status = 'diagnosed';
  req.record(actor, 'diagnosed', { ...d, visitNo: req.view.visits?.length ?? 1 });
  if (d.faultClass === 'misuse' && (req.view.entitlement === 'free' || req.view.entitlement === 'contract')) {
    // R-INTAKE-6: misuse is not covered; the work becomes paid and needs a quotation first.
    const from = req.view.entitlement;
    req.view.entitlement = 'paid';
    req.view.entitlementReason = `misuse found on site: ${d.findings}`;
    req.record(actor, 'entitlement_changed', { from, to: 'paid', reason: req.view.entitlementReason });
    req.tellCustomer('entitlement_changed', {
      no: req.view.requestNo,
      findings: d.findings,
      contract: from !== 'free',
    });
  }
}

export function checkWork(req: RequestState, actor: Actor, w: WorkRecord): void {
  const pending = pendingChecks(req); // R-MAINT-1: only requests opened by a maintenance plan have any
  if (pending.length) throw notAllowed(`record the maintenance checklist first; still open: ${pending.join(', ')}`);
  requireCommissioningRecord(req); // R-VISIT-7: only commissioning visits started after `commissioning-report`
  if (req.quotationRequired) {
    checkChargeableWork(req, actor, w);
  } else {
    if (req.view.status === 'on_site' && req.view.diagnosis && (req.view.visits?.length ?? 0) > 1) {
      // a later visit works on the diagnosis of an earlier one
    } else if (req.view.status === 'on_site' && req.view.commissioning?.required) {
      // commissioning: nothing is broken, so no diagnosis; its checks are the record (required above)
    } else {
      req.requireStatus('record work', 'diagnosed');
    }
    req.requireAssignedEngineer(actor);
  }
  req.requireNoOpenSupport('record the work');
  if (!w.functionalTestPassed)
    throw notAllowed('work can be completed only after a passed functional test (functionalTestPassed: true)');
}

/** R-QUOTE-2/4/5: chargeable work only on an approved quotation, and only what it approved. */
export function checkChargeableWork(req: RequestState, actor: Actor, w: WorkRecord): void {
  const pending = req.pendingQuotation;
  if (pending) throw notAllowed(`work waits for the customer's approval of quotation v${pending.version}`);
  const approved = req.approvedQuotation;
  if (!approved)
    throw notAllowed(`chargeable work needs an approved quotation first (entitlement: ${req.view.entitlement})`);
  const laterVisit = req.view.status === 'on_site' && (req.view.visits?.length ?? 0) > 1;
  if (!laterVisit) req.requireStatus('record chargeable work', 'repairing');
  req.requireAssignedEngineer(actor);
  const { notApproved } = settleAgainst(approved.lines, w.used ?? approved.lines);
  if (notApproved.length) {
    // A revision replaces the whole scope (R-QUOTE-4): lines of an earlier version are not carried over.
    const earlier = notApproved.filter((code) =>
      req.view.quotations!.some((q) => q.version < approved.version && q.lines.some((l) => l.code === code)),
    );
    throw notAllowed(
      earlier.length
        ? `${notApproved.join(', ')} not in the approved quotation v${approved.version}: a revision replaces the whole scope, so v${approved.version} no longer includes ${earlier.join(', ')} of an earlier version; submit a revised quotation listing every line of the job`
        : `${notApproved.join(', ')} not in the approved quotation v${approved.version}: submit a revised quotation first`,
    );
  }
}

export function applyWork(req: RequestState, actor: Actor, w: WorkRecord): void {
  req.view.work = w;
  req.view.status = 'work_done';
  req.record(actor, 'work_recorded', { ...w });
  if (req.quotationRequired) prepareSettlement(req, w);
  if (req.view.carryIn) readyForCollection(req, true); // R-TRIAGE-2: signed for at the counter
}

// R-VISIT-4: a visit can end without finishing the job; the request goes back to scheduling.
export function checkEndVisit(req: RequestState, actor: Actor, _e: EndVisit): void {
  refuseVisitOfCarryIn(req, 'second visit: the unit stays at the service point until it is repaired');
  req.requireStatus('end a visit', ...ON_SITE);
  req.requireAssignedEngineer(actor);
}

export function applyEndVisit(req: RequestState, actor: Actor, e: EndVisit): void {
  const visit = req.endCurrentVisit('another_visit_needed', e.reason, e.needs);
  req.view.appointment = undefined;
  req.view.status = 'assigned';
  req.record(actor, 'visit_ended', {
    visitNo: visit?.no,
    outcome: 'another_visit_needed',
    reason: e.reason,
    needs: e.needs,
    durationMinutes: visit?.durationMinutes,
  });
  req.tellCustomer('another_visit_needed', { no: req.view.requestNo, reason: e.reason });
}

/**
 * R-ASSET-1: the components the work replaced become the installed ones (an activity, once per request and
 * component). A component the request already replaced with another serial stays as it is, and that is recorded.
 */
export async function replaceWorkComponents(
  req: RequestState,
  actor: Actor,
  components: WorkComponents,
): Promise<void> {
  const day = req.now().toISOString().slice(0, 10);
  const which = components.map((c) => `${c.assetId} → ${c.newSerial}`).join(', ');
  try {
    await records(`install the replaced components: ${which}`).replaceComponents({
      requestNo: req.view.requestNo,
      by: actor.id,
      day,
      components,
    });
    req.record(actor, 'components_replaced', { components });
  } catch (err) {
    const reason = err instanceof ActivityFailure && err.cause instanceof Error ? err.cause.message : String(err);
    req.record(actor, 'components_not_replaced', { components, reason });
  }
}
