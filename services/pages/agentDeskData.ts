/**
 * What the agent's desk reads: units matching a phone, name or serial number, and one unit with its
 * customer, site, SLA policy and earlier requests. Master-data lookups for a person at a desk (a few
 * hundred customers a region), never on a workflow's path.
 */
import type { Client } from '@temporalio/client';
import type { RequestSummary } from '../../shared/serviceRequest/readModel';
import type { Repositories } from '../../shared/storage/repositories';
import type { AgentDesk, UnitCard } from './agentDesk';
import type { AgentQueues, ComplaintRow } from './agentQueues';
import { complaintsIn, numberOf, OPEN_COMPLAINT, running } from './visibility';

/**
 * The agent's queues: requests to acknowledge or answer from the open-work projection; follow-ups due
 * and open complaints from Temporal's visibility (by status), each row then read by `_id`. FerretDB
 * answers a filter on any other field with a scan of the collection, so none is used here.
 */
export async function agentQueuesData(repos: Repositories, client: Client): Promise<AgentQueues> {
  const open = await repos.serviceRequest.openWork.current();
  const waiting = open
    .filter((r) => r.open && !r.responded && r.status !== 'cancelled')
    .sort((a, b) => (a.deadlineOrder < b.deadlineOrder ? -1 : 1))
    .slice(0, 50);
  const [followUpIds, complaintIds] = await Promise.all([
    running(
      client,
      `WorkflowType = "serviceRequest" AND ExecutionStatus = "Running" AND RequestStatus IN ("follow_up_due", "awaiting_follow_up")`,
      50,
    ),
    running(client, complaintsIn(OPEN_COMPLAINT), 50),
  ]);
  const [followUps, complaints] = await Promise.all([
    repos.serviceRequest.requests.getMany(followUpIds.map(numberOf)),
    repos.complaint.complaints.getMany(complaintIds.map(numberOf), { view: 0, clocks: 0 }),
  ]);
  return {
    waiting,
    followUps: followUps
      .filter((d) => !!d)
      .map((d) => ({ ...d, requestNo: d._id }) as never as RequestSummary)
      .sort((a, b) => String(a.followUpDueAt).localeCompare(String(b.followUpDueAt))),
    complaints: complaints
      .filter((c) => !!c)
      .map((c) => ({ ...c, complaintNo: c._id }) as ComplaintRow)
      .sort((a, b) => String(a.nextDeadline).localeCompare(String(b.nextDeadline))),
  };
}

export async function agentDeskData(repos: Repositories, q: string, serial: string | undefined): Promise<AgentDesk> {
  const { masterData } = repos;
  const term = q.trim().slice(0, 60);
  const units = new Map<string, Record<string, any>>();
  if (term) for (const u of await masterData.search(term)) units.set(u._id, u);
  const matches = await Promise.all([...units.values()].slice(0, 20).map((u) => cardOf(masterData, u)));
  const unit = serial ? await masterData.units.get(serial) : null;
  const chosen = unit
    ? await withComponents(repos, await withContract(repos, await cardOf(masterData, unit), unit))
    : undefined;
  if (chosen) chosen.servicePoints = (await masterData.activeServicePoints()).map((p) => ({ id: p._id, name: p.name }));
  const earlier = unit ? await repos.serviceRequest.unitLog.recent(unit._id) : [];
  return { q: term, matches, chosen, earlier, today: new Date().toISOString().slice(0, 10) };
}

/** R-ENTITLE-1: the chosen unit's contract, if valid today, and what is left of its allowance. */
async function withContract(repos: Repositories, card: UnitCard, u: Record<string, any>): Promise<UnitCard> {
  const today = new Date().toISOString().slice(0, 10);
  const found = u.contractNo ? await repos.contract.allowanceOn(u.contractNo, today) : null;
  const c = found?.contract;
  if (!c || c.start > today || c.end < today || c.active === false) return card;
  return { ...card, contract: { contractNo: c._id, end: c.end, ...(found.use ? { allowance: found.use } : {}) } };
}

/** R-ASSET-1: the chosen unit's components, so the agent can say which one the call is about. */
async function withComponents(repos: Repositories, card: UnitCard): Promise<UnitCard> {
  const tree = await repos.asset.treeOf(card.serialNumber);
  return tree.length ? { ...card, components: tree.map((a) => ({ assetId: a.assetId, path: a.path })) } : card;
}

async function cardOf(masterData: Repositories['masterData'], u: Record<string, any>): Promise<UnitCard> {
  const [customer, site, line] = await Promise.all([
    masterData.customers.get(u.customerId),
    u.siteId ? masterData.sites.get(u.siteId) : null,
    masterData.productLines.get(u.productLine),
  ]);
  return {
    serialNumber: u._id,
    model: u.model,
    productLine: u.productLine,
    warrantyEnd: u.warrantyEnd,
    customerId: u.customerId,
    customerName: customer?.name ?? u.customerId,
    phone: customer?.phone ?? undefined,
    siteAddress: site?.address ?? u.siteAddress ?? undefined,
    region: site?.region ?? customer?.region ?? undefined,
    contactName: site?.contactName ?? undefined,
    contactPhone: site?.contactPhone ?? undefined,
    slaPolicy: line?.slaPolicy,
  };
}
