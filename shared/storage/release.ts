/**
 * The release a database was started with (docs/decisions/0008). Release 1.0 folded in every workflow
 * change made before it, so runs started by earlier code cannot replay on it: a database that holds
 * requests but no release mark is refused with a clear message instead of failing workflow tasks later.
 */
import { ignoreDuplicateKey, type Models } from './models';

export const RELEASE = '1.0';
const MARK = `release|${RELEASE}`;

export class ReleaseMismatch extends Error {}

/** Marks an empty database as 1.0; accepts one marked so; refuses one with requests from before. */
export async function claimRelease(models: Models): Promise<void> {
  // The mark sits beside the request lists' slots: a key no slot can have.
  if (await models.UnitRequest.exists({ _id: MARK })) return;
  // Any one request will do: the first document the collection returns, no scan.
  const earlier = await models.ServiceRequest.findOne({}, { _id: 1 }).lean();
  if (earlier)
    throw new ReleaseMismatch(
      `this database holds requests from before release ${RELEASE} (for example ${earlier._id}), whose ` +
        `workflows this code cannot replay. Start on an empty data directory (stop, move data/ away, npm start), ` +
        `or run the release they were started with until they are closed.`,
    );
  await models.UnitRequest.create({ _id: MARK }).catch(ignoreDuplicateKey);
}
