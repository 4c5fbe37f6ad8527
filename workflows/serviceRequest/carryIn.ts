/**
 * Carry-in repair (R-TRIAGE-2, 002 §2.1.3 送修): the customer brings the unit to a service point. No field
 * engineer is offered the job and nobody travels: the counter receives the unit and names the bench
 * engineer, who diagnoses it, quotes chargeable work through the same gate as on site and repairs it; the
 * unit is then ready for collection, repaired or (quotation declined) not, and the customer signs for it
 * at the counter — the sign-off of a carry-in repair.
 */
import { condition } from '@temporalio/workflow';
import type { Actor } from '../../shared/common/actor';
import { notAllowed } from '../../shared/common/failures';
import type { BenchEngineerChange, UnitReceipt } from '../../shared/serviceRequest/carryInSchemas';
import type { ServicePointRef } from '../../shared/serviceRequest/types';
import { SYSTEM } from '../common/processState';
import { AT_THE_UNIT, type RequestState } from './request';
import { money } from '../../shared/quotation/pricing';
import { startStorage } from './carryInStorage';
import { pauseClocks, resumeClocks, stopClocks } from './sla';

/** A unit not brought in by then: the customer is reminded once and an agent asked to call them. */
export const REMIND_TO_BRING_AFTER_MS = 3 * 86_400_000;

/** The resolution clock waits while the unit is with the customer, on the way to the counter (R-SLA-5). */
export const BRINGING_THE_UNIT = 'customer_brings_the_unit';

/** Intake of a carry-in repair: nobody is dispatched; the customer is told where to bring the unit. */
export function awaitUnit(req: RequestState, servicePoint: ServicePointRef): void {
  req.view.carryIn = { servicePoint };
  req.view.status = 'awaiting_unit';
  stopClocks(req, ['dispatch', 'arrival'], 'not_needed'); // no engineer takes it and nobody travels
  pauseClocks(req, ['resolution'], BRINGING_THE_UNIT);
  req.record(SYSTEM, 'awaiting_unit', { servicePointId: servicePoint.servicePointId });
  tellWhereToBring(req, servicePoint);
}

function tellWhereToBring(req: RequestState, p: ServicePointRef): void {
  req.tellCustomer('bring_unit', {
    no: req.view.requestNo,
    serial: req.view.unit?.serialNumber,
    point: p.name,
    address: p.address,
    hours: p.openingHours,
  });
}

/** Waits for the unit; reminds once when it has not come in after three days. */
export async function waitForUnit(req: RequestState, servicePoint: ServicePointRef): Promise<void> {
  awaitUnit(req, servicePoint);
  const brought = () => req.status !== 'awaiting_unit';
  const summary = `the customer brings the unit to ${servicePoint.name} (reminded after 3 days)`;
  if (await condition(brought, REMIND_TO_BRING_AFTER_MS, { summary })) return;
  req.record(SYSTEM, 'unit_not_brought_in', { servicePointId: servicePoint.servicePointId });
  tellWhereToBring(req, servicePoint);
  req.notify(
    'agent',
    'unit_not_brought_in',
    `Carry-in unit not brought in: ${req.view.requestNo}`,
    `${req.view.customerName} has not brought unit ${req.view.unit?.serialNumber} to ${servicePoint.name} in 3 days. Please call them, or cancel the request if they no longer need it.`,
  );
  await condition(brought);
}

export function checkReceiveUnit(req: RequestState, actor: Actor, _r: UnitReceipt): void {
  req.requireRole(actor, 'receive a carry-in unit at the counter', 'agent', 'dispatcher', 'admin');
  if (!req.view.carryIn) throw notAllowed(`request ${req.view.requestNo} is an on-site job, not a carry-in repair`);
  req.requireStatus('receive the unit', 'awaiting_unit');
}

