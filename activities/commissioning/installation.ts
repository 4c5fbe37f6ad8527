/** R-VISIT-7: an accepted commissioning sets the unit's installation date when master data did not know it. */
import type { Repositories } from '../../shared/storage/repositories';

export function createInstallationActivities(repos: Repositories) {
  return {
    /** Idempotent: a date already known (or set by an earlier attempt) is kept. Answers whether it set it. */
    async recordInstallation({
      serialNumber,
      installDate,
    }: {
      serialNumber: string;
      installDate: string;
    }): Promise<boolean> {
      const unit = await repos.masterData.units.get(serialNumber);
      if (!unit || unit.installDate) return false;
      // The warranty runs from the accepted installation when master data had no start for it.
      await repos.masterData.units.update(serialNumber, {
        $set: { installDate, ...(unit.warrantyStart ? {} : { warrantyStart: installDate }) },
      });
      return true;
    },
  };
}
