/**
 * Enterprise sign-in for staff (OpenID Connect), configured from the environment; off unless OIDC_ISSUER
 * is set. The provider's groups (or any claim listing names) map to one of our roles and to regions, in
 * the order the mapping is written: the first group that maps to a role decides it. Node-only.
 */
import { STAFF_ROLES, type Role } from '../common/actor';

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  /** Where the provider sends the browser back: `<PUBLIC_URL>/app/sign-in/sso/callback` unless set. */
  redirectUri: string;
  /** Where the provider's sign-out sends the browser back. */
  postLogoutRedirectUri: string;
  scope: string;
  /** The button's label on the sign-in page. */
  name: string;
  groupsClaim: string;
  roleMap: [group: string, role: Role][];
  regionsClaim: string;
  regionMap: [group: string, region: string][];
  /** The claim that names an engineer's engineer id (an engineer's account acts as that engineer). */
  engineerClaim: string;
}

/** `a=b,c=d` → [['a','b'],['c','d']]; a pair without `=` is refused with its position. */
function pairs(name: string, value: string): [string, string][] {
  if (!value.trim()) return [];
  return value.split(',').map((p, i) => {
    const [k, v, ...rest] = p.split('=').map((x) => x.trim());
    if (!k || !v || rest.length) throw new Error(`${name}: entry ${i + 1} ('${p}') must be group=value`);
    return [k, v];
  });
}

export function loadOidcConfig(publicUrl: string, env = process.env): OidcConfig | undefined {
  const issuer = env.OIDC_ISSUER;
  if (!issuer) return undefined;
  if (!env.OIDC_CLIENT_ID) throw new Error('OIDC_CLIENT_ID must be set when OIDC_ISSUER is');
  const roleMap = pairs('OIDC_ROLE_MAP', env.OIDC_ROLE_MAP ?? '').map(([group, role]): [string, Role] => {
    if (!(STAFF_ROLES as readonly string[]).includes(role))
      throw new Error(`OIDC_ROLE_MAP: '${role}' is not a staff role (allowed: ${STAFF_ROLES.join(', ')})`);
    return [group, role as Role];
  });
  if (!roleMap.length) throw new Error('OIDC_ROLE_MAP must map at least one group to a role, e.g. ops=dispatcher');
  return {
    issuer,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    redirectUri: env.OIDC_REDIRECT_URI ?? `${publicUrl}/app/sign-in/sso/callback`,
    postLogoutRedirectUri: env.OIDC_POST_LOGOUT_REDIRECT_URI ?? `${publicUrl}/app/sign-in`,
    scope: env.OIDC_SCOPE ?? 'openid profile email groups',
    name: env.OIDC_NAME ?? 'company sign-in',
    groupsClaim: env.OIDC_GROUPS_CLAIM ?? 'groups',
    roleMap,
    regionsClaim: env.OIDC_REGIONS_CLAIM ?? 'regions',
    regionMap: pairs('OIDC_REGION_MAP', env.OIDC_REGION_MAP ?? ''),
    engineerClaim: env.OIDC_ENGINEER_CLAIM ?? 'engineer_id',
  };
}

export interface MappedStaff {
  role: Role;
  regions: string[];
  engineerId?: string;
}

const names = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [];

/** The role and regions the claims map to; a reason instead when they map to no role we can act on. */
export function mapClaims(c: OidcConfig, claims: Record<string, unknown>): MappedStaff | { refused: string } {
  const groups = names(claims[c.groupsClaim]);
  const role = c.roleMap.find(([g]) => groups.includes(g))?.[1];
  if (!role) return { refused: `none of your groups (${groups.join(', ') || 'none'}) maps to a role here` };
  const regions = [
    ...new Set([
      ...names(claims[c.regionsClaim]),
      ...c.regionMap.filter(([g]) => groups.includes(g)).map(([, r]) => r),
    ]),
  ];
  if (role !== 'engineer') return { role, regions };
  const engineerId = names(claims[c.engineerClaim])[0];
  if (!engineerId) return { refused: `an engineer's sign-in needs the ${c.engineerClaim} claim` };
  return { role, regions, engineerId };
}
