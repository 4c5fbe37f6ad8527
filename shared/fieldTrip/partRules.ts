/** R-PARTS-3: which parts may be used. Pure rules, used where the decision is made (trip planning, consumption). */

export interface PartFacts {
  partNo: string;
  genuine?: boolean | null;
  brand?: string | null;
  fitsModels?: string[] | null;
}

/** Whether a part may be used for a customer: genuine, or of a brand the customer agreed to (002 §2.3.3). */
export const allowedFor = (part: PartFacts, agreedBrands: readonly string[] = []) =>
  part.genuine !== false || (!!part.brand && agreedBrands.includes(part.brand));

/**
 * Only genuine or certified parts, or a brand the customer agreed to (002 §2.3.3; genuine only stays the
 * default); a part used on a request must fit the model of its unit.
 */
export function partRefusal(
  part: PartFacts,
  unit?: { serialNumber: string; model: string; requestNo: string },
  agreedBrands: readonly string[] = [],
): string | undefined {
  if (!allowedFor(part, agreedBrands))
    return `part ${part.partNo} is not a genuine or certified part${part.brand ? ` (brand ${part.brand}; the customer agreed to ${agreedBrands.length ? agreedBrands.join(', ') : 'genuine parts only'})` : ''}`;
  const fits = part.fitsModels ?? [];
  if (unit && !fits.includes(unit.model)) {
    const where = `${unit.model} (unit ${unit.serialNumber} of ${unit.requestNo})`;
    return `part ${part.partNo} does not fit ${where}; it fits ${fits.join(', ') || 'no model'}`;
  }
  return undefined;
}

/** R-VISIT-4: a trip serves one region; a request elsewhere cannot ride along. */
export function regionRefusal(
  request: { requestNo: string; region?: string | null },
  tripRegion: string,
): string | undefined {
  if (request.region !== tripRegion) {
    return `request ${request.requestNo} is in region ${request.region}, the trip goes to ${tripRegion}`;
  }
  return undefined;
}
