/**
 * A real OpenID Provider for the sign-on tests (the certified `oidc-provider` package), in a process of its
 * own: its dev login form accepts the logins in OP_USERS (JSON: login → claims), one confidential client
 * (OP_CLIENT: client_id, client_secret, redirect_uri, post_logout_redirect_uri), PKCE required, and
 * RP-initiated sign-out. Prints "op ready <issuer>" when it listens on OP_PORT (loopback).
 */
import Provider from 'oidc-provider';

const port = Number(process.env.OP_PORT);
const users = JSON.parse(process.env.OP_USERS ?? '{}');
const rp = JSON.parse(process.env.OP_CLIENT ?? '{}');
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: rp.client_id,
      client_secret: rp.client_secret,
      redirect_uris: [rp.redirect_uri],
      post_logout_redirect_uris: [rp.post_logout_redirect_uri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  claims: { openid: ['sub'], profile: ['name'], email: ['email'], groups: ['groups', 'regions', 'engineer_id'] },
  scopes: ['openid', 'profile', 'email', 'groups'],
  // The dev login form's "login" is the account id; unknown logins are refused by the provider.
  findAccount: (_ctx, id) => (users[id] ? { accountId: id, claims: () => ({ sub: id, ...users[id] }) } : undefined),
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  pkce: { required: () => true },
  cookies: { keys: ['aftersales-test-op-cookie-key'] },
});
provider.listen(port, '127.0.0.1', () => console.log(`op ready ${issuer}`));
