/** Price list lookups by code (by _id: no collection scan). Node-only. */
import type { Models } from './models';

/** The codes the price list does not have. */
export async function unknownPriceCodes(models: Models, codes: string[]): Promise<string[]> {
  const unique = [...new Set(codes)];
  const known = new Set((await models.Price.find({ _id: { $in: unique } }, { _id: 1 }).lean()).map((p) => p._id));
  return unique.filter((c) => !known.has(c));
}
