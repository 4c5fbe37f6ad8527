import type { IntakeContext } from './types';
import type { Entitlement, RequestKind } from './vocabulary';

/**
 * R-INTAKE-6: the service type from warranty, contract and the kind of request.
 * Dates are compared as calendar days (YYYY-MM-DD); a warranty ending today still covers today.
 */
export function decideEntitlement(
  kind: RequestKind,
  unit: Pick<IntakeContext['unit'], 'warrantyEnd'>,
  contract: IntakeContext['contract'] | undefined,
  today: string,
  recurrenceOf?: { requestNo: string; workWarrantyUntil: string | null },
): { entitlement: Entitlement; reason: string } {
  if (kind === 'consultation')
    return { entitlement: 'other', reason: 'technical consultation is not chargeable repair work' };
  // R-FOLLOW-3: the earlier work did not hold; within its warranty the repair is free, whatever the unit's says.
  if (recurrenceOf?.workWarrantyUntil && today <= recurrenceOf.workWarrantyUntil)
    return {
      entitlement: 'free',
      reason: `the fault came back within the warranty on the work of ${recurrenceOf.requestNo} (until ${recurrenceOf.workWarrantyUntil})`,
    };
  if (unit.warrantyEnd >= today) return { entitlement: 'free', reason: `in warranty until ${unit.warrantyEnd}` };
  if (contract && contract.start <= today && today <= contract.end) {
    return { entitlement: 'contract', reason: `service contract ${contract.contractNo} valid until ${contract.end}` };
  }
  return {
    entitlement: 'paid',
    reason: `warranty ended ${unit.warrantyEnd}${contract ? `, contract ${contract.contractNo} not valid on ${today}` : ', no service contract'}`,
  };
}

export const calendarDay = (iso: string): string => iso.slice(0, 10);
