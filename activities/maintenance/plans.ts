/** What a maintenance plan's tick reads and records (R-MAINT-1/2): the due date it serves, each unit's request. */
import { ApplicationFailure } from '@temporalio/activity';
import { firstDueOnOrAfter, notBeforeForFiring } from '../../shared/maintenance/dueDates';
import type { ChecklistItem, MaintenanceOrder } from '../../shared/maintenance/types';
import { intakeSchema, type IntakeInput } from '../../shared/serviceRequest/schemas';
import { staticDetailsOf } from '../../shared/serviceRequest/staticDetails';
import type { Repositories } from '../../shared/storage/repositories';

export interface OccurrenceOrder {
  intake: IntakeInput;
  by: { role: 'service'; id: string };
  summaryTail: string;
  details: string;
}

export function createMaintenanceActivities(repos: Repositories) {
  return {
    /**
     * The due date a firing serves and the request of each unit (customer, site and contact from master
     * data). A paused or ended plan, or one past its contract, serves nothing; a unit without a site on
     * file is skipped and named.
     */
    async planOccurrence({
      planId,
      scheduledDay,
      notBefore,
    }: {
      planId: string;
      scheduledDay: string;
      notBefore?: string;
    }): Promise<{
      due?: string;
      orders: OccurrenceOrder[];
      skipped: string[];
      maintenance: Omit<MaintenanceOrder, 'dueDate'>;
    }> {
      const plan = await repos.maintenance.plans.get(planId);
      if (!plan)
        throw ApplicationFailure.create({ type: 'NotFound', message: `plan ${planId} not found`, nonRetryable: true });
      const checklist = (plan.checklist as ChecklistItem[]).map((i) => ({ item: i.item, kind: i.kind }));
      const maintenance = {
        planId,
        checklist,
        ...(plan.preferredWindow ? { preferredWindow: plan.preferredWindow } : {}),
      };
      const none = (reason: string) => ({ orders: [], skipped: [reason], maintenance });
      if (plan.status !== 'active') return none(`plan ${planId} is ${plan.status}`);
      if (!plan.firstDue || !plan.everyMonths) return none(`plan ${planId} follows usage only: no calendar`);
      const due = firstDueOnOrAfter(
        { firstDue: plan.firstDue, everyMonths: plan.everyMonths, ...(plan.endsOn ? { endsOn: plan.endsOn } : {}) },
        notBefore ?? notBeforeForFiring(scheduledDay, plan.leadDays),
      );
      if (!due) return none(`plan ${planId} has no due date before it ends (${plan.endsOn})`);
      const units = plan.serialNumber
        ? await repos.masterData.units.getMany([plan.serialNumber])
        : await repos.masterData.unitsOfContract(plan.contractNo ?? '');
      const orders: OccurrenceOrder[] = [];
      const skipped: string[] = [];
      for (const unit of units) {
        const order = await occurrenceOrder(repos, planId, checklist, unit, due);
        if (typeof order === 'string') skipped.push(order);
        else orders.push(order);
      }
      return { due, orders, skipped, maintenance };
    },

    /** The occurrence's row: which request a plan opened for a unit and due date (written once). */
    async recordOccurrence(o: {
      occurrenceId: string;
      planId: string;
      serialNumber: string;
      dueDate: string;
      requestNo: string;
      atCounter?: { counter: string; threshold: number; value: number };
    }) {
      await repos.maintenance.occurrences.addMissing({ _id: o.occurrenceId, ...o, openedAt: new Date() });
    },
  };
}

type Unit = NonNullable<Awaited<ReturnType<Repositories['masterData']['units']['get']>>>;

/** A unit's maintenance request for a due date (customer, site and contact from master data), or why not. */
export async function occurrenceOrder(
  repos: Repositories,
  planId: string,
  checklist: ChecklistItem[],
  unit: Unit,
  due: string,
  why = `preventive maintenance due ${due}`,
): Promise<OccurrenceOrder | string> {
  const customer = await repos.masterData.customers.get(unit.customerId);
  const site = await repos.masterData.siteOfUnit(unit, customer);
  const region = site.region;
  if (!customer || !site.contactPhone || !site.address || !region)
    return `${unit.serialNumber}: no site address, region or customer phone on file`;
  const intake = intakeSchema.parse({
    channel: 'api',
    kind: 'maintenance',
    urgency: 'general',
    customerId: customer.customerId,
    contactName: site.contactName ?? customer.name,
    contactPhone: site.contactPhone,
    siteAddress: site.address,
    region,
    serialNumber: unit.serialNumber,
    fault: { symptoms: `${why}: ${checklist.map((c) => c.item).join('; ')}`.slice(0, 2000) },
    selfChecks: { powerChecked: false, valvesChecked: false, notes: `maintenance plan ${planId}` },
    expectedResolutionBy: `${due}T23:59:59Z`,
  });
  return {
    intake,
    by: { role: 'service', id: `plan:${planId}` },
    summaryTail: `maintenance · general · ${customer.name} · ${region} · plan ${planId} due ${due}`,
    details: staticDetailsOf(intake, unit),
  };
}
