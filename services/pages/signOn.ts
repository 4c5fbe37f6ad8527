/**
 * Staff sign-in through the company's OpenID Provider (authorization code + PKCE, with `openid-client`,
 * a certified relying party), beside the local accounts. The browser's round trip is one transaction kept
 * on the server for ten minutes and used once: state, nonce and the PKCE verifier never leave it; its id
 * rides in a SameSite=Lax cookie, since the provider's redirect back is a cross-site navigation that the
 * session's Strict cookie does not make. A person whose groups map to no role is refused and nothing is
 * stored; the others get an account of their own (`sso:<subject>`) that the claims keep up to date and an
 * admin can still deactivate; signing out also ends the session at the provider when it offers that.
 */
import { randomBytes } from 'node:crypto';
import type { Request, Response, Router } from 'express';
import { custom, generators, Issuer, type BaseClient } from 'openid-client';
import { mapClaims, type OidcConfig } from '../../shared/runtime/oidcConfig';
import type { Repositories } from '../../shared/storage/repositories';
import { logger } from '../../shared/runtime/logger';
import type { SignedIn } from '../http/sessions';
import { HOME } from './homes';
import { langOf, t } from './i18n';
import { html, page } from './layout';

const FLOW_COOKIE = 'aftersales_sso';
const FLOW_MS = 10 * 60_000;
// A provider that does not answer is reported in seconds, not after the socket's own minutes.
custom.setHttpOptionsDefaults({ timeout: 3_000 });

/** One discovery per provider and process; a failure is forgotten so the next call tries again. */
const discovered = new Map<string, Promise<Issuer>>();
function discover(url: string): Promise<Issuer> {
  let found = discovered.get(url);
  if (!found) {
    found = Issuer.discover(url);
    discovered.set(url, found);
    found.catch(() => discovered.delete(url));
  }
  return found;
}

interface Flow {
  state: string;
  nonce: string;
  verifier: string;
  next?: string;
}

export interface SignOnSession extends SignedIn {
  idToken?: string;
}