export function applyReceiveUnit(req: RequestState, actor: Actor, r: UnitReceipt): void {
  const carryIn = req.view.carryIn!;
  Object.assign(carryIn, {
    receivedAt: req.now().toISOString(),
    receivedBy: actor.id,
    condition: r.condition,
    accessories: r.accessories,
  });
  req.view.engineerId = r.engineerId;
  req.view.status = 'unit_received';
  resumeClocks(req, BRINGING_THE_UNIT);
  req.record(actor, 'unit_received', { engineerId: r.engineerId, condition: r.condition, accessories: r.accessories });
  req.notify(
    'engineer',
    'unit_received',
    `Carry-in unit to repair: ${req.view.requestNo}`,
    `Unit ${req.view.unit?.model} (${req.view.unit?.serialNumber}) was received at ${carryIn.servicePoint.name}: ${req.view.intake.fault.symptoms}. Condition: ${r.condition}.`,
    r.engineerId,
  );
  req.tellCustomer('unit_received', {
    no: req.view.requestNo,
    point: carryIn.servicePoint.name,
    condition: r.condition,
  });
}

/** While the unit is on the bench, before its work is recorded, another bench engineer can take it over. */
const ON_THE_BENCH = AT_THE_UNIT.filter((s) => s !== 'on_site');

export function checkChangeBenchEngineer(req: RequestState, actor: Actor, c: BenchEngineerChange): void {
  req.requireRole(actor, 'change the bench engineer', 'agent', 'dispatcher', 'admin');
  if (!req.view.carryIn)
    throw notAllowed(`request ${req.view.requestNo} is an on-site job: a dispatcher reassigns its engineer`);
  if (req.status === 'awaiting_unit')
    throw notAllowed('the unit has not been received yet: the counter names the bench engineer when it receives it');
  req.requireStatus('change its bench engineer', ...ON_THE_BENCH);
  if (c.engineerId === req.view.engineerId) throw notAllowed(`engineer ${c.engineerId} is already the bench engineer`);
}

/** The diagnosis and any quotation stay with the unit; both engineers are told. */
export function applyChangeBenchEngineer(req: RequestState, actor: Actor, c: BenchEngineerChange): void {
  const previous = req.view.engineerId;
  req.view.engineerId = c.engineerId;
  req.record(actor, 'bench_engineer_changed', {
    engineerId: c.engineerId,
    previousEngineerId: previous,
    reason: c.reason,
  });
  const unit = `${req.view.unit?.model} (${req.view.unit?.serialNumber})`;
  const point = req.view.carryIn!.servicePoint.name;
  req.notify(
    'engineer',
    'bench_engineer_changed',
    `Carry-in unit to repair: ${req.view.requestNo}`,
    `You take over unit ${unit} at ${point} from ${previous}: ${c.reason}. Status: ${req.status}.`,
    c.engineerId,
  );
  if (previous)
    req.notify(
      'engineer',
      'bench_engineer_changed',
      `Carry-in unit handed over: ${req.view.requestNo}`,
      `Unit ${unit} at ${point} went to ${c.engineerId}: ${c.reason}.`,
      previous,
    );
}

/** The repair is done (or declined): the resolution clock stops and the customer is asked to collect. */
export function readyForCollection(req: RequestState, repaired: boolean): void {
  const carryIn = req.view.carryIn!;
  carryIn.readyAt = req.now().toISOString();
  carryIn.repaired = repaired;
  req.view.status = 'ready_for_collection';
  stopClocks(req, ['resolution']);
  req.record(SYSTEM, 'ready_for_collection', { repaired });
  const storage = startStorage(req);
  req.tellCustomer('ready_for_collection', {
    no: req.view.requestNo,
    point: carryIn.servicePoint.name,
    hours: carryIn.servicePoint.openingHours,
    repaired,
    ...(storage ? { freeUntil: storage.freeUntil, fee: money(storage.feePerDayMinor, storage.currency) } : {}),
  });
}

/** A carry-in repair has no visits: no appointment, check-in or second visit. */
export function refuseVisitOfCarryIn(req: RequestState, what: string): void {
  if (req.view.carryIn)
    throw notAllowed(
      `request ${req.view.requestNo} is a carry-in repair at ${req.view.carryIn.servicePoint.name}: no ${what}`,
    );
}
