/**
 * Appointment (R-VISIT-1, R-DISPATCH-4): agree or change the window with the customer's consent, then
 * remind the customer and ask the engineer to call before each visit.
 */
import { condition } from '@temporalio/workflow';
import type { Actor } from '../../shared/common/actor';
import { notAllowed } from '../../shared/common/failures';
import type { Appointment } from '../../shared/serviceRequest/schemas';
import { AFTER_VISIT_STATUSES } from '../../shared/serviceRequest/vocabulary';
import { SYSTEM } from '../common/processState';
import type { RequestState } from './request';
import { waitForCustomersWindow } from './sla';

export function appointmentReminder(req: RequestState): void {
  req.record(SYSTEM, 'appointment_reminder_sent');
  req.tellCustomer('appointment_reminder', {
    no: req.view.requestNo,
    from: req.view.appointment?.windowStart,
    to: req.view.appointment?.windowEnd,
  });
}

export function engineerCallReminder(req: RequestState): void {
  req.record(SYSTEM, 'engineer_call_reminder_sent');
  req.notify(
    'engineer',
    'call_customer',
    `Call the customer before arriving: ${req.view.requestNo}`,
    `Please call ${req.view.intake.contactName} (${req.view.intake.contactPhone}) now; the visit window starts at ${req.view.appointment?.windowStart}.`,
    req.view.engineerId,
  );
}

export function checkAppointment(req: RequestState, actor: Actor, a: Appointment): void {
  req.requireStatus('agree an appointment', 'assigned', 'scheduled');
  req.requireAssignedEngineerOr(actor, 'dispatcher', 'admin');
  if (!a.customerConsent) throw notAllowed("an appointment needs the customer's consent (customerConsent: true)");
  if (req.view.entitlement !== 'free' && !a.chargingPolicyExplained) {
    throw notAllowed(
      `outside warranty (${req.view.entitlement}) the charging policy must be explained first (chargingPolicyExplained: true)`,
    );
  }
  if (Date.parse(a.windowEnd) <= Date.parse(a.windowStart)) throw notAllowed('windowEnd must be after windowStart');
  if (req.view.status === 'scheduled' && !a.reason?.trim()) {
    throw notAllowed("a reschedule needs a reason (reason), and the customer's consent");
  }
}

export function applyAppointment(req: RequestState, actor: Actor, a: Appointment): void {
  const rescheduled = req.view.status === 'scheduled';
  req.view.appointment = a;
  delete req.view.proposedAppointment; // agreed now: an earlier proposal is moot
  req.view.appointmentSeq = (req.view.appointmentSeq ?? 0) + 1;
  req.view.status = 'scheduled';
  req.record(actor, rescheduled ? 'appointment_changed' : 'appointment_agreed', {
    ...a,
    visitNo: (req.view.visits?.length ?? 0) + 1,
  });
  waitForCustomersWindow(req, a);
  req.tellCustomer('appointment', {
    no: req.view.requestNo,
    from: a.windowStart,
    to: a.windowEnd,
    minutes: a.estimatedDurationMinutes,
    rescheduled,
  });
  if (actor.id !== req.view.engineerId) {
    // set by a dispatcher: the engineer must hear of it
    req.notify(
      'engineer',
      'appointment',
      `Visit ${rescheduled ? 'rescheduled' : 'scheduled'} for ${req.view.requestNo}`,
      `Visit window ${a.windowStart} – ${a.windowEnd} at ${req.view.intake.siteAddress}. Bring: ${a.toolsAndParts.join(', ') || 'standard kit'}.`,
      req.view.engineerId,
    );
  }
}

/**
 * R-VISIT-1 for every visit (R-VISIT-4): before each agreed window remind the customer and ask the
 * engineer to call. A changed window re-arms both; a later visit gets its own reminders.
 */
export async function remindBeforeEachVisit(req: RequestState): Promise<void> {
  let planned: number | undefined;
  const finished = () => AFTER_VISIT_STATUSES.includes(req.status);
  for (;;) {
    await condition(() => (req.status === 'scheduled' && req.view.appointmentSeq !== planned) || finished());
    if (finished()) return;
    const seq = req.view.appointmentSeq;
    planned = seq;
    const start = Date.parse(req.view.appointment!.windowStart);
    const visit = (req.view.visits?.length ?? 0) + 1;
    const reminders = [
      {
        at: start - req.policy.appointmentReminderLeadMs,
        send: () => appointmentReminder(req),
        summary: `remind the customer of visit ${visit}`,
      },
      {
        at: start - req.policy.engineerCallLeadMs,
        send: () => engineerCallReminder(req),
        summary: `ask ${req.view.engineerId} to call the customer before visit ${visit}`,
      },
    ].sort((a, b) => a.at - b.at);
    for (const reminder of reminders) {
      const waitMs = reminder.at - Date.now();
      if (waitMs <= 0) continue; // agreed too late for this reminder: a late "reminder" would only confuse
      const moved = () => req.status !== 'scheduled' || req.view.appointmentSeq !== seq;
      if (await condition(moved, waitMs, { summary: reminder.summary })) break;
      reminder.send();
    }
  }
}
