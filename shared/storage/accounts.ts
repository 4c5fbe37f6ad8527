/**
 * Staff accounts: argon2id password hashes (the `argon2` package), versioned changes, deactivation and
 * reset that end the account's sessions at once (its `sessionEpoch`). Node-only.
 */
import argon2 from 'argon2';
import { createHash } from 'node:crypto';
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
export interface SignOnProfile {
  issuer: string;
  subject: string;
  displayName: string;
  email?: string;
  role: Role;
  engineerId?: string;
  regions: string[];
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
  signOn: (a.signOn as { issuer?: string } | undefined)?.issuer ? 'oidc' : 'password',
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

    /**
     * The account of someone the company's provider signed in: made at their first sign-in, its role,
     * regions and engineer kept to the claims' (a change of role ends its other sessions), refused when
     * an admin deactivated it here or the username belongs to a local account.
     */
    async signOn(p: SignOnProfile): Promise<{ refused: string } | { _id: string; sessionEpoch: number }> {
      // The subject as it is when it is a plain name; otherwise its hash (it goes into URLs and logs).
      const plain = /^[\w.@-]{1,200}$/.test(p.subject);
      const username = `sso:${plain ? p.subject : createHash('sha256').update(p.subject).digest('hex').slice(0, 40)}`;
      const a = await models.Account.findById(username).lean();
      const fields = {
        displayName: p.displayName,
        email: p.email,
        role: p.role,
        engineerId: p.engineerId,
        regions: p.regions,
      };
      if (!a) {
        const signOn = { issuer: p.issuer, subject: p.subject };
        const created = { _id: username, ...fields, signOn, passwordHash: NO_PASSWORD, active: true };
        await models.Account.create({ ...created, sessionEpoch: 0, version: 1 });
        await log(username, 1, `created by sign-in at ${p.issuer}`, username);
        return { _id: username, sessionEpoch: 0 };
      }
      if (a.signOn?.issuer !== p.issuer) return { refused: `${username} is an account of its own here` };
      if (!a.active) return { refused: 'this account has been deactivated here; ask an admin' };
      const changed = (Object.keys(fields) as (keyof typeof fields)[]).filter(
        (k) => JSON.stringify(a[k] ?? null) !== JSON.stringify(fields[k] ?? null),
      );
      if (!changed.length) return a;
      const ends = a.role !== p.role || (a.engineerId ?? null) !== (p.engineerId ?? null);
      return (await change(
        username,
        username,
        `changed ${changed.join(', ')} from the sign-in's claims`,
        fields,
        ends,
      ))!;
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

// Not a hash: no password verifies against it (argon2 refuses to read it), so the account signs in only by SSO.
const NO_PASSWORD = '!sign-on-only';

// A valid argon2id hash of a random string: verified against when the username is unknown.
const DUMMY_HASH = '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$RdescudvJCsgt3ub+b+dWRWJTmaaJObG2E3a3q0/7cI';
