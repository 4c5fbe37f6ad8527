/**
 * Suggestions (R-TRIAGE-3): what one reads once at intake (the customer, who to tell, the review deadline of the
 * service policy), and its read-model row with its notifications, each published once by its workflow.
 */
import { ApplicationFailure } from '@temporalio/activity';
import type { Notification } from '../../shared/common/records';
import type { Repositories } from '../../shared/storage/repositories';
import type { SuggestionContext, SuggestionView } from '../../shared/suggestion/types';
import { createOutbox, type OutboxConfig } from '../notifications/outbox';
import { SERVICE_POLICY_KEY } from '../serviceRequest/intake';

/** Quality reviews a suggestion within this many days unless the service policy says otherwise. */
export const DEFAULT_SUGGESTION_REVIEW_DAYS = 7;

export function createSuggestionActivities(repos: Repositories, cfg: OutboxConfig) {
  const queueNotifications = createOutbox(repos, cfg);
  return {
    async loadSuggestionContext({
      customerId,
      requestNo,
    }: {
      customerId: string;
      requestNo?: string;
    }): Promise<SuggestionContext> {
      const [customer, policy, request] = await Promise.all([
        repos.masterData.customers.get(customerId),
        repos.servicePolicy.policies.get(SERVICE_POLICY_KEY),
        requestNo ? repos.serviceRequest.requests.get(requestNo) : null,
      ]);
      if (!customer)
        throw ApplicationFailure.create({ type: 'NotFound', message: `customer ${customerId}`, nonRetryable: true });
      const regionId = request?.region ?? customer.region;
      const region = regionId ? await repos.masterData.regions.get(regionId) : null;
      return {
        customerName: customer.name,
        language: customer.language === 'en' ? 'en' : 'zh',
        contacts: {
          ...(customer.email ? { customerEmail: customer.email } : {}),
          ...(region?.supervisorEmail ? { supervisorEmail: region.supervisorEmail } : {}),
          ...(region?.managerEmail ? { managerEmail: region.managerEmail } : {}),
        },
        ...(regionId ? { region: regionId } : {}),
        ...(region?.supervisorId ? { supervisorId: region.supervisorId } : {}),
        reviewDays: policy?.suggestionReviewDays ?? DEFAULT_SUGGESTION_REVIEW_DAYS,
        improvementDueDays: policy?.improvementDueDays ?? 14,
        improvementReminderDays: policy?.improvementReminderDays ?? 2,
      };
    },

    /** The suggestion's row (quality's queue, the customer's list) and its notifications, each once. */
    async publishSuggestionStep({
      view,
      notifications,
    }: {
      view: SuggestionView;
      notifications: Notification[];
    }): Promise<void> {
      await queueNotifications(view.suggestionNo, notifications);
      await repos.suggestion.suggestions.putNewer(view.suggestionNo, view.seq, {
        version: view.seq,
        status: view.status,
        topic: view.intake.topic,
        channel: view.intake.channel,
        customerId: view.intake.customerId,
        customerName: view.customerName ?? null,
        requestNo: view.intake.requestNo ?? null,
        text: view.intake.text,
        receivedAt: view.receivedAt,
        reviewDueAt: view.reviewDueAt ?? null,
        reviewOverdue: !!view.reviewOverdueAt,
        decision: view.review?.decision ?? null,
        improvementActionId: view.review?.improvementActionId ?? null,
        view,
      });
    },
  };
}
