/** What a decided supplier claim recovered (R-RMA-1): its credit, or the replacement's worth; nothing if rejected. */
export function claimRow(c: Record<string, any>): Record<string, unknown> {
  const o = c.outcome ?? {};
  const recovered = o.outcome === 'credited' ? o.creditMinor : o.outcome === 'replaced' ? (o.valueMinor ?? null) : null;
  return { ...c, claimId: c._id, recoveredMinor: recovered, currency: recovered ? (o.currency ?? null) : null };
}
