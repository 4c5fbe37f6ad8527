/**
 * The customer's decisions (R-QUOTE-2, R-SETTLE-2): through their signed link, or recorded by the
 * assigned engineer from a signed form.
 */
import type { Actor } from '../../shared/common/actor';
import { forbidden, notAllowed } from '../../shared/common/failures';
import type { QuoteDecision } from '../../shared/quotation/types';
import type { RequestState } from './request';

/** The customer through their link, or the engineer recording a signed form (with its reference). */
export function checkDecider(req: RequestState, actor: Actor, formReference: string | undefined, what: string): void {
  if (actor.role === 'customer') return;
  if (actor.role === 'engineer') {
    req.requireAssignedEngineer(actor);
    if (what === 'approve' && !formReference?.trim())
      throw notAllowed('an engineer records an approval only with the reference of the signed form (formReference)');
    return;
  }
  throw forbidden(`only the customer (signed link) or the assigned engineer (signed form) may ${what} a quotation`);
}

export function decision(
  req: RequestState,
  actor: Actor,
  approved: boolean,
  totalMinor: number,
  d: { signedBy?: string; formReference?: string; reason?: string },
): QuoteDecision {
  return {
    approved,
    at: req.now().toISOString(),
    by: actor,
    method: actor.role === 'customer' ? 'signed_link' : 'written_form',
    totalMinor,
    ...(d.signedBy ? { signedBy: d.signedBy } : {}),
    ...(d.formReference ? { formReference: d.formReference } : {}),
    ...(d.reason ? { reason: d.reason } : {}),
  };
}
