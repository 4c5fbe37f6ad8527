/**
 * Delivery lanes of the outbox (the SLA promise under a burst): a broken promise goes first, then what is
 * about to break or is overdue, then routine messages; each channel has its own lanes, so a burst of
 * acknowledgements, a wave of warnings or one slow channel never holds back the mail a supervisor must act
 * on. A lane is `<priority>:<channel>`; a message waiting for its next attempt sits in the retry lane, an
 * undeliverable one in none.
 */
export type Priority = 'breach' | 'urgent' | 'routine';
export const PRIORITIES: Priority[] = ['breach', 'urgent', 'routine'];

/** A promise already broken: someone must act now (templates). */
export const BREACH_TEMPLATES: ReadonlySet<string> = new Set([
  'sla_breached',
  'sla_escalated',
  'complaint_sla_breached',
  'complaint_sla_escalated',
  'complaint_escalated',
]);

/** About to break, or overdue work: warnings and reminders someone must act on soon (templates). */
export const URGENT_TEMPLATES: ReadonlySet<string> = new Set([
  'sla_warning',
  'complaint_sla_warning',
  'follow_up_overdue',
  'complaint_follow_up_missed',
  'maintenance_overdue',
  'improvement_overdue',
  'return_overdue',
  'stock_wait_escalated',
  'suggestion_review_overdue',
]);

export const priorityOf = (template: string | null | undefined): Priority =>
  !template
    ? 'routine'
    : BREACH_TEMPLATES.has(template)
      ? 'breach'
      : URGENT_TEMPLATES.has(template)
        ? 'urgent'
        : 'routine';
export const laneOf = (template: string | null | undefined, channel: string): string =>
  `${priorityOf(template)}:${channel}`;
/** Messages whose last attempt failed wait here until their next attempt is due. */
export const RETRY_LANE = 'retry';
