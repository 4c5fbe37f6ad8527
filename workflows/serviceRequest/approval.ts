/**
 * The customer's decisions (R-QUOTE-2, R-SETTLE-2): through their signed link, or recorded by the
 * assigned engineer from a signed form.
 */
import type { Actor } from '../../shared/common/actor';
import { forbidden, notAllowed } from '../../shared/common/failures';
import type { QuoteDecision } from '../../shared/quotation/types';
import type { RequestState } from './request';

/** The customer through their link, or the engineer recording a signed form (with its reference). */
/**
 * The customer decides through their link; the assigned engineer records a written approval: the signed
 * form's reference, or the customer's signature drawn on the engineer's device (signatureId).
 */
export function checkDecider(
  req: RequestState,
  actor: Actor,
  written: { formReference?: string; signatureId?: string } | undefined,
  what: string,
): void {
  if (actor.role === 'customer') return;
  if (actor.role === 'engineer') {
    req.requireAssignedEngineer(actor);
    if (what === 'approve' && !written?.formReference?.trim() && !written?.signatureId)
      throw notAllowed(
        "an engineer records an approval only with the signed form's reference (formReference) or the customer's signature (signatureId)",
      );
    return;
  }
  throw forbidden(`only the customer (signed link) or the assigned engineer (signed form) may ${what} a quotation`);
}

export function decision(
  req: RequestState,
  actor: Actor,
  approved: boolean,
  totalMinor: number,
  d: { signedBy?: string; formReference?: string; reason?: string; signatureId?: string },
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
    // The drawn signature's hash only; the image stays in the signatures store (history stays small).
    ...(d.signatureId ? { signatureId: d.signatureId } : {}),
  };
}
