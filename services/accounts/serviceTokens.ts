/**
 * Service tokens for other systems (R-ACCESS-1): an admin issues one for a named system with an expiry
 * (the token is shown once, only its id is kept), lists them, and revokes one, which stops it at once.
 */
import { randomBytes } from 'node:crypto';
import { issueToken } from '../../shared/runtime/auth';
import { z } from '../../shared/common/schemaParts';
import type { Repositories } from '../../shared/storage/repositories';
import { HttpError } from '../http/errors';
import { route, type Route } from '../http/routes';

const DAY = 86_400_000;
const tokenView = z
  .looseObject({ tokenId: z.string(), name: z.string(), expiresAt: z.string(), revokedAt: z.string().nullable() })
  .openapi('ServiceToken');
const idParam = z.strictObject({
  tokenId: z.string().regex(/^tok_[0-9a-f]{16}$/, 'a token id like tok_0123456789abcdef'),
});

type Row = { _id: string; name: string; createdBy?: string | null; expiresAt?: Date | null; revokedAt?: Date | null };
const shown = (t: Row) => ({
  tokenId: t._id,
  name: t.name,
  createdBy: t.createdBy ?? null,
  expiresAt: t.expiresAt?.toISOString() ?? '',
  revokedAt: t.revokedAt?.toISOString() ?? null,
  expired: !!t.expiresAt && t.expiresAt.getTime() <= Date.now(),
});

export function serviceTokenRoutes(deps: { repos: Repositories; secret: string; maxSeconds: number }): Route<any>[] {
  const { serviceTokens: tokens, latestTokens } = deps.repos.accounts;
  const maxDays = Math.floor(deps.maxSeconds / 86_400);
  const issueSchema = z
    .strictObject({
      name: z
        .string()
        .trim()
        .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'the system, in lower case: letters, digits and . _ -, 2 to 64'),
      expiresInDays: z
        .number()
        .int()
        .min(1)
        .max(maxDays, `at most ${maxDays} days (STAFF_TOKEN_MAX_TTL)`)
        .openapi({ description: `the token's lifetime in days, 1 to ${maxDays}` }),
    })
    .openapi('ServiceTokenIssue');
  return [
    route<z.infer<typeof issueSchema>>({
      method: 'post',
      path: '/admin/service-tokens',
      response: tokenView.extend({ token: z.string() }),
      summary: 'Issue a token for another system (role service); the answer shows the token once',
      roles: ['admin'],
      body: issueSchema,
      success: 201,
      handler: async ({ caller, body }) => {
        const tokenId = `tok_${randomBytes(8).toString('hex')}`;
        const expiresAt = new Date(Date.now() + body.expiresInDays * DAY);
        // Recorded before it is signed: a token never exists that the record does not know.
        await tokens.add({ _id: tokenId, name: body.name, createdBy: caller.id, expiresAt });
        const row = (await tokens.get(tokenId)) as Row;
        const token = await issueToken(deps.secret, { role: 'service', id: body.name, tokenId }, expiresAt);
        return { ...shown(row), token };
      },
    }),
    route({
      method: 'get',
      path: '/admin/service-tokens',
      response: z.object({ items: z.array(tokenView) }).openapi('ServiceTokenList'),
      summary: 'List issued service tokens (never the tokens themselves)',
      roles: ['admin'],
      handler: async () => ({
        items: ((await latestTokens(500)) as Row[]).map(shown),
      }),
    }),
    route({
      method: 'post',
      path: '/admin/service-tokens/:tokenId/revoke',
      response: tokenView,
      summary: 'Revoke a service token: it is refused from the next call on',
      roles: ['admin'],
      params: idParam,
      handler: async ({ caller, params }) => {
        const row = (await tokens.get(params.tokenId)) as Row | null;
        if (!row) throw new HttpError(404, `no service token ${params.tokenId}`);
        if (row.revokedAt) throw new HttpError(409, `token ${params.tokenId} is already revoked`);
        await tokens.update(params.tokenId, { $set: { revokedAt: new Date(), revokedBy: caller.id } });
        return shown({ ...row, revokedAt: new Date() });
      },
    }),
  ];
}
