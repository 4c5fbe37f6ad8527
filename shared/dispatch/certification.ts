/**
 * Certifications that expire (R-CERT-1; 004 §2(3) qualified staff, electrical work): an engineer's
 * certification for a product line, with the day it is valid until. One recorded before expiry dates
 * existed (a bare product line) stays valid until an admin adds its date. Pure and sandbox-safe.
 */
export type Certification = string | { productLine: string; name?: string; number?: string; validUntil: string };

export const productLineOf = (c: Certification) => (typeof c === 'string' ? c : c.productLine);

/** Whether the engineer holds a certification for the product line valid on `day` (YYYY-MM-DD), and why not. */
export function certificationOn(
  certs: Certification[],
  productLine: string,
  day: string,
): { valid: true; validUntil?: string } | { valid: false; reason: string } {
  const held = certs.filter((c) => productLineOf(c) === productLine);
  if (!held.length) return { valid: false, reason: `no certification for ${productLine}` };
  if (held.some((c) => typeof c === 'string')) return { valid: true };
  const latest = held
    .map((c) => (c as { validUntil: string }).validUntil)
    .sort()
    .at(-1)!;
  return latest >= day
    ? { valid: true, validUntil: latest }
    : { valid: false, reason: `certification for ${productLine} expired ${latest}` };
}

/** Certifications that run out between `day` and `day + withinDays`, for the reminders. */
export function expiringWithin(certs: Certification[], day: string, until: string) {
  return certs.filter(
    (c): c is Exclude<Certification, string> => typeof c !== 'string' && c.validUntil >= day && c.validUntil <= until,
  );
}
