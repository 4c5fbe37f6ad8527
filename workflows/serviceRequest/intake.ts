/**
 * Intake (R-INTAKE-5/6, R-SLA-2/3): the request learns its master data and entitlement, starts its SLA
 * clocks, and may first be tried by remote guidance; an agent acknowledges it and gives the first
 * response.
 */
import { getExternalWorkflowHandle, patched } from '@temporalio/workflow';
import * as sla from '../../shared/sla/clocks';
import { serviceRequestWorkflowId } from '../../shared/serviceRequest/ids';
import { recurrenceReportedSignal } from '../../shared/serviceRequest/messages';
import type { Actor } from '../../shared/common/actor';
import { notAllowed } from '../../shared/common/failures';
import { calendarDay, decideEntitlement } from '../../shared/serviceRequest/entitlement';
import type { CustomerContact, CustomerMessage, RemoteGuidance } from '../../shared/serviceRequest/schemas';
import type { FaultReport } from '../../shared/iot/schemas';
import type { IntakeContext } from '../../shared/serviceRequest/types';
import { AFTER_VISIT_STATUSES } from '../../shared/serviceRequest/vocabulary';
import { SYSTEM } from '../common/processState';
import { records } from './activityCalls';
import type { RequestState } from './request';
import { stopClocks } from './sla';
import { hasMessage } from './historyWindow';

export function setContext(req: RequestState, ctx: IntakeContext): void {
  req.context = ctx;
  const { entitlement, reason } = decideEntitlement(
    req.view.intake.kind,
    ctx.unit,
    ctx.contract,
    calendarDay(req.view.receivedAt),
    req.view.recurrenceOf,
  );
  Object.assign(req.view, { customerName: ctx.customerName, unit: ctx.unit, entitlement, entitlementReason: reason });
  req.record(SYSTEM, 'entitlement_decided', { entitlement, reason, policyVersion: ctx.policy.version });
  if (ctx.sla && req.view.status !== 'cancelled') {
    // The request keeps this policy version for life; the clocks count from receipt, not from now.
    const { key, version, name } = ctx.sla;
    req.view.slaPolicy = { key, version, name };
    if (ctx.sla.calendar) {
      req.view.slaCalendar = ctx.sla.calendar; // R-SLA-6: readers count business time too
      if (patched('manager-escalation-business-hours')) ctx.sla.managerOnCalendar = true;
    }
    const exempt = ctx.slaExemptClocks ?? [];
    req.view.clocks = sla
      .startClocks(ctx.sla, req.view.intake.urgency, req.view.intake.kind, req.view.receivedAt)
      .filter((c) => !exempt.includes(c.name));
    req.record(SYSTEM, 'sla_clocks_started', {
      policy: `${key}@${version}`,
      ...(ctx.sla.calendar ? { calendar: `${ctx.sla.calendar.key}@${ctx.sla.calendar.version}` } : {}),
      clocks: req.view.clocks.map((c) => `${c.name}:${c.deadline}`),
      ...(exempt.length ? { exempt, reason: `region ${req.view.intake.region} is exempt (remote area)` } : {}),
    });
    req.clockRevision++;
  }
  if (req.view.status === 'cancelled') return; // cancelled while the context was loading: no welcome message
  req.tellCustomer('request_received', {
    no: req.view.requestNo,
    name: ctx.customerName,
    serial: ctx.unit.serialNumber,
    model: ctx.unit.model,
    entitlement,
    reason,
  });
}

/** R-INTAKE-5: triage says phone or video guidance may solve it; an agent tries first. */
export function startRemoteGuidance(req: RequestState): void {
  req.view.status = 'remote_guidance';
  req.record(SYSTEM, 'remote_guidance_started');
  req.notify(
    'agent',
    'remote_guidance',
    `Remote guidance for ${req.view.requestNo}`,
    `Please call ${req.view.intake.contactName} (${req.view.intake.contactPhone}) and guide them through the fault: ${req.view.intake.fault.symptoms}. Record whether it was solved.`,
  );
}

// R-INTAKE-5: the agent records how the remote guidance went.
export function checkRemoteGuidance(req: RequestState, actor: Actor, _r: RemoteGuidance): void {
  req.requireRole(actor, 'record remote guidance', 'agent', 'admin');
  req.requireStatus('record remote guidance', 'remote_guidance');
}

