/**
 * The service policy and the SLA policies, each with its versions (key@version, claimed by a unique
 * insert): read by key; the SLA policies' list is master data an admin keeps small.
 */
import { keyed } from '../keyed';
import type { Models } from '../models';

/** The ids of versions 1..n of a policy: each read by `_id` (`$in` scans on FerretDB). */
const versionIds = (key: string, n: number) => Array.from({ length: n }, (_, i) => `${key}@${i + 1}`);

export function servicePolicyRepository(m: Models) {
  const versions = keyed(m.PolicyVersion);
  return {
    policies: keyed(m.Policy),
    versions,
    versionsOf: (key: string, n: number) => versions.getMany(versionIds(key, n)),
  };
}

export function slaPoliciesRepository(m: Models) {
  const versions = keyed(m.SlaPolicyVersion);
  return {
    policies: keyed(m.SlaPolicy),
    versions,
    versionsOf: (key: string, n: number) => versions.getMany(versionIds(key, n)),
    all: (limit = 1000) => m.SlaPolicy.find({}).sort({ _id: 1 }).limit(limit).lean(),
  };
}

/** Business calendars (R-SLA-6), versioned like the SLA policies; an admin keeps the list small. */
export function calendarsRepository(m: Models) {
  const versions = keyed(m.CalendarVersion);
  return {
    calendars: keyed(m.Calendar),
    versions,
    versionsOf: (key: string, n: number) => versions.getMany(versionIds(key, n)),
    all: (limit = 1000) => m.Calendar.find({}).sort({ _id: 1 }).limit(limit).lean(),
  };
}
