/**
 * Staff accounts, kept by an admin: create, list, read, deactivate or reactivate, reset the password.
 * Every change is a new version with who made it (account_changes); deactivation and a reset end the
 * account's open sessions at once. Passwords are never shown or stored in the clear.
 */
import { STAFF_ROLES } from '../../shared/common/actor';
import { z } from '../../shared/common/schemaParts';
import { publicAccount } from '../../shared/storage/accounts';
import { isDuplicateKey, type Repositories } from '../../shared/storage/repositories';
import { HttpError } from '../http/errors';
import { route, type Route } from '../http/routes';

const username = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9._-]{1,39}$/,
    '2 to 40 lower-case letters, digits and . _ - (starting with a letter or digit)',
  );
/** An account the company's sign-in made (`sso:<subject>`, shared/storage/accounts.ts) can be addressed too. */
const accountName = z.union([
  username,
  z.string().regex(/^sso:[\w.@-]{1,200}$/, 'or sso: and the subject of an account made by the company sign-in'),
]);
const password = z.string().min(12, 'at least 12 characters').max(200);

const fields = {
  displayName: z.string().trim().min(1).max(120),
  email: z.email().max(200).optional(),
  role: z.enum(STAFF_ROLES),
  engineerId: z.string().max(64).optional(),
  regions: z
    .array(z.string().trim().min(1).max(64))
    .max(20)
    .optional()
    .openapi({ description: 'where the person works (a dispatcher’s board opens on their region)' }),
};
const newAccountSchema = z
  .strictObject({ username, ...fields, password })
  .refine((a) => a.role !== 'engineer' || !!a.engineerId, {
    path: ['engineerId'],
    message: 'an engineer account names its engineer (engineerId)',
  })
  .openapi('NewAccount');
const accountChangeSchema = z
  .strictObject(fields)
  .partial()
  .refine((a) => Object.keys(a).length > 0, {
    message: 'nothing to change: send displayName, email, role, engineerId or regions',
  })
  .openapi('AccountChange');
const accountSchema = z
  .looseObject({
    username: z.string(),
    role: z.string(),
    active: z.boolean(),
    version: z.number(),
    signOn: z.enum(['password', 'oidc']).openapi({ description: 'oidc: made and kept by the company sign-in' }),
  })
  .openapi('Account');
const params = z.object({ username: accountName });

export function accountRoutes({ repos }: { repos: Repositories }): Route<any>[] {
  const { accounts: store, masterData } = repos;
  const accounts = store;
  const found = async (name: string) => {
    const a = await store.accounts.get(name);
    if (!a) throw new HttpError(404, `no account ${name}`);
    return a;
  };
  /** 409 for what the company's provider decides: the next sign-in would undo it. */
  const local = async (name: string, what: string) => {
    const a = await found(name);
    if (a.signOn?.issuer)
      throw new HttpError(
        409,
        `${name} signs in through the company's provider, which sets its ${what}; deactivate it here to stop it`,
      );
    return a;
  };
  /** The engineer and regions an account names must exist (by _id: no scan). */
  const checkRefs = async (a: { engineerId?: string; regions?: string[] }) => {
    if (a.engineerId && !(await masterData.engineers.has(a.engineerId)))
      throw new HttpError(400, `body.engineerId: no engineer ${a.engineerId}`);
    for (const r of a.regions ?? [])
      if (!(await masterData.regions.has(r))) throw new HttpError(400, `body.regions: no region ${r}`);
  };
  return [
    route({
      method: 'put',
      path: '/admin/accounts/:username',
      summary: 'Change an account (name, e-mail, role, engineer, regions); a new role ends its sessions',
      roles: ['admin'],
      params,
      body: accountChangeSchema,
      response: accountSchema,
      handler: async ({ caller, params: p, body }) => {
        const a = await local(p.username, 'name, role and regions');
        const role = body.role ?? a.role;
        if (role === 'engineer' && !(body.engineerId ?? a.engineerId))
          throw new HttpError(400, 'body.engineerId: an engineer account names its engineer (engineerId)');
        if (p.username === caller.id && body.role && body.role !== 'admin')
          throw new HttpError(409, 'an admin cannot take the admin role from their own account');
        await checkRefs(body);
        return publicAccount((await accounts.edit(p.username, body, caller.id))!);
      },
    }),
    route({
      method: 'post',
      path: '/admin/accounts',
      summary: 'Create a staff account',
      roles: ['admin'],
      body: newAccountSchema,
      response: accountSchema,
      success: 201,
      handler: async ({ caller, body }) => {
        await checkRefs(body);
        try {
          await accounts.create(body, caller.id);
        } catch (err) {
          if (isDuplicateKey(err)) throw new HttpError(409, `account ${body.username} exists already`);
          throw err;
        }
        return publicAccount(await found(body.username));
      },
    }),
    route({
      method: 'get',
      path: '/admin/accounts',
      summary: 'List staff accounts',
      roles: ['admin'],
      response: z.object({ items: z.array(accountSchema) }),
      handler: async () => ({
        items: (await store.all(1000)).map(publicAccount),
      }),
    }),
    route({
      method: 'post',
      path: '/admin/accounts/:username/deactivate',
      summary: 'Deactivate an account (its sessions end at once)',
      roles: ['admin'],
      params,
      response: accountSchema,
      handler: async ({ caller, params: p }) => {
        await found(p.username);
        if (p.username === caller.id) throw new HttpError(409, 'an admin cannot deactivate their own account');
        return publicAccount((await accounts.setActive(p.username, false, caller.id))!);
      },
    }),
    route({
      method: 'post',
      path: '/admin/accounts/:username/reactivate',
      summary: 'Reactivate an account',
      roles: ['admin'],
      params,
      response: accountSchema,
      handler: async ({ caller, params: p }) => {
        await found(p.username);
        return publicAccount((await accounts.setActive(p.username, true, caller.id))!);
      },
    }),
    route({
      method: 'post',
      path: '/admin/accounts/:username/password',
      summary: 'Reset the password of an account (its sessions end at once)',
      roles: ['admin'],
      params,
      body: z.strictObject({ password }),
      response: accountSchema,
      handler: async ({ caller, params: p, body }) => {
        await local(p.username, 'password');
        return publicAccount((await accounts.resetPassword(p.username, body.password, caller.id))!);
      },
    }),
  ];
}
