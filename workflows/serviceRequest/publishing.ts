/**
 * Publishing: every state change (from the main flow or a handler) bumps `seq`; one loop writes the read
 * model, the outbox and the search attributes for it, in order, coalescing changes that arrive together.
 */
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { setCurrentDetails, upsertSearchAttributes } from '@temporalio/workflow';
import { eventsOf } from '../../shared/serviceRequest/events';
import { nextDeadlineOf, summaryOf, type RequestSummary } from '../../shared/serviceRequest/readModel';
import { SA } from '../../shared/serviceRequest/searchAttributes';
import type { ServiceRequestView } from '../../shared/serviceRequest/types';
import { breachedClocks } from '../../shared/sla/clocks';
import { publishInOrder } from '../common/publisher';
import { records } from './activityCalls';
import { moveEarlierHistory } from './historyWindow';
import type { RequestState } from './request';

export function publishStepsInOrder(req: RequestState, alreadyPublished: number): { drain(): Promise<void> } {
  return publishInOrder(
    () => req.view.seq,
    async (since) => {
      const upTo = req.view.seq;
      upsertSearchAttributes(searchAttributesOf(req.view));
      const summary = summaryOf(req.view);
      setCurrentDetails(currentDetailsOf(req.view, summary));
      await records(`publish step ${summary.version}: ${summary.status}`).publishStep({
        summary,
        notifications: req.takeNotifications(),
        events: eventsOf(req.view.history.filter((e) => e.seq > since)),
      });
      await moveEarlierHistory(req, upTo);
    },
    alreadyPublished,
  );
}

/** What ops filter on in the Temporal UI (R-INTEGRATE-1). */
function searchAttributesOf(v: ServiceRequestView): SearchAttributeUpdatePair[] {
  const pairs: SearchAttributeUpdatePair[] = [
    { key: SA.status, value: v.status },
    { key: SA.urgency, value: v.intake.urgency },
    { key: SA.region, value: v.intake.region },
    { key: SA.customer, value: v.intake.customerId },
    { key: SA.kind, value: v.intake.kind },
  ];
  const breached = breachedClocks(v.clocks);
  pairs.push({ key: SA.slaBreached, value: breached.length > 0 });
  pairs.push({ key: SA.breachedClocks, value: breached.length ? breached : null });
  if (v.entitlement) pairs.push({ key: SA.entitlement, value: v.entitlement });
  const engineer = v.engineerId ?? v.offer?.engineerId;
  pairs.push({ key: SA.engineer, value: engineer ?? null });
  const deadline = nextDeadlineOf(v);
  pairs.push({ key: SA.nextDeadline, value: deadline ? new Date(deadline) : null });
  return pairs;
}

/** What an operator sees of the request now in the Temporal UI (current details, Markdown). */
function currentDetailsOf(v: ServiceRequestView, s: RequestSummary): string {
  return [
    `**${s.status}**${s.engineerId ? ` · engineer ${s.engineerId}` : ''}${s.waitingOn ? ` · waiting on ${s.waitingOn}` : ''}`,
    `entitlement: ${s.entitlement ?? 'not decided yet'}${v.entitlementReason ? ` (${v.entitlementReason})` : ''}`,
    `SLA: ${s.slaPolicy ?? 'none'} · next deadline ${s.nextDeadline ?? 'none'}${s.slaBreached ? ` · breached: ${s.breachedClocks.join(', ')}` : ''}`,
    `last step: ${s.lastAction ?? '-'} at ${s.lastActionAt ?? '-'}`,
  ].join('\n\n');
}
