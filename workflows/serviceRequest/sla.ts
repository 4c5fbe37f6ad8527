/**
 * SLA clocks of a request (R-SLA-1..5): started at intake, stopped by the steps they measure, paused
 * while the customer decides or chose a later window; one durable timer fires warnings, breaches and
 * the manager's escalation at their exact moments.
 */
import { condition } from '@temporalio/workflow';
import * as sla from '../../shared/sla/clocks';
import type { Appointment } from '../../shared/serviceRequest/schemas';
import type { ClockName } from '../../shared/sla/types';
import { SYSTEM } from '../common/processState';
import type { RequestState } from './request';

/** Clocks that wait with the customer while they chose a later appointment (R-SLA-5). */
export const CUSTOMER_APPOINTMENT = 'customer_chose_later_appointment';
export const APPOINTMENT_DEPENDENT: ClockName[] = ['arrival', 'resolution'];

/** The business calendar the request's clocks count on (R-SLA-6), kept from intake. */
const calendarOf = (req: RequestState) => req.context?.sla?.calendar;

export function nextClockEventAt(req: RequestState): number | undefined {
  return req.context?.sla ? sla.nextEventAt(req.clocks, req.context.sla) : undefined;
}

/** Fires every clock event due now: warn the owner, escalate a breach to the supervisor, then the manager. */
export function fireClockEvents(req: RequestState): void {
  const policy = req.context?.sla;
  if (!policy) return;
  for (const e of sla.fireDue(req.clocks, policy, req.now().getTime())) {
    const c = e.clock;
    const at = new Date(e.at).toISOString();
    switch (e.kind) {
      case 'resume':
        req.record(SYSTEM, 'sla_clock_resumed', { clock: c.name, pausedMs: c.pausedMs, deadline: c.deadline });
        if (req.view.waitingOn === 'customer' && !req.clocks.some(sla.isPaused)) delete req.view.waitingOn;
        break;
      case 'warning': {
        req.record(SYSTEM, 'sla_warning', { clock: c.name, at, deadline: c.deadline });
        const engineerOwned = (c.name === 'arrival' || c.name === 'resolution') && req.view.engineerId;
        req.notify(
          engineerOwned ? 'engineer' : 'agent',
          'sla_warning',
          `SLA warning: ${c.name} of ${req.view.requestNo}`,
          `The ${c.name} deadline of request ${req.view.requestNo} (${req.view.intake.urgency}) is ${c.deadline}; ${Math.round((1 - policy.warnAtShare) * 100)}% of its budget is left.`,
          engineerOwned ? req.view.engineerId : undefined,
        );
        break;
      }
      case 'breach':
        req.record(SYSTEM, 'sla_breached', { clock: c.name, deadline: at, escalatedTo: 'supervisor' });
        req.notify(
          'supervisor',
          'sla_breached',
          `SLA breached: ${c.name} of ${req.view.requestNo}`,
          `The ${c.name} deadline of request ${req.view.requestNo} (${req.view.intake.urgency}, region ${req.view.intake.region}) passed at ${at}. Status: ${req.view.status}${req.view.engineerId ? `, engineer ${req.view.engineerId}` : ''}.`,
        );
        break;
      case 'manager':
        req.record(SYSTEM, 'sla_escalated', { clock: c.name, breachedAt: c.breachedAt, escalatedTo: 'manager' });
        req.notify(
          'manager',
          'sla_escalated',
          `SLA escalation: ${c.name} of ${req.view.requestNo}`,
          `The ${c.name} deadline of request ${req.view.requestNo} passed at ${c.breachedAt} and the clock still runs. The supervisor was told at the breach.`,
        );
        break;
    }
  }
}

export function stopClocks(req: RequestState, names: readonly ClockName[], outcome?: 'not_needed' | 'cancelled'): void {
  const stopped = sla.stopClocks(req.clocks, names, req.now().getTime(), outcome, calendarOf(req));
  if (stopped.length === 0) return;
  req.clockRevision++;
  req.record(SYSTEM, 'sla_clocks_stopped', {
    clocks: stopped.map((c) => ({
      clock: c.name,
      outcome: c.outcome,
      ...(c.overrunMs !== undefined ? { overrunMs: c.overrunMs } : {}),
    })),
  });
}

export function pauseClocks(req: RequestState, names: ClockName[], reason: string, until?: number): void {
  const paused = sla.pauseClocks(req.clocks, names, reason, req.now().getTime(), until, calendarOf(req));
  if (paused.length === 0) return;
  req.clockRevision++;
  req.view.waitingOn = 'customer';
  req.record(SYSTEM, 'sla_clocks_paused', {
    clocks: paused.map((c) => c.name),
    reason,
    ...(until ? { until: new Date(until).toISOString() } : {}),
  });
}

export function resumeClocks(req: RequestState, reason: string): void {
  const resumed = sla.resumeClocks(req.clocks, req.now().getTime(), reason, calendarOf(req));
  if (req.view.waitingOn === 'customer') delete req.view.waitingOn;
  if (resumed.length === 0) return;
  req.clockRevision++;
  req.record(SYSTEM, 'sla_clocks_resumed', {
    clocks: resumed.map((c) => ({ clock: c.name, pausedMs: c.pausedMs, deadline: c.deadline })),
    reason,
  });
}

/**
 * R-SLA-5: when the customer chose a window that starts after the deadline the visit serves (arrival;
 * on a later visit, resolution), the arrival and resolution clocks wait with them until the window
 * starts (or the engineer checks in earlier).
 */
export function waitForCustomersWindow(req: RequestState, a: Appointment): void {
  resumeClocks(req, CUSTOMER_APPOINTMENT); // a new window replaces an earlier wait
  // The earliest deadline the visit serves: arrival on a first visit, resolution on a later one.
  const deadlines = req.clocks
    .filter((c) => APPOINTMENT_DEPENDENT.includes(c.name) && sla.isRunning(c) && c.deadline)
    .map((c) => Date.parse(c.deadline!));
  const start = Date.parse(a.windowStart);
  if (!a.customerChoseTime || deadlines.length === 0 || start <= Math.min(...deadlines)) return;
  pauseClocks(req, APPOINTMENT_DEPENDENT, CUSTOMER_APPOINTMENT, start);
}

/**
 * R-SLA-4: one durable timer for the earliest thing due on any clock (warning, breach, manager
 * escalation, end of a customer wait). Any pause, resume or stop re-plans it. Each event fires at its
 * exact moment, across worker restarts, because the timer lives in the Temporal server.
 */
export async function runSlaClocks(req: RequestState): Promise<void> {
  for (;;) {
    if (req.clocksDone) return;
    const revision = req.clockRevision;
    const changed = () => req.clockRevision !== revision || req.clocksDone;
    const at = nextClockEventAt(req);
    if (at === undefined) {
      await condition(changed);
      continue;
    }
    const waitMs = at - Date.now();
    const summary = `SLA clocks: next warning, breach or escalation (${clockNamesRunning(req)})`;
    if (waitMs > 0 && (await condition(changed, waitMs, { summary }))) continue;
    fireClockEvents(req);
  }
}

const clockNamesRunning = (req: RequestState) =>
  req.clocks
    .filter((c) => sla.isRunning(c))
    .map((c) => c.name)
    .join(', ');
