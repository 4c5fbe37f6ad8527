/**
 * Every staff role lands on its own desk at sign-in and is refused (403) on the desks of other roles
 * (desks issue, R-ACCESS-1): the whole matrix, so a new page cannot open to the wrong people unnoticed.
 */
import { STAFF_ROLES, type Role } from '../../shared/common/actor';
import { accountStore } from '../../shared/storage/accounts';
import { startApi, type Api } from '../setup/apiHarness';

let api: Api;
let origin: string;
const PASSWORD = 'a long demo passphrase';
beforeAll(async () => {
  api = await startApi('desk-access');
  origin = api.base.replace(/\/api\/v1$/, '');
  const accounts = accountStore(api.models);
  for (const role of STAFF_ROLES)
    await accounts.create(
      {
        username: `as-${role}`,
        displayName: role,
        role,
        password: PASSWORD,
        ...(role === 'engineer' ? { engineerId: 'ENG-001' } : {}),
      },
      't',
    );
}, 120_000);
afterAll(async () => api?.close());

/** Each desk page and the roles that may open it. */
const DESKS: [string, Role[]][] = [
  ['/app/agent', ['agent', 'admin']],
  ['/app/complaints/new', ['agent', 'admin']],
  ['/app/board', ['dispatcher', 'admin']],
  ['/app/maintenance', ['dispatcher', 'admin']],
  ['/app/engineer', ['engineer']],
  ['/app/support', ['support', 'admin']],
  ['/app/quality', ['quality', 'admin']],
  ['/app/dashboard', ['dispatcher', 'quality', 'manager', 'admin']],
  ['/app/admin', ['admin']],
  ['/app/admin/data/customers', ['admin']],
  ['/app/admin/policies', ['admin']],
  ['/app/admin/integrations', ['admin']],
];
const HOME: Record<string, string> = {
  agent: '/app/agent',
  dispatcher: '/app/board',
  engineer: '/app/engineer',
  support: '/app/support',
  quality: '/app/quality',
  manager: '/app/dashboard',
  admin: '/app/admin',
};

it('R-ACCESS-1 R-DESK-1 each role lands on its desk and is refused on every desk of another role', async () => {
  const seen: string[] = [];
  for (const role of STAFF_ROLES) {
    const res = await fetch(`${origin}/app/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: `as-${role}`, password: PASSWORD }).toString(),
      redirect: 'manual',
    });
    expect(res.headers.get('location')).toBe(HOME[role]);
    const cookie = res.headers.get('set-cookie')!.split(';')[0];
    for (const [path] of DESKS) {
      const status = (await fetch(origin + path, { headers: { cookie }, redirect: 'manual' })).status;
      seen.push(`${role} ${path} ${status}`);
    }
  }
  const expected = STAFF_ROLES.flatMap((role) =>
    DESKS.map(([path, roles]) => `${role} ${path} ${roles.includes(role) ? 200 : 403}`),
  );
  expect(seen).toEqual(expected);
});
