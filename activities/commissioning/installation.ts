/** R-VISIT-7: an accepted commissioning sets the unit's installation date when master data did not know it. */
import type { Models } from '../../shared/storage/models';

export function createInstallationActivities(models: Models) {
  return {
    /** Idempotent: a date already known (or set by an earlier attempt) is kept. Answers whether it set it. */
    async recordInstallation({
      serialNumber,
      installDate,
    }: {
      serialNumber: string;
      installDate: string;
    }): Promise<boolean> {
      const unit = await models.Unit.findById(serialNumber).lean();
      if (!unit || unit.installDate) return false;
      // The warranty runs from the accepted installation when master data had no start for it.
      await models.Unit.updateOne(
        { _id: serialNumber },
        { $set: { installDate, ...(unit.warrantyStart ? {} : { warrantyStart: installDate }) } },
      );
      return true;
    },
  };
}
