/**
 * A complaint's SLA clocks (R-SLA-3): acknowledged within 1 h, first response within 24 h, from its SLA
 * policy; one durable timer fires warnings, breaches (to the supervisor) and the manager's escalation
 * at their exact moments, as for a request's clocks.
 */
import { condition } from '@temporalio/workflow';
import * as sla from '../../shared/sla/clocks';
import type { ClockName } from '../../shared/sla/types';
import { SYSTEM } from '../common/processState';
import type { ComplaintState } from './state';

export const COMPLAINT_CLOCKS: ClockName[] = ['acknowledge', 'response'];

export function startComplaintClocks(c: ComplaintState): void {
  const policy = c.context!.sla;
  c.view.slaPolicy = { key: policy.key, version: policy.version };
  c.view.clocks = sla
    .startClocks(policy, 'general', 'complaint', c.view.receivedAt)
    .filter((k) => COMPLAINT_CLOCKS.includes(k.name));
  c.record(SYSTEM, 'sla_clocks_started', {
    policy: `${policy.key}@${policy.version}`,
    clocks: c.view.clocks.map((k) => `${k.name}:${k.deadline}`),
  });
}

export function stopComplaintClock(c: ComplaintState, name: ClockName, outcome?: 'cancelled'): void {
  const stopped = sla.stopClocks(c.view.clocks, [name], c.now().getTime(), outcome, c.context?.sla.calendar);
  if (!stopped.length) return;
  c.clockRevision++;
  c.record(SYSTEM, 'sla_clocks_stopped', {
    clocks: stopped.map((k) => ({
      clock: k.name,
      outcome: k.outcome,
      ...(k.overrunMs ? { overrunMs: k.overrunMs } : {}),
    })),
  });
}

function fire(c: ComplaintState): void {
  const no = c.view.complaintNo;
  for (const e of sla.fireDue(c.view.clocks, c.context!.sla, c.now().getTime())) {
    const k = e.clock;
    if (e.kind === 'warning') {
      c.record(SYSTEM, 'sla_warning', { clock: k.name, deadline: k.deadline });
      c.tell(
        'agent',
        'complaint_sla_warning',
        `Complaint ${no}: ${k.name} due ${k.deadline}`,
        `Complaint ${no} must have its ${k.name} by ${k.deadline}.`,
      );
    } else if (e.kind === 'breach') {
      c.record(SYSTEM, 'sla_breached', { clock: k.name, deadline: k.deadline, escalatedTo: 'supervisor' });
      c.tell(
        'supervisor',
        'complaint_sla_breached',
        `SLA breached: ${k.name} of complaint ${no}`,
        `The ${k.name} deadline of complaint ${no} passed at ${k.deadline}. Status: ${c.view.status}.`,
      );
    } else if (e.kind === 'manager') {
      c.record(SYSTEM, 'sla_escalated', { clock: k.name, breachedAt: k.breachedAt, escalatedTo: 'manager' });
      c.tell(
        'manager',
        'complaint_sla_escalated',
        `SLA escalation: ${k.name} of complaint ${no}`,
        `The ${k.name} deadline of complaint ${no} passed at ${k.breachedAt} and it is still not done.`,
      );
    }
  }
}

/** One timer for the earliest thing due on any clock; re-planned whenever a clock stops. */
export async function runComplaintClocks(c: ComplaintState): Promise<void> {
  for (;;) {
    if (c.clocksDone) return;
    const revision = c.clockRevision;
    const changed = () => c.clockRevision !== revision || c.clocksDone;
    const at = sla.nextEventAt(c.view.clocks, c.context!.sla);
    if (at === undefined) {
      await condition(changed);
      continue;
    }
    const waitMs = at - Date.now();
    if (
      waitMs > 0 &&
      (await condition(changed, waitMs, { summary: 'complaint SLA: next warning, breach or escalation' }))
    )
      continue;
    fire(c);
  }
}
