/** Price list lookups by code, each by `_id` (`$in` scans on FerretDB). Node-only. */
import { keyed } from './keyed';
import type { Models } from './models';

/** The codes the price list does not have. */
export async function unknownPriceCodes(models: Models, codes: string[]): Promise<string[]> {
  const unique = [...new Set(codes)];
  const known = new Set((await keyed(models.Price).getMany(unique, { _id: 1 })).map((p) => p._id));
  return unique.filter((c) => !known.has(c));
}
