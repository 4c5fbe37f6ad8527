/** An SLA policy as stored (master data) → the plain value a request keeps for its life (R-SLA-1/2). */
import type { SlaPolicy } from './types';

/** The stored policy as the plain value the workflow keeps (no mongoose metadata, no empty budgets). */
export function slaPolicyOf(doc: Record<string, any>): SlaPolicy {
  const clean = (b: Record<string, unknown> = {}) =>
    Object.fromEntries(Object.entries(b).filter(([, v]) => typeof v === 'number'));
  return {
    key: doc.key,
    version: doc.version,
    name: doc.name,
    budgets: {
      urgent: clean(doc.budgets?.urgent),
      important: clean(doc.budgets?.important),
      general: clean(doc.budgets?.general),
    },
    ...(doc.byKind
      ? {
          byKind: Object.fromEntries(
            Object.entries(doc.byKind).map(([k, b]) => [k, clean(b as Record<string, unknown>)]),
          ),
        }
      : {}),
    warnAtShare: doc.warnAtShare,
    managerEscalationDelayMs: doc.managerEscalationDelayMs,
    offerAcceptanceMs: doc.offerAcceptanceMs,
  };
}
