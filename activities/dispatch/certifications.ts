/**
 * Reminders before a certification runs out (R-CERT-1): 30 and 7 days before, and on the day it expires,
 * the engineer and their region's supervisor are told. Each reminder is queued once under its key
 * (engineer + product line + expiry + threshold), so a day run twice, or caught up, sends nothing twice.
 */
import { expiringWithin, type Certification } from '../../shared/dispatch/certification';
import type { Notification } from '../../shared/common/records';
import type { Repositories } from '../../shared/storage/repositories';
import { createOutbox, type OutboxConfig } from '../notifications/outbox';

export const REMINDER_DAYS = [30, 7, 0] as const;
const DAY = 86_400_000;
const plusDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

export function createCertificationActivities(repos: Repositories, cfg: OutboxConfig) {
  const queueNotifications = createOutbox(repos, cfg);
  return {
    /** Queues the reminders due on `day` (YYYY-MM-DD); answers how many were due. */
    async remindExpiringCertifications({ day }: { day: string }): Promise<{ due: number }> {
      const engineers = await repos.masterData.engineersWithCertifications();
      const regions = new Map<string, { supervisorEmail?: string | null }>();
      const notes: Notification[] = [];
      for (const e of engineers) {
        for (const c of expiringWithin(
          (e.certifications ?? []) as Certification[],
          day,
          plusDays(day, REMINDER_DAYS[0]),
        )) {
          const daysLeft = Math.round((Date.parse(c.validUntil) - Date.parse(day)) / DAY);
          const threshold = REMINDER_DAYS.find(
            (t) => daysLeft <= t && daysLeft > (REMINDER_DAYS[REMINDER_DAYS.indexOf(t) + 1] ?? -1),
          );
          if (threshold === undefined) continue;
          const what = `${c.name ?? 'certification'} for ${c.productLine}${c.number ? ` (${c.number})` : ''}`;
          const subject =
            daysLeft === 0
              ? `Certification expires today: ${e.name}`
              : `Certification expires in ${daysLeft} days: ${e.name}`;
          const body = `The ${what} of ${e.name} (${e.engineerId}) is valid until ${c.validUntil}. After that day ${e.name} is not offered ${c.productLine} work until a renewed certification is recorded.`;
          const key = `cert-reminder:${e.engineerId}:${c.productLine}:${c.validUntil}:${threshold}`;
          notes.push({
            key: `${key}:engineer`,
            to: 'engineer',
            engineerId: e.engineerId,
            template: 'certification_expiring',
            subject,
            body,
          });
          for (const r of e.regions ?? []) {
            if (!regions.has(r)) regions.set(r, (await repos.masterData.regions.get(r)) ?? {});
            const address = regions.get(r)!.supervisorEmail ?? undefined;
            notes.push({
              key: `${key}:supervisor:${r}`,
              to: 'supervisor',
              ...(address ? { address } : {}),
              template: 'certification_expiring',
              subject,
              body,
            });
          }
        }
      }
      await queueNotifications(`certifications:${day}`, notes);
      return { due: notes.length };
    },
  };
}
