/**
 * Release 1.0 folded in every workflow change made before it (docs/decisions/0008): a database that holds
 * requests from before is refused with what to do, never left to fail workflow tasks; a new one is marked.
 */
import { claimRelease, ReleaseMismatch } from '../../shared/storage/release';
import { freshDatabase } from '../setup/env';

it('R-RECORD-1 an empty database is marked 1.0 and accepted again; one with earlier requests is refused', async () => {
  const fresh = await freshDatabase();
  await claimRelease(fresh.models);
  await fresh.models.ServiceRequest.create({ _id: 'SR-20261201-0001', requestNo: 'SR-20261201-0001', version: 1 });
  await expect(claimRelease(fresh.models)).resolves.toBeUndefined(); // marked: its requests are 1.0's
  await fresh.conn.close();

  const earlier = await freshDatabase();
  await earlier.models.ServiceRequest.create({ _id: 'SR-20261101-0001', requestNo: 'SR-20261101-0001', version: 1 });
  const refused = claimRelease(earlier.models);
  await expect(refused).rejects.toBeInstanceOf(ReleaseMismatch);
  await expect(claimRelease(earlier.models)).rejects.toThrow(
    /holds requests from before release 1\.0 \(for example SR-20261101-0001\).*Start on an empty data directory/,
  );
  await earlier.conn.close();
});
