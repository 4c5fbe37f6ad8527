/**
 * The service policy as the admin edits it (R-FOLLOW-1..2, R-VISIT-1, R-QUOTE-3, R-RECORD-2, R-SETTLE-3):
 * every setting a new request copies at intake and keeps for its life. Bounds say what a sane policy is.
 */
import { z } from '../common/schemaParts';

const HOUR = 3_600_000;
const ms = (min: number, max: number, what: string) =>
  z
    .number()
    .int()
    .min(min)
    .max(max)
    .openapi({ description: `${what}, in ms (${min / 60_000} min to ${max / HOUR} h)` });
const days = (min: number, max: number, what: string) =>
  z
    .number()
    .int()
    .min(min)
    .max(max)
    .openapi({ description: `${what}, in days (${min} to ${max})` });

export const servicePolicySchema = z
  .strictObject({
    followUpDelayMs: ms(60_000, 30 * 24 * HOUR, 'the follow-up call falls due this long after sign-off'),
    followUpGraceMs: ms(60_000, 14 * 24 * HOUR, 'the supervisor is told when the follow-up is this late'),
    appointmentReminderLeadMs: ms(60_000, 7 * 24 * HOUR, 'the customer is reminded this long before the visit'),
    engineerCallLeadMs: ms(5 * 60_000, 24 * HOUR, 'the engineer calls the customer this long before arriving'),
    archiveRetentionDays: days(3 * 365, 30 * 365, 'finished requests are kept in the archive this long'),
    quoteReminderMs: ms(60_000, 30 * 24 * HOUR, 'an unanswered quotation is reminded after this long'),
    quoteExpiryMs: ms(60_000, 60 * 24 * HOUR, 'an unanswered quotation expires after this long'),
    diagnosisFeeOnDecline: z.boolean().openapi({ description: 'a declined quotation settles the diagnosis fee' }),
    workWarrantyDays: days(0, 3650, 'warranty on the work done, stated on the statement'),
    improvementDueDays: days(1, 365, 'an improvement action is due this long after it opens'),
    improvementReminderDays: days(0, 60, 'its owner is reminded this long before it is due'),
    suggestionReviewDays: days(1, 60, 'quality reviews a suggestion within this long (R-TRIAGE-3)').optional(),
  })
  .refine((p) => p.quoteExpiryMs > p.quoteReminderMs, {
    path: ['quoteExpiryMs'],
    message: 'must be later than quoteReminderMs: the reminder comes before the quotation expires',
  })
  .refine((p) => p.improvementReminderDays < p.improvementDueDays, {
    path: ['improvementReminderDays'],
    message: 'must be less than improvementDueDays: the reminder comes before the action is due',
  })
  .openapi('ServicePolicy');

export type ServicePolicyInput = z.infer<typeof servicePolicySchema>;

/** What a policy stored before a setting existed means by it (intake copies these, the admin page shows them). */
export const SERVICE_POLICY_DEFAULTS = {
  engineerCallLeadMs: 30 * 60_000,
  quoteReminderMs: 24 * HOUR,
  quoteExpiryMs: 72 * HOUR,
  diagnosisFeeOnDecline: true,
  workWarrantyDays: 90,
  improvementDueDays: 14,
  improvementReminderDays: 2,
  suggestionReviewDays: 7,
} as const;
