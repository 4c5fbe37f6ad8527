/**
 * Storage of a carry-in unit that is not collected (R-TRIAGE-2, 002 §2.1.3 送修): when the unit is ready the
 * customer hears the service point's terms — kept free so many days, then a fee per started day. When the free
 * days run out with the unit still at the counter the customer and an agent are told once; the collection
 * charges the days past them on the request's settlement, which the archive waits for like any chargeable work.
 */
import { condition, patched } from '@temporalio/workflow';
import { money } from '../../shared/quotation/pricing';
import type { QuoteLine } from '../../shared/quotation/types';
import type { Storage } from '../../shared/serviceRequest/types';
import { SYSTEM } from '../common/processState';
import type { RequestState } from './request';
import { addCharge } from './settlement';

const DAY = 86_400_000;

/** The storage terms start when the unit is ready (units made ready before this change are kept free). */
export function startStorage(req: RequestState): Storage | undefined {
  const carryIn = req.view.carryIn!;
  const terms = carryIn.servicePoint.storage;
  if (!terms || !patched('carry-in-storage')) return undefined;
  const freeUntil = new Date(Date.parse(carryIn.readyAt!) + terms.freeDays * DAY).toISOString();
  carryIn.storage = { freeUntil, feePerDayMinor: terms.feePerDayMinor, currency: terms.currency };
  req.record(SYSTEM, 'storage_terms', { freeUntil, feePerDayMinor: terms.feePerDayMinor, currency: terms.currency });
  return carryIn.storage;
}

const gone = (req: RequestState) => !!req.view.carryIn?.collectedAt || ['cancelled', 'closed'].includes(req.status);

/** Waits for the free days to run out on a unit still at the counter, then tells the customer and an agent once. */
export async function remindOfStorageCharges(req: RequestState): Promise<void> {
  const storage = () => req.view.carryIn?.storage;
  await condition(() => !!storage() || gone(req));
  const s = storage();
  if (!s || s.chargingSince || gone(req)) return; // told before this run continued as new
  const summary = `the unit is kept free until ${s.freeUntil}, then storage is charged`;
  if (await condition(() => gone(req), Math.max(0, Date.parse(s.freeUntil) - Date.now()), { summary })) return;
  s.chargingSince = s.freeUntil;
  const point = req.view.carryIn!.servicePoint.name;
  const fee = money(s.feePerDayMinor, s.currency);
  req.record(SYSTEM, 'storage_charges_started', { since: s.freeUntil, feePerDayMinor: s.feePerDayMinor });
  req.tellCustomer('storage_charges_started', { no: req.view.requestNo, point, since: s.freeUntil, fee });
  req.notify(
    'agent',
    'storage_charges_started',
    `Carry-in unit not collected: ${req.view.requestNo}`,
    `${req.view.customerName} has not collected unit ${req.view.unit?.serialNumber} from ${point}; it was free until ${s.freeUntil}, storage is now ${fee} a day. Please call them.`,
  );
}

/** At collection: each started day past the free days is charged on the settlement. */
export function chargeStorage(req: RequestState, at: number): void {
  const s = req.view.carryIn?.storage;
  if (!s || at <= Date.parse(s.freeUntil)) return;
  const days = Math.ceil((at - Date.parse(s.freeUntil)) / DAY);
  const line: QuoteLine = {
    code: 'STORAGE',
    description: `storage of the unit, ${days} day(s) after ${s.freeUntil.slice(0, 10)}`,
    kind: 'fee',
    unit: 'day',
    unitPriceMinor: s.feePerDayMinor,
    quantity: days,
    covered: false,
    lineTotalMinor: s.feePerDayMinor * days,
  };
  s.charged = { days, amountMinor: line.lineTotalMinor };
  req.record(SYSTEM, 'storage_charged', { days, amountMinor: line.lineTotalMinor, currency: s.currency });
  if (line.lineTotalMinor > 0) addCharge(req, line, s.currency);
}
