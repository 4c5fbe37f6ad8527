/**
 * Commissioning a new installation (R-VISIT-7): the engineer records the checks (connections,
 * grounding, environment, power supply: ok, corrected, or the customer must improve) and the parameters
 * set with the customer; the work waits for them. The customer's sign-off accepts the installation
 * and signs the report; the unit's installation date is set from it when it was unknown.
 */
import type { Actor } from '../../shared/common/actor';
import { notAllowed } from '../../shared/common/failures';
import type { CommissioningInput } from '../../shared/commissioning/schemas';
import { COMMISSIONING_CHECKS } from '../../shared/commissioning/types';
import { SYSTEM } from '../common/processState';
import { records } from './activityCalls';
import { ON_SITE, type RequestState } from './request';

export function checkCommissioning(req: RequestState, actor: Actor): void {
  if (!req.view.commissioning?.required) throw notAllowed('this request is not a commissioning visit');
  req.requireAssignedEngineer(actor);
  req.requireStatus('record the commissioning', ...ON_SITE);
}

export function applyCommissioning(req: RequestState, actor: Actor, c: CommissioningInput): void {
  req.view.commissioning!.record = { ...c, recordedAt: req.now().toISOString(), by: actor.id };
  req.record(actor, 'commissioning_recorded', { checks: c.checks, parameters: c.parameters });
  const toImprove = COMMISSIONING_CHECKS.filter((k) => c.checks[k].result === 'customer_must_improve');
  if (toImprove.length) {
    req.tellCustomer('commissioning_improve', {
      no: req.view.requestNo,
      items: toImprove.map((k) => `${k}: ${c.checks[k].note}`),
    });
  }
}

/** The work on a commissioning visit waits for the record of its checks. */
export function requireCommissioningRecord(req: RequestState): void {
  if (req.view.commissioning?.required && !req.view.commissioning.record)
    throw notAllowed('record the commissioning checks and parameters first (POST …/commissioning)');
}

/** On acceptance (the signed report): the unit's installation date, when master data did not know it. */
export async function recordAcceptance(req: RequestState): Promise<void> {
  const c = req.view.commissioning;
  if (!c?.required || !req.view.signOff) return;
  c.acceptedAt = req.view.signOff.at;
  c.acceptedBy = req.view.signOff.signedBy;
  const day = c.acceptedAt.slice(0, 10);
  const set = await records(
    `set the installation date of ${req.view.intake.serialNumber} if unknown`,
  ).recordInstallation({
    serialNumber: req.view.intake.serialNumber,
    installDate: day,
  });
  req.record(SYSTEM, 'commissioning_accepted', { signedBy: c.acceptedBy, installDate: day, unitUpdated: set });
}
