/**
 * Caller identity: HS256 bearer tokens. Staff and services carry {role, sub}; a customer carries a
 * signed link scoped to one request (role customer, req = request number). Node-only.
 */
import { jwtVerify, SignJWT } from 'jose';
import type { Actor, Role } from '../common/actor';
import { ROLES } from '../common/actor';

export interface Caller extends Actor {
  requestNo?: string;
  /** A service token an admin issued (its jti): checked against the issued tokens, so it can be revoked. */
  tokenId?: string;
}

const key = (secret: string) => new TextEncoder().encode(secret);
const ISSUER = 'aftersales';

export async function issueToken(secret: string, caller: Caller, ttl: string | Date = '12h'): Promise<string> {
  const jwt = new SignJWT({ role: caller.role, ...(caller.requestNo ? { req: caller.requestNo } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(caller.id)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(ttl);
  if (caller.tokenId) jwt.setJti(caller.tokenId);
  return jwt.sign(key(secret));
}

/** A customer's link: only this request, only this customer. */
export const issueCustomerLink = (secret: string, customerId: string, requestNo: string, ttl: string) =>
  issueToken(secret, { role: 'customer', id: customerId, requestNo }, ttl);

/** The longest lifetime (exp - iat, seconds) accepted for staff and service tokens, and for customer links. */
export interface TokenLimits {
  staff: number;
  customer: number;
}

export async function verifyToken(secret: string, token: string, limits: TokenLimits): Promise<Caller> {
  const { payload } = await jwtVerify(token, key(secret), {
    issuer: ISSUER,
    algorithms: ['HS256'],
    requiredClaims: ['exp', 'iat'],
  });
  const role = payload.role as Role;
  const max = role === 'customer' ? limits.customer : limits.staff;
  if (payload.exp! - payload.iat! > max) {
    throw new Error(`token lives longer than the ${Math.round(max / 86_400)} days allowed for role ${role}`);
  }
  if (!ROLES.includes(role) || typeof payload.sub !== 'string') throw new Error('token has no valid role or subject');
  if (role === 'customer' && typeof payload.req !== 'string')
    throw new Error('customer token is not scoped to a request');
  return {
    role,
    id: payload.sub,
    ...(typeof payload.req === 'string' ? { requestNo: payload.req } : {}),
    ...(typeof payload.jti === 'string' ? { tokenId: payload.jti } : {}),
  };
}
