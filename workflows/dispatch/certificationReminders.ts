/**
 * certificationReminders: started every morning by its Temporal Schedule (R-CERT-1); queues the day's
 * reminders for certifications that run out within 30 days. A caught-up or repeated day queues nothing twice.
 */
import type { ActivityOptions } from '@temporalio/common';
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { DATABASE_RETRY } from '../common/retries';

const options: ActivityOptions = { startToCloseTimeout: '30 seconds', retry: DATABASE_RETRY };

export async function certificationReminders(input: { day?: string } = {}): Promise<{ due: number }> {
  const day = input.day ?? new Date().toISOString().slice(0, 10); // the workflow's clock: the schedule's firing day
  return proxyActivities<Activities>({
    ...options,
    summary: `remind certifications that run out within 30 days of ${day}`,
  }).remindExpiringCertifications({ day });
}
