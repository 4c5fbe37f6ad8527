/**
 * Tokens (issue: survive what production does to it, item 8): every token must expire within the
 * configured lifetime, and `?token=` carries customer links only.
 */
import { SignJWT } from 'jose';
import { issueCustomerLink, issueToken } from '../../shared/runtime/auth';
import { startApi, type Api } from '../setup/apiHarness';

let api: Api;
beforeAll(async () => {
  api = await startApi('tokens');
}, 120_000);
afterAll(async () => api?.close());

const sign = (claims: Record<string, unknown>, expiresIn?: string) => {
  const jwt = new SignJWT({ role: 'admin', ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('admin-1')
    .setIssuer('aftersales')
    .setIssuedAt();
  return (expiresIn ? jwt.setExpirationTime(expiresIn) : jwt).sign(new TextEncoder().encode(api.config.authSecret));
};

describe('tokens', () => {
  it('R-INTEGRATE-2 a staff token without an expiry, or one that lives longer than allowed, is refused', async () => {
    expect(await api.call('GET', '/requests', await sign({}))).toEqual({
      status: 401,
      body: { error: 'invalid credentials: missing required "exp" claim' },
    });
    expect(await api.call('GET', '/requests', await sign({}, '36500d'))).toEqual({
      status: 401,
      body: { error: 'invalid credentials: token lives longer than the 30 days allowed for role admin' },
    });
    expect((await api.call('GET', '/requests', await sign({}, '30d'))).status).toBe(200);
  });

  it('R-INTEGRATE-2 ?token= opens customer links only; staff tokens go in the header', async () => {
    const staff = await issueToken(api.config.authSecret, { role: 'agent', id: 'agent-1' });
    const res = await fetch(`${api.base}/requests?token=${staff}`);
    expect({ status: res.status, body: await res.json() }).toEqual({
      status: 401,
      body: { error: 'staff and service tokens go in the Authorization header; ?token= is for customer links' },
    });
    const link = await issueCustomerLink(api.config.authSecret, 'CUST-001', 'SR-20261123-9999', '30d');
    // A customer's link is accepted in the query (here: for a request that does not exist).
    expect((await fetch(`${api.base}/requests/SR-20261123-9999?token=${link}`)).status).toBe(404);
  });
});
