/**
 * Staff sign-in with their own account (username and password), a new session id at every sign-in,
 * sign-out that ends the session on the server, and `/app` that lands each role on its desk.
 */
import express, { type Request, type Response, type Router } from 'express';
import type { Role } from '../../shared/common/actor';
import type { Repositories } from '../../shared/storage/repositories';
import { sessionCaller, SESSION_COOKIE, type SignedIn } from '../http/sessions';
import { langOf, t } from './i18n';
import { html, page } from './layout';
import { SignInThrottle } from './signInThrottle';
import { HOME } from './homes';
import { mountSignOn, signOutUrl, type SignOnSession } from './signOn';
import type { OidcConfig } from '../../shared/runtime/oidcConfig';

export function mountSignIn(
  router: Router,
  accounts: Repositories['accounts'],
  oidc?: OidcConfig,
  throttle = new SignInThrottle(),
): void {
  if (oidc) mountSignOn(router, accounts, oidc);
  router.get('/app', async (req, res) => {
    const caller = await sessionCaller(req, accounts);
    const home = caller && caller !== 'ended' ? HOME[caller.role] : undefined;
    res.redirect(303, home ?? '/app/sign-in');
  });
  const form = (req: Request, res: Response, status?: number, error?: string) =>
    signInPage(req, res, status, error, oidc?.name);
  router.get('/app/sign-in', (req, res) => form(req, res));
  router.post('/app/sign-in', express.urlencoded({ extended: false, limit: '8kb' }), async (req, res) => {
    const username = typeof req.body?.username === 'string' ? req.body.username.trim() : '';
    const password = typeof req.body?.password === 'string' ? req.body.password : '';
    const address = req.ip ?? 'unknown';
    const wait = throttle.retryAfter(username, address);
    if (wait > 0) {
      res.set('Retry-After', String(wait));
      return form(req, res, 429, t(langOf(req, res), 'tooManyTries'));
    }
    const account = username && password ? await accounts.verify(username, password) : undefined;
    if (!account) {
      await new Promise((r) => setTimeout(r, throttle.failed(username, address)));
      return form(req, res, 401, t(langOf(req, res), 'wrongCredentials'));
    }
    throttle.succeeded(username);
    const home = HOME[account.role as Role];
    if (!home) return form(req, res, 403, `role ${account.role} has no desk yet; use the API (/docs)`);
    // A new session id at sign-in: an id planted before sign-in is worth nothing after it.
    await new Promise<void>((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));
    Object.assign(req.session as SignedIn, {
      username: account._id,
      epoch: account.sessionEpoch,
      signedInAt: Date.now(),
    });
    await new Promise<void>((resolve, reject) => req.session.save((err) => (err ? reject(err) : resolve())));
    const next = typeof req.query.next === 'string' && req.query.next.startsWith('/app/') ? req.query.next : home;
    res.redirect(303, next);
  });
  router.get('/app/sign-out', async (req, res) => {
    const idToken = (req.session as SignOnSession | undefined)?.idToken;
    if (req.session) await new Promise((r) => req.session.destroy(r));
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    // Signed in by the company's provider: its session ends too, or the next sign-in would be silent.
    res.redirect(303, await signOutUrl(oidc, idToken));
  });
}

function signInPage(req: Request, res: Response, status = 200, error?: string, ssoName?: string): void {
  const lang = langOf(req, res);
  const L = (k: string) => t(lang, k);
  const body = html`<form
      method="post"
      class="sign-in"
      action="/app/sign-in${req.query.next ? `?next=${encodeURIComponent(String(req.query.next))}` : ''}"
    >
      ${error ? html`<p class="error">${error}</p>` : ''}
      <label>${L('username')} <input name="username" autocomplete="username" required /></label>
      <label>${L('password')} <input name="password" type="password" autocomplete="current-password" required /></label>
      <button type="submit">${L('signIn')}</button>
    </form>
    ${
      ssoName
        ? html`<p class="sign-in">
            <a
              class="button"
              id="sso"
              href="/app/sign-in/sso${req.query.next ? `?next=${encodeURIComponent(String(req.query.next))}` : ''}"
              >${L('ssoSignIn')} (${ssoName})</a
            >
          </p>`
        : ''
    }`;
  res
    .status(status)
    .type('html')
    .send(page({ req, lang, title: L('signIn'), body }));
}
