/**
 * Staff sign in with their own accounts (desks issue): argon2id passwords, server-side sessions that end on
 * sign-out, on deactivation and on a password reset at once, a new session id at each sign-in, repeated
 * wrong passwords slowed and then refused (429 with Retry-After) without saying which part was wrong, and
 * the pages' CSRF rule for the API calls a session makes.
 */
import { accountStore } from '../../shared/storage/accounts';
import { startApi, type Api } from '../setup/apiHarness';
import { THROTTLE } from '../../services/pages/signInThrottle';

let api: Api;
let origin: string;
const PASSWORD = 'a long demo passphrase';
beforeAll(async () => {
  api = await startApi('sign-in');
  origin = api.base.replace(/\/api\/v1$/, '');
  const accounts = accountStore(api.models);
  await accounts.create({ username: 'wang', displayName: 'Wang Fang', role: 'dispatcher', password: PASSWORD }, 't');
  await accounts.create(
    { username: 'zhang', displayName: 'Zhang Wei', role: 'engineer', engineerId: 'ENG-001', password: PASSWORD },
    't',
  );
  await accounts.create({ username: 'locked', displayName: 'L', role: 'dispatcher', password: PASSWORD }, 't');
  await accounts.create(
    { username: 'zhang2', displayName: 'Zhang Wei', role: 'engineer', engineerId: 'ENG-001', password: PASSWORD },
    't',
  );
}, 120_000);
afterAll(async () => api?.close());

async function signIn(username: string, password = PASSWORD, from = '127.0.0.1') {
  const res = await fetch(`${origin}/app/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'en', 'x-forwarded-for': from },
    body: new URLSearchParams({ username, password }).toString(),
    redirect: 'manual',
  });
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  return {
    status: res.status,
    location: res.headers.get('location'),
    cookie,
    retryAfter: res.headers.get('retry-after'),
    text: await res.text(),
  };
}
const get = (path: string, cookie?: string) =>
  fetch(origin + path, { headers: cookie ? { cookie } : {}, redirect: 'manual' });

describe('sign-in with an account', () => {
  it('R-ACCESS-1 a dispatcher signs in to their desk; the session reads the API as them; sign-out ends it on the server', async () => {
    const first = await signIn('wang');
    expect(first).toMatchObject({ status: 303, location: '/app/board' });
    expect(first.cookie).toMatch(/^aftersales_session=/);
    const again = await signIn('wang');
    expect(again.cookie).not.toBe(first.cookie); // a new session id at every sign-in
    expect((await get('/app', again.cookie)).headers.get('location')).toBe('/app/board');
    expect((await get('/api/v1/requests?open=true', again.cookie)).status).toBe(200);
    // The API's steps need the pages' header with a session: a cross-site form cannot act with the cookie alone.
    const csrf = await fetch(`${api.base}/requests/SR-20261201-0001/assign`, {
      method: 'POST',
      headers: { cookie: again.cookie!, 'content-type': 'application/json' },
      body: JSON.stringify({ engineerId: 'ENG-002', reason: 'x' }),
    });
    expect(csrf.status).toBe(403);
    await get('/app/sign-out', again.cookie);
    const after = await get('/api/v1/requests?open=true', again.cookie);
    expect(after.status).toBe(401);
    expect(((await after.json()) as { error: string }).error).toMatch(/session has ended/);
    expect((await get('/app/board', again.cookie)).headers.get('location')).toMatch(/^\/app\/sign-in/);
  });

  it('R-ACCESS-1 each role is refused on the others’ desks; deactivation and a password reset end open sessions at once', async () => {
    const engineer = await signIn('zhang');
    expect(engineer.location).toBe('/app/engineer');
    expect((await get('/app/board', engineer.cookie)).status).toBe(403);
    const dispatcher = await signIn('wang');
    expect((await get('/app/engineer', dispatcher.cookie)).status).toBe(403);
    await accountStore(api.models).setActive('zhang', false, 'admin-1');
    expect((await get('/api/v1/requests', engineer.cookie)).status).toBe(401);
    expect((await signIn('zhang')).status).toBe(401); // a deactivated account cannot sign in
    await accountStore(api.models).resetPassword('wang', 'a new passphrase here', 'admin-1');
    expect((await get('/api/v1/requests', dispatcher.cookie)).status).toBe(401);
    expect((await signIn('wang', 'a new passphrase here')).status).toBe(303);
  });

  it('R-ACCESS-1 wrong passwords are slowed, then refused for a while (429), without saying which part was wrong', async () => {
    const unknown = await signIn('nobody', 'whatever', '10.9.9.1');
    const wrong = await signIn('locked', 'wrong', '10.9.9.2');
    expect([unknown.status, wrong.status]).toEqual([401, 401]);
    expect(unknown.text).toContain('Wrong username or password');
    expect(wrong.text).toContain('Wrong username or password');
    for (let i = 1; i < THROTTLE.perUsername; i++) await signIn('locked', 'wrong', `10.9.9.${10 + i}`);
    const refused = await signIn('locked', PASSWORD, '10.9.9.99'); // even the right password
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThan(60);
  }, 60_000);

  it('R-ACCESS-1 an admin creates an engineer account over the API and deactivates it: its open session stops at once', async () => {
    const body = {
      username: 'li.na',
      displayName: 'Li Na',
      role: 'engineer',
      engineerId: 'ENG-002',
      password: PASSWORD,
    };
    expect((await api.call('POST', '/admin/accounts', api.tok.dispatcher, body)).status).toBe(403);
    const bad = await api.call('POST', '/admin/accounts', api.tok.admin, { ...body, engineerId: undefined });
    expect(bad).toMatchObject({ status: 400, body: { error: expect.stringContaining('engineerId') } });
    const created = await api.call('POST', '/admin/accounts', api.tok.admin, body);
    expect(created).toMatchObject({
      status: 201,
      body: { username: 'li.na', role: 'engineer', active: true, version: 1 },
    });
    expect(JSON.stringify(created.body)).not.toContain('argon2'); // the hash is never shown
    expect((await api.call('POST', '/admin/accounts', api.tok.admin, body)).status).toBe(409);
    const session = await signIn('li.na');
    expect(session.location).toBe('/app/engineer');
    expect((await get('/app/engineer', session.cookie)).status).toBe(200);
    const off = await api.call('POST', '/admin/accounts/li.na/deactivate', api.tok.admin);
    expect(off.body).toMatchObject({ active: false, version: 2 });
    expect((await get('/app/engineer', session.cookie)).headers.get('location')).toMatch(/^\/app\/sign-in/);
    expect(await api.models.AccountChange.countDocuments({ username: 'li.na' }).comment('scan: a test looks')).toBe(2);
  });

  it('R-ACCESS-1 a session ends at its absolute lifetime, however busy it is', async () => {
    const session = await signIn('zhang2');
    expect(session.status).toBe(303);
    expect((await get('/api/v1/requests', session.cookie)).status).toBe(200);
    process.env.SESSION_MAX_MS = '1000'; // read at each use: as if twelve hours had passed since sign-in
    try {
      await new Promise((r) => setTimeout(r, 1_200));
      expect((await get('/api/v1/requests', session.cookie)).status).toBe(401);
    } finally {
      delete process.env.SESSION_MAX_MS;
    }
    expect((await get('/api/v1/requests', session.cookie)).status).toBe(401); // ended on the server, not only stale
  });
});