export function mountSignOn(router: Router, accounts: Repositories['accounts'], c: OidcConfig): void {
  let client: Promise<BaseClient> | undefined;
  const clientOf = () =>
    (client ??= discover(c.issuer).then(
      (issuer) =>
        new issuer.Client({
          client_id: c.clientId,
          ...(c.clientSecret ? { client_secret: c.clientSecret } : { token_endpoint_auth_method: 'none' }),
          redirect_uris: [c.redirectUri],
          post_logout_redirect_uris: [c.postLogoutRedirectUri],
          response_types: ['code'],
        }),
      (err) => {
        client = undefined;
        throw err;
      },
    ));
  const flowKey = (id: string) => `sso-flow:${id}`;

  router.get('/app/sign-in/sso', async (req, res) => {
    const flow: Flow = {
      state: generators.state(),
      nonce: generators.nonce(),
      verifier: generators.codeVerifier(),
      ...(typeof req.query.next === 'string' && req.query.next.startsWith('/app/') ? { next: req.query.next } : {}),
    };
    let url: string;
    try {
      url = (await clientOf()).authorizationUrl({
        scope: c.scope,
        state: flow.state,
        nonce: flow.nonce,
        code_challenge: generators.codeChallenge(flow.verifier),
        code_challenge_method: 'S256',
      });
    } catch (err) {
      logger.warn({ err: (err as Error).message, issuer: c.issuer }, 'OpenID Provider unreachable');
      return refuse(req, res, 503, t(langOf(req, res), 'ssoUnreachable'), '5');
    }
    const id = randomBytes(18).toString('base64url');
    await accounts.sessions.update(
      flowKey(id),
      { $set: { data: flow, expiresAt: new Date(Date.now() + FLOW_MS) } },
      { upsert: true },
    );
    res.cookie(FLOW_COOKIE, id, { httpOnly: true, sameSite: 'lax', maxAge: FLOW_MS, path: '/app/sign-in/sso' });
    res.redirect(303, url);
  });

  router.get('/app/sign-in/sso/callback', async (req, res) => {
    const L = (k: string) => t(langOf(req, res), k);
    const id = cookieOf(req, FLOW_COOKIE) ?? '';
    const stored = id ? await accounts.sessions.get(flowKey(id)) : undefined;
    if (id) await accounts.sessions.remove(flowKey(id)); // used once, whatever happens next
    res.clearCookie(FLOW_COOKIE, { path: '/app/sign-in/sso' });
    if (!stored || stored.expiresAt < new Date()) return refuse(req, res, 400, L('ssoExpired'));
    const flow = stored.data as Flow;
    let claims: Record<string, unknown>;
    let idToken: string | undefined;
    try {
      const oidc = await clientOf();
      const tokens = await oidc.callback(c.redirectUri, oidc.callbackParams(req), {
        state: flow.state,
        nonce: flow.nonce,
        code_verifier: flow.verifier,
      });
      idToken = tokens.id_token;
      claims = { ...tokens.claims() };
      // Groups are often only in the userinfo answer (they make ID tokens large).
      if (claims[c.groupsClaim] === undefined && tokens.access_token && oidc.issuer.metadata.userinfo_endpoint)
        claims = { ...(await oidc.userinfo(tokens.access_token)), ...claims };
    } catch (err) {
      logger.warn({ err: (err as Error).message }, 'sign-in at the OpenID Provider refused');
      return refuse(req, res, 401, `${L('ssoFailed')}: ${(err as Error).message}`);
    }
    const mapped = mapClaims(c, claims);
    if ('refused' in mapped) return refuse(req, res, 403, `${L('ssoNoRole')}: ${mapped.refused}`);
    const account = await accounts.signOn({
      issuer: c.issuer,
      subject: String(claims.sub),
      displayName: String(claims.name ?? claims.preferred_username ?? claims.sub),
      email: typeof claims.email === 'string' ? claims.email : undefined,
      ...mapped,
    });
    if ('refused' in account) return refuse(req, res, 403, account.refused);
    await new Promise<void>((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));
    Object.assign(req.session as SignOnSession, {
      username: account._id,
      epoch: account.sessionEpoch,
      signedInAt: Date.now(),
      idToken,
    });
    await new Promise<void>((resolve, reject) => req.session.save((err) => (err ? reject(err) : resolve())));
    res.redirect(303, flow.next ?? HOME[mapped.role] ?? '/app');
  });
}

/** Where sign-out sends the browser: the provider's end-session page when it has one, else our sign-in. */
export async function signOutUrl(c: OidcConfig | undefined, idToken: string | undefined): Promise<string> {
  if (!c || !idToken) return '/app/sign-in';
  try {
    const issuer = await discover(c.issuer);
    if (!issuer.metadata.end_session_endpoint) return '/app/sign-in';
    const client = new issuer.Client({ client_id: c.clientId, client_secret: c.clientSecret });
    return client.endSessionUrl({ id_token_hint: idToken, post_logout_redirect_uri: c.postLogoutRedirectUri });
  } catch {
    return '/app/sign-in'; // signed out here; the provider is not reachable to end its own session
  }
}

function cookieOf(req: Request, name: string): string | undefined {
  const found = (req.get('cookie') ?? '').split(/;\s*/).find((p) => p.startsWith(`${name}=`));
  return found ? decodeURIComponent(found.slice(name.length + 1)) : undefined;
}

function refuse(req: Request, res: Response, status: number, message: string, retryAfter?: string): void {
  const lang = langOf(req, res);
  if (retryAfter) res.set('Retry-After', retryAfter);
  const body = html`<p class="error">${message}</p>
    <p><a href="/app/sign-in">${t(lang, 'signIn')}</a></p>`;
  res
    .status(status)
    .type('html')
    .send(page({ req, lang, title: t(lang, 'signIn'), body }));
}
