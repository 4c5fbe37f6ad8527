/** Master-data reads at intake and dispatch (R-INTAKE-6, R-DISPATCH-1, R-SLA-1). */
import { ApplicationFailure } from '@temporalio/activity';
import type { Allowance } from '../../shared/contract/allowance';
import type { EngineerCandidate, IntakeContext } from '../../shared/serviceRequest/types';
import { ENGINEER_BUSY_STATUSES } from '../../shared/serviceRequest/vocabulary';
import type { Repositories } from '../../shared/storage/repositories';
import { rankCandidates } from '../../shared/dispatch/ranking';
import { slaPolicyForRequest } from '../sla/policyForRequest';
import { SERVICE_POLICY_DEFAULTS as D } from '../../shared/servicePolicy/schemas';

/** The stored allowance as the plain value the request keeps (R-ENTITLE-1). */
const allowanceOf = (a: Record<string, any>): Allowance => ({
  period: a.period,
  ...(a.visits ? { visits: a.visits } : {}),
  ...(a.hours ? { hours: a.hours } : {}),
  beyond: a.beyond,
});

const today = () => new Date().toISOString().slice(0, 10);

export const SERVICE_POLICY_KEY = 'service';
/** The SLA policy of a product line without one of its own (R-SLA-1 general products). */
export const DEFAULT_SLA_POLICY = 'general';

/** Master-data reads the workflow needs when a request starts and when it dispatches. */
export function createIntakeActivities(repos: Repositories) {
  return {
    /** Customer, unit, contract, the service region's contacts and the current policy (which the request then keeps). */
    async loadIntakeContext({
      customerId,
      serialNumber,
      region: serviceRegion,
    }: {
      customerId: string;
      serialNumber: string;
      region: string;
    }): Promise<IntakeContext> {
      const [customer, unit, policy, region] = await Promise.all([
        repos.masterData.customers.get(customerId),
        repos.masterData.units.get(serialNumber),
        repos.servicePolicy.policies.get(SERVICE_POLICY_KEY),
        repos.masterData.regions.get(serviceRegion),
      ]);
      if (!customer)
        throw ApplicationFailure.create({
          type: 'NotFound',
          message: `customer ${customerId} not found`,
          nonRetryable: true,
        });
      if (!unit)
        throw ApplicationFailure.create({
          type: 'NotFound',
          message: `unit ${serialNumber} not found`,
          nonRetryable: true,
        });
      if (!policy)
        throw ApplicationFailure.create({
          type: 'NotFound',
          message: `service policy '${SERVICE_POLICY_KEY}' not found: seed master data`,
          nonRetryable: true,
        });
      const [contract, productLine] = await Promise.all([
        unit.contractNo ? repos.masterData.contracts.get(unit.contractNo) : null,
        repos.masterData.productLines.get(unit.productLine),
      ]);
      // A contract's SLA overrides the product line's; the request keeps the version it gets now.
      const slaKey = contract?.slaPolicy ?? productLine?.slaPolicy ?? DEFAULT_SLA_POLICY;
      const sla = await slaPolicyForRequest(repos, slaKey, { contract, region });
      return {
        customerName: customer.name,
        language: customer.language === 'en' ? 'en' : 'zh',
        contacts: {
          ...(customer.email ? { customerEmail: customer.email } : {}),
          ...(region?.supervisorEmail ? { supervisorEmail: region.supervisorEmail } : {}),
          ...(region?.supervisorId ? { supervisorId: region.supervisorId } : {}),
          ...(region?.managerEmail ? { managerEmail: region.managerEmail } : {}),
          ...(region?.technicalEmail ? { technicalEmail: region.technicalEmail } : {}),
          ...(region?.agentQueueEmail ? { agentQueueEmail: region.agentQueueEmail } : {}),
        },
        unit: {
          serialNumber: unit.serialNumber,
          model: unit.model,
          productLine: unit.productLine,
          purchaseDate: unit.purchaseDate,
          warrantyEnd: unit.warrantyEnd,
          ...(unit.installDate ? { installDate: unit.installDate } : {}),
        },
        ...(contract
          ? {
              contract: {
                contractNo: contract.contractNo,
                start: contract.start,
                end: contract.end,
                ...(contract.coverage
                  ? {
                      coverage: Object.fromEntries(
                        Object.entries(contract.coverage).filter(([, v]) => typeof v === 'boolean'),
                      ),
                    }
                  : {}),
                ...(contract.allowance?.period ? { allowance: allowanceOf(contract.allowance) } : {}),
              },
            }
          : {}),
        policy: {
          version: policy.version,
          followUpDelayMs: policy.followUpDelayMs,
          followUpGraceMs: policy.followUpGraceMs,
          appointmentReminderLeadMs: policy.appointmentReminderLeadMs,
          archiveRetentionDays: policy.archiveRetentionDays,
          // Policies stored before a setting existed mean its default.
          engineerCallLeadMs: policy.engineerCallLeadMs ?? D.engineerCallLeadMs,
          quoteReminderMs: policy.quoteReminderMs ?? D.quoteReminderMs,
          quoteExpiryMs: policy.quoteExpiryMs ?? D.quoteExpiryMs,
          diagnosisFeeOnDecline: policy.diagnosisFeeOnDecline ?? D.diagnosisFeeOnDecline,
          workWarrantyDays: policy.workWarrantyDays ?? D.workWarrantyDays,
          improvementDueDays: policy.improvementDueDays ?? D.improvementDueDays,
          improvementReminderDays: policy.improvementReminderDays ?? D.improvementReminderDays,
        },
        sla,
        ...(region?.slaExemptClocks?.length
          ? { slaExemptClocks: region.slaExemptClocks as IntakeContext['slaExemptClocks'] }
          : {}),
      };
    },

    /** R-DISPATCH-1: candidates by region, skill, certification and current open work. */
    async rankEngineers({
      region,
      serialNumber,
      excludeRequestNo,
    }: {
      region: string;
      serialNumber: string;
      excludeRequestNo: string;
    }): Promise<EngineerCandidate[]> {
      const [unit, engineers] = await Promise.all([
        repos.masterData.units.get(serialNumber, { productLine: 1 }),
        repos.masterData.activeEngineersIn(region),
      ]);
      if (!unit)
        throw ApplicationFailure.create({
          type: 'NotFound',
          message: `unit ${serialNumber} not found`,
          nonRetryable: true,
        });
      const { productLine } = unit;
      const line = await repos.masterData.productLines.get(productLine);
      // Current load from the open-work projection: no scan of the history (decision 0006).
      const ids = new Set(engineers.map((e) => e.engineerId));
      const load: Record<string, number> = {};
      for (const r of await repos.serviceRequest.openWork.current())
        if (r.engineerId && ids.has(r.engineerId) && r.requestNo !== excludeRequestNo)
          if (ENGINEER_BUSY_STATUSES.includes(r.status)) load[r.engineerId] = (load[r.engineerId] ?? 0) + 1;
      return rankCandidates(
        engineers.map((e) => ({
          engineerId: e.engineerId,
          name: e.name,
          active: e.active ?? true,
          ...(e.email ? { email: e.email } : {}),
          regions: e.regions ?? [],
          skills: e.skills ?? [],
          certifications: e.certifications ?? [],
        })),
        { region, productLine, certificationRequired: !!line?.certificationRequired, day: today() },
        load,
      );
    },
  };
}
