/**
 * R-ASSET-1: the components a work record replaced become the installed ones (the old serial leaves, the new one
 * comes in, dated, with the request). Idempotent: each replacement is claimed once per request and component.
 */
import { ApplicationFailure } from '@temporalio/activity';
import {
  ReplacementConflict,
  replaceComponent,
  type ComponentReplacement,
} from '../../shared/storage/componentReplacement';
import type { Repositories } from '../../shared/storage/repositories';

export function createComponentActivities(repos: Repositories) {
  return {
    async replaceComponents(r: { requestNo: string; by: string; day: string; components: ComponentReplacement[] }) {
      for (const c of r.components) {
        try {
          await replaceComponent(repos.asset, { ...c, requestNo: r.requestNo, by: r.by, day: r.day });
        } catch (err) {
          if (err instanceof ReplacementConflict)
            throw ApplicationFailure.create({ type: 'NotAllowed', message: err.message, nonRetryable: true });
          throw err;
        }
      }
    },
  };
}