export function applyRemoteGuidance(req: RequestState, actor: Actor, r: RemoteGuidance): void {
  const at = req.now();
  req.view.remoteGuidance = { solved: r.solved, summary: r.summary, at: at.toISOString(), by: actor.id };
  req.record(actor, r.solved ? 'solved_remotely' : 'remote_guidance_failed', { summary: r.summary });
  stopClocks(req, ['acknowledge', 'response']);
  if (!r.solved) {
    req.view.status = 'received'; // the workflow ranks candidates again and dispatch continues
    return;
  }
  stopClocks(req, ['dispatch', 'arrival'], 'not_needed');
  stopClocks(req, ['resolution']);
  req.view.followUpDueAt = new Date(at.getTime() + req.policy.followUpDelayMs).toISOString();
  req.view.status = 'awaiting_follow_up';
  req.view.closedAs = 'solved_remotely';
  req.tellCustomer('solved_remotely', {
    no: req.view.requestNo,
    name: req.view.customerName,
    serial: req.view.unit?.serialNumber,
    summary: r.summary,
  });
}

// R-SLA-3: an agent acknowledges the request or gives the customer a first response.
export function checkCustomerContact(req: RequestState, actor: Actor, _c: CustomerContact): void {
  req.requireRole(actor, 'record a customer contact', 'agent', 'dispatcher', 'admin');
  if (AFTER_VISIT_STATUSES.includes(req.view.status))
    throw notAllowed(`request ${req.view.requestNo} is already ${req.view.status}`);
}

export function applyCustomerContact(req: RequestState, actor: Actor, c: CustomerContact): void {
  req.record(actor, c.kind === 'acknowledgement' ? 'acknowledged' : 'responded', { summary: c.summary });
  stopClocks(req, c.kind === 'acknowledgement' ? ['acknowledge'] : ['acknowledge', 'response']);
}

/** A message from the customer on another channel joins the history, once per sender's message id. */
export function recordCustomerMessage(req: RequestState, msg: CustomerMessage & { at: string; by: Actor }): void {
  if (hasMessage(req, 'customer_message', msg.messageId)) return;
  const { by, at: _at, ...detail } = msg;
  req.record(by, 'customer_message', detail);
}

/** A reading from IoT monitoring joins the history of the request it belongs to, once per message. */
export function recordFaultReading(req: RequestState, reading: FaultReport & { by: Actor }): void {
  if (hasMessage(req, 'fault_reading', reading.messageId)) return;
  const { by, siteAddress: _site, ...detail } = reading;
  req.record(by, 'fault_reading', detail);
}

/** R-FOLLOW-3: the earlier request learns that its fix did not hold (once per later request). */
export function recordRecurrence(req: RequestState, r: { requestNo: string; at: string }): void {
  const later = (req.view.recurrences ??= []);
  if (later.includes(r.requestNo)) return;
  later.push(r.requestNo);
  req.view.firstTimeFix = false;
  req.record(SYSTEM, 'fix_did_not_hold', { recurrence: r.requestNo, reportedAt: r.at });
}

/** Tells the earlier request that its fault came back; one that has ended is linked through the read model. */
export async function tellEarlierRequest(req: RequestState): Promise<void> {
  const earlier = req.view.recurrenceOf!.requestNo;
  try {
    await getExternalWorkflowHandle(serviceRequestWorkflowId(earlier)).signal(recurrenceReportedSignal, {
      requestNo: req.view.requestNo,
      at: req.view.receivedAt,
    });
    req.record(SYSTEM, 'linked_to_earlier_request', { earlier, told: true });
  } catch {
    req.record(SYSTEM, 'linked_to_earlier_request', { earlier, told: false, why: 'its workflow has ended' });
    // Its read model row and archive record take the fix back instead (it was counted as a first-time fix).
    if (patched('ended-earlier-request-fix-taken-back'))
      await records(`${earlier}: its fix did not hold`).recordFixDidNotHold({
        requestNo: earlier,
        later: req.view.requestNo,
      });
  }
  // R-RECORD-3: the earlier request's first-time fix is taken back in the month it was counted.
  const month = req.view.recurrenceOf!.signedOffAt.slice(0, 7);
  await records(`take back the first-time fix of ${earlier}`).reportKpiFact({
    type: 'recurrence',
    ref: earlier,
    month,
    by: req.view.requestNo,
  });
}
