/**
 * Service tokens an admin issues to other systems (R-ACCESS-1): shown once, listed without the token,
 * refused from the next call once revoked, and only ever valid when this deployment issued them.
 */
import { issueToken } from '../../shared/runtime/auth';
import { startApi, type Api } from '../setup/apiHarness';

let api: Api;
beforeAll(async () => {
  api = await startApi('service-tokens');
}, 120_000);
afterAll(async () => api?.close());

describe('service tokens', () => {
  it('R-ACCESS-1 an issued token works until it is revoked, then is refused at once', async () => {
    const issued = await api.call('POST', '/admin/service-tokens', api.tok.admin, { name: 'erp', expiresInDays: 7 });
    expect(issued.status).toBe(201);
    const { token, tokenId } = issued.body;
    expect(tokenId).toMatch(/^tok_[0-9a-f]{16}$/);
    expect(Date.parse(issued.body.expiresAt) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);

    expect((await api.call('GET', '/stock', token)).status).toBe(200);
    const list = (await api.call('GET', '/admin/service-tokens', api.tok.admin)).body.items;
    expect(list.find((t: { tokenId: string }) => t.tokenId === tokenId)).toMatchObject({
      name: 'erp',
      revokedAt: null,
    });
    expect(JSON.stringify(list)).not.toContain(token);

    expect((await api.call('POST', `/admin/service-tokens/${tokenId}/revoke`, api.tok.admin)).status).toBe(200);
    expect(await api.call('GET', '/stock', token)).toEqual({
      status: 401,
      body: { error: `invalid credentials: token ${tokenId} was revoked` },
    });
    expect((await api.call('POST', `/admin/service-tokens/${tokenId}/revoke`, api.tok.admin)).status).toBe(409);
  });

  it('R-ACCESS-1 a token with an id this deployment never issued is refused; bad lifetimes are 400', async () => {
    const forged = await issueToken(api.config.authSecret, {
      role: 'service',
      id: 'erp',
      tokenId: 'tok_0000000000000000',
    });
    expect((await api.call('GET', '/stock', forged)).body.error).toBe(
      'invalid credentials: this token was not issued here',
    );
    const long = await api.call('POST', '/admin/service-tokens', api.tok.admin, { name: 'erp', expiresInDays: 400 });
    expect(long.status).toBe(400);
    expect(long.body.error).toMatch(/expiresInDays: at most 30 days/);
    expect(
      (await api.call('POST', '/admin/service-tokens', api.tok.dispatcher, { name: 'erp', expiresInDays: 1 })).status,
    ).toBe(403);
    expect((await api.call('GET', '/admin/service-tokens', api.tok.admin)).body.items).toHaveLength(1);
  });
});
