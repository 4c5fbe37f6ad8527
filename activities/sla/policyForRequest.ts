/**
 * The SLA policy a new request or complaint keeps for life (R-SLA-1/2), with the business calendar its
 * business-time clocks count on (R-SLA-6): the contract's calendar, else the service region's, else the
 * policy's own. Both versions are copied now, so later changes apply to new requests only.
 */
import { ApplicationFailure } from '@temporalio/activity';
import { calendarOf, slaPolicyOf } from '../../shared/sla/policy';
import type { SlaPolicy } from '../../shared/sla/types';
import type { Repositories } from '../../shared/storage/repositories';

const notFound = (message: string) => ApplicationFailure.create({ type: 'NotFound', message, nonRetryable: true });

export async function slaPolicyForRequest(
  repos: Repositories,
  slaKey: string,
  where: { contract?: { calendar?: string | null } | null; region?: { calendar?: string | null } | null },
): Promise<SlaPolicy> {
  const doc = await repos.slaPolicies.policies.get(slaKey);
  if (!doc) throw notFound(`SLA policy '${slaKey}' not found: seed master data`);
  const policy = slaPolicyOf(doc);
  if (!policy.businessHours) return policy;
  const key = where.contract?.calendar ?? where.region?.calendar ?? policy.businessHours.calendar;
  const calendar = await repos.calendars.calendars.get(key);
  if (!calendar) throw notFound(`business calendar '${key}' not found (SLA policy '${slaKey}'): seed master data`);
  return { ...policy, calendar: calendarOf(calendar) };
}
