/**
 * The daily Temporal Schedule of certification reminders (R-CERT-1), made once when the services start:
 * every day at 01:00 UTC (09:00 in China); a missed day within a week is caught up.
 */
import { ScheduleAlreadyRunning, type Client } from '@temporalio/client';

/** One schedule per task queue, so a second deployment on the same Temporal server keeps its own. */
export const certificationScheduleId = (taskQueue: string) => `certification-reminders:${taskQueue}`;

export async function ensureCertificationSchedule(client: Client, taskQueue: string): Promise<void> {
  try {
    await client.schedule.create({
      scheduleId: certificationScheduleId(taskQueue),
      spec: { calendars: [{ hour: 1, comment: 'every day at 01:00 UTC' }] },
      action: {
        type: 'startWorkflow',
        workflowType: 'certificationReminders',
        workflowId: certificationScheduleId(taskQueue),
        taskQueue,
        args: [{}],
        staticSummary: 'reminders for engineers’ certifications that run out within 30 days',
      },
      policies: { catchupWindow: '7 days', overlap: 'SKIP' },
      state: { note: 'R-CERT-1: certifications that run out within 30 days' },
    });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
}
