/**
 * Staff accounts, kept by an admin: create, list, read, deactivate or reactivate, reset the password.
 * Every change is a new version with who made it (account_changes); deactivation and a reset end the
 * account's open sessions at once. Passwords are never shown or stored in the clear.
 */
import { STAFF_ROLES } from '../../shared/common/actor';
import { z } from '../../shared/common/schemaParts';
import { accountStore, publicAccount } from '../../shared/storage/accounts';
import { isDuplicateKey, type Models } from '../../shared/storage/models';
import { HttpError } from '../http/errors';
import { route, type Route } from '../http/routes';

const username = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9._-]{1,39}$/,
    '2 to 40 lower-case letters, digits and . _ - (starting with a letter or digit)',
  );
const password = z.string().min(12, 'at least 12 characters').max(200);

const newAccountSchema = z
  .strictObject({
    username,
    displayName: z.string().trim().min(1).max(120),
    email: z.email().max(200).optional(),
    role: z.enum(STAFF_ROLES),
    engineerId: z.string().max(64).optional(),
    password,
  })
  .refine((a) => a.role !== 'engineer' || !!a.engineerId, {
    path: ['engineerId'],
    message: 'an engineer account names its engineer (engineerId)',
  })
  .openapi('NewAccount');
const accountSchema = z
  .looseObject({ username: z.string(), role: z.string(), active: z.boolean(), version: z.number() })
  .openapi('Account');
const params = z.object({ username });

export function accountRoutes({ models }: { models: Models }): Route<any>[] {
  const accounts = accountStore(models);
  const found = async (name: string) => {
    const a = await models.Account.findById(name).lean();
    if (!a) throw new HttpError(404, `no account ${name}`);
    return a;
  };
  return [
    route({
      method: 'post',
      path: '/admin/accounts',
      summary: 'Create a staff account',
      roles: ['admin'],
      body: newAccountSchema,
      response: accountSchema,
      success: 201,
      handler: async ({ caller, body }) => {
        if (body.engineerId && !(await models.Engineer.exists({ _id: body.engineerId })))
          throw new HttpError(400, `body.engineerId: no engineer ${body.engineerId}`);
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
        items: (await models.Account.find({}).sort({ _id: 1 }).limit(1000).lean()).map(publicAccount),
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
        await found(p.username);
        return publicAccount((await accounts.resetPassword(p.username, body.password, caller.id))!);
      },
    }),
  ];
}
