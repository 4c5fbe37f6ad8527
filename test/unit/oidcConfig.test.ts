/** R-ACCESS-1 enterprise sign-in: the configuration says what is wrong, and groups map to a role in order. */
import { loadOidcConfig, mapClaims } from '../../shared/runtime/oidcConfig';

const base = { OIDC_ISSUER: 'https://id.example.test', OIDC_CLIENT_ID: 'aftersales' };
const load = (more: Record<string, string>) => loadOidcConfig('https://svc.example.test', { ...base, ...more })!;

describe('R-ACCESS-1 OpenID Connect configuration', () => {
  it('is off without an issuer, and refuses a mapping it cannot use with the reason', () => {
    expect(loadOidcConfig('http://x', {})).toBeUndefined();
    expect(() => loadOidcConfig('http://x', { OIDC_ISSUER: 'https://id' })).toThrow(/OIDC_CLIENT_ID must be set/);
    expect(() => load({})).toThrow(/OIDC_ROLE_MAP must map at least one group/);
    expect(() => load({ OIDC_ROLE_MAP: 'ops=boss' })).toThrow(/'boss' is not a staff role \(allowed: agent,/);
    expect(() => load({ OIDC_ROLE_MAP: 'ops=agent,oops' })).toThrow(/entry 2 \('oops'\) must be group=value/);
    expect(load({ OIDC_ROLE_MAP: 'ops=agent' })).toMatchObject({
      redirectUri: 'https://svc.example.test/app/sign-in/sso/callback',
      postLogoutRedirectUri: 'https://svc.example.test/app/sign-in',
      groupsClaim: 'groups',
    });
  });

  it('maps the first group that names a role, regions from the claim and from groups; engineers need their id', () => {
    const c = load({
      OIDC_ROLE_MAP: 'admins=admin,ops=dispatcher,field=engineer',
      OIDC_REGION_MAP: 'east-team=east,north-team=north',
    });
    expect(mapClaims(c, { groups: ['ops', 'admins', 'east-team'], regions: ['south'] })).toEqual({
      role: 'admin',
      regions: ['south', 'east'],
    });
    expect(mapClaims(c, { groups: 'ops' })).toEqual({ role: 'dispatcher', regions: [] });
    expect(mapClaims(c, { groups: ['sales'] })).toEqual({
      refused: 'none of your groups (sales) maps to a role here',
    });
    expect(mapClaims(c, {})).toEqual({ refused: 'none of your groups (none) maps to a role here' });
    expect(mapClaims(c, { groups: ['field'] })).toEqual({
      refused: "an engineer's sign-in needs the engineer_id claim",
    });
    expect(mapClaims(c, { groups: ['field'], engineer_id: 'ENG-004' })).toMatchObject({ engineerId: 'ENG-004' });
  });
});
