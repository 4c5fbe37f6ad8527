/**
 * Staff accounts: argon2id password hashes (the `argon2` package), versioned changes, deactivation and
 * reset that end the account's sessions at once (its `sessionEpoch`). Node-only.
 */
import argon2 from 'argon2';
import type { Role } from '../common/actor';
import type { Models } from './models';

export interface NewAccount {
  username: string;
  displayName: string;
  email?: string;
  role: Role;
  engineerId?: string;
  regions?: string[];
  password: string;
}
export type AccountChanges = Partial<Omit<NewAccount, 'username' | 'password'>>;

export type AccountRow = NonNullable<Awaited<ReturnType<Models['Account']['findById']>>>;

/** What the API shows of an account (never its hash). */
export const publicAccount = (a: { _id: string } & Record<string, unknown>) => ({
  username: a._id,
  displayName: a.displayName,
  email: a.email ?? null,
  role: a.role,
  engineerId: a.engineerId ?? null,
  regions: a.regions ?? [],
  active: a.active,
  version: a.version,
});

export function accountStore(models: Models) {
  const log = (username: string, version: number, change: string, by: string) =>
    models.AccountChange.create({ _id: `${username}@${version}`, username, version, change, by, at: new Date() });

  return {
    /** A unique insert: a second account with the username is refused (duplicate key). */
    async create(a: NewAccount, by: string) {
      const passwordHash = await argon2.hash(a.password, { type: argon2.argon2id });
      const { password: _p, username, ...rest } = a;
      await models.Account.create({ _id: username, ...rest, passwordHash, active: true, sessionEpoch: 0, version: 1 });
      await log(username, 1, 'created', by);
    },

    /** The account if the password is right and it is active; undefined otherwise (never says which). */
    async verify(username: string, password: string) {
      const a = await models.Account.findById(username).lean();
      // A hash is checked even for an unknown username, so the answer takes as long either way.
      const ok = await argon2.verify(a?.passwordHash ?? DUMMY_HASH, password).catch(() => false);
      return a && ok && a.active ? a : undefined;
    },

    async setActive(username: string, active: boolean, by: string) {
      return change(username, by, active ? 'reactivated' : 'deactivated', { active }, true);
    },

    /** Name, e-mail, role, engineer or regions; a new role or engineer ends the account's sessions. */
    async edit(username: string, changes: AccountChanges, by: string) {
      const a = await models.Account.findById(username).lean();
      const ends = !!a && ((!!changes.role && changes.role !== a.role) || changes.engineerId !== undefined);
      return change(username, by, `changed ${Object.keys(changes).join(', ')}`, changes, ends);
    },

    async resetPassword(username: string, password: string, by: string) {
      const passwordHash = await argon2.hash(password, { type: argon2.argon2id });
      return change(username, by, 'password reset', { passwordHash }, true);
    },
  };

  /** One writer per account (the admin's call): read, bump the version, write by `_id`, log the change. */
  async function change(
    username: string,
    by: string,
    what: string,
    set: Record<string, unknown>,
    endSessions: boolean,
  ) {
    const a = await models.Account.findById(username).lean();
    if (!a) return undefined;
    const version = a.version + 1;
    const sessionEpoch = endSessions ? a.sessionEpoch + 1 : a.sessionEpoch;
    await models.Account.updateOne({ _id: username }, { $set: { ...set, version, sessionEpoch } });
    await log(username, version, what, by);
    return { ...a, ...set, version, sessionEpoch };
  }
}

// A valid argon2id hash of a random string: verified against when the username is unknown.
const DUMMY_HASH = '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$RdescudvJCsgt3ub+b+dWRWJTmaaJObG2E3a3q0/7cI';
