/**
 * What a complaint reads once at intake (R-SLA-3): the customer and contacts, and the SLA policy it keeps
 * for life: the one of the unit of the first request it is about (contract, else product line), or the
 * general policy when it is about no request.
 */
import { ApplicationFailure } from '@temporalio/activity';
import type { ComplaintContext } from '../../shared/complaint/types';
import { slaPolicyForRequest } from '../sla/policyForRequest';
import type { Repositories } from '../../shared/storage/repositories';
import { DEFAULT_SLA_POLICY, SERVICE_POLICY_KEY } from '../serviceRequest/intake';

const notFound = (message: string) => ApplicationFailure.create({ type: 'NotFound', message, nonRetryable: true });

export function createComplaintContextActivities(repos: Repositories) {
  return {
    async loadComplaintContext({
      customerId,
      relatedRequestNos,
    }: {
      customerId: string;
      relatedRequestNos: string[];
    }): Promise<ComplaintContext> {
      const [customer, policy, first] = await Promise.all([
        repos.masterData.customers.get(customerId),
        repos.servicePolicy.policies.get(SERVICE_POLICY_KEY),
        relatedRequestNos.length ? repos.serviceRequest.requests.get(relatedRequestNos[0]) : null,
      ]);
      if (!customer) throw notFound(`customer ${customerId} not found`);
      if (!policy) throw notFound(`service policy '${SERVICE_POLICY_KEY}' not found: seed master data`);
      const unit = first?.serialNumber ? await repos.masterData.units.get(first.serialNumber) : null;
      const [contract, productLine, region] = await Promise.all([
        unit?.contractNo ? repos.masterData.contracts.get(unit.contractNo) : null,
        unit ? repos.masterData.productLines.get(unit.productLine) : null,
        (first?.region ?? customer.region) ? repos.masterData.regions.get((first?.region ?? customer.region)!) : null,
      ]);
      const slaKey = contract?.slaPolicy ?? productLine?.slaPolicy ?? DEFAULT_SLA_POLICY;
      const sla = await slaPolicyForRequest(repos, slaKey, { contract, region });
      const contacts = {
        ...(customer.email ? { customerEmail: customer.email } : {}),
        ...(region?.agentQueueEmail ? { agentQueueEmail: region.agentQueueEmail } : {}),
        ...(region?.supervisorEmail ? { supervisorEmail: region.supervisorEmail } : {}),
        ...(region?.managerEmail ? { managerEmail: region.managerEmail } : {}),
      };
      return {
        customerName: customer.name,
        language: customer.language === 'en' ? 'en' : 'zh',
        contacts,
        ...(region?.supervisorId ? { supervisorId: region.supervisorId } : {}),
        sla,
        followUpDelayMs: policy.followUpDelayMs,
        improvementDueDays: policy.improvementDueDays ?? 14,
        improvementReminderDays: policy.improvementReminderDays ?? 2,
      };
    },
  };
}
