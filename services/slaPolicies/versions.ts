/**
 * Versioned data (SLA policies, business calendars): every version is claimed by a unique insert of
 * `key@version`, so of two admins publishing at once one wins and the other gets 409; only the holder of
 * the new version writes the current document. Readers see the current one with its version list.
 */
import { HttpError } from '../http/errors';

interface VersionStore {
  current: { get(key: string): Promise<any>; replace(key: string, doc: Record<string, unknown>): Promise<unknown> };
  versions: { claim(doc: Record<string, unknown>): Promise<boolean> };
  versionsOf(key: string, n: number): Promise<any[]>;
}

export async function publishVersion(
  store: VersionStore,
  noun: string,
  key: string,
  body: Record<string, unknown>,
  changedBy: string,
): Promise<Record<string, any>> {
  const current = await store.current.get(key);
  const version = (current?.version ?? 0) + 1;
  const doc = { key, version, ...body };
  if (!(await store.versions.claim({ _id: `${key}@${version}`, ...doc, changedBy })))
    throw new HttpError(
      409,
      `${noun} ${key} was changed at the same time (version ${version} exists); read it again and retry`,
    );
  await store.current.replace(key, doc);
  return doc;
}

/** The current document (404 when there is none) and its versions, oldest first, with who published each and when. */
export async function withVersions(store: VersionStore, noun: string, key: string) {
  const current = await store.current.get(key);
  if (!current) throw new HttpError(404, `no ${noun} ${key}`);
  const earlier = await store.versionsOf(key, current.version);
  const versions = earlier
    .sort((a, b) => a.version - b.version)
    .map((v) => ({ version: v.version, changedBy: v.changedBy ?? null, at: v.createdAt ?? null }));
  return { current, versions };
}
