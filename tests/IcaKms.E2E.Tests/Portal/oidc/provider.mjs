// A certified OpenID provider (panva's oidc-provider) on 127.0.0.1 for the portal's browser tests.
// Everything test-specific comes from the environment variable OIDC_TEST_CONFIG (JSON):
//   { port, clientId, clientSecret, redirectUris: [...], postLogoutRedirectUris: [...],
//     users: [{ name, userName, displayName, groups: [...] }] }
// The provider itself is the library as published: discovery, JWKS, authorization with PKCE required, the token
// endpoint, userinfo and the end-session endpoint. Only the interaction (who signs in) is ours: a page with one
// "Sign in as NAME" button per user, since a test has no password to type.
// It prints "listening ISSUER" once it accepts connections and "token-issued CLIENT" for every code exchanged, so the
// test host waits for a line, never for the clock.
import { createServer } from 'node:http';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import Provider from 'oidc-provider';

const config = JSON.parse(process.env.OIDC_TEST_CONFIG ?? '{}');
const issuer = `http://127.0.0.1:${config.port}`;
const users = new Map(config.users.map((user) => [user.name, user]));

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
// No external fonts or scripts: the browser tests have no network beyond loopback.
const page = (title, body) => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head>`
  + `<body><h1>${escape(title)}</h1>${body}</body></html>`;

const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });

const provider = new Provider(issuer, {
  clients: [{
    client_id: config.clientId,
    client_secret: config.clientSecret,
    redirect_uris: config.redirectUris,
    post_logout_redirect_uris: config.postLogoutRedirectUris,
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  jwks: { keys: [{ ...signingKey, kid: 'icakms-e2e', use: 'sig', alg: 'RS256' }] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  // The code flow must carry a PKCE challenge: a client that forgets it is refused, so the test proves the portal sends one.
  pkce: { required: () => true },
  scopes: ['openid', 'profile', 'email', 'groups'],
  claims: {
    openid: ['sub'],
    profile: ['name', 'preferred_username'],
    email: ['email'],
    groups: ['groups'],
  },
  // The portal reads the claims from the id_token (it does not call userinfo).
  conformIdTokenClaims: false,
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: {
      enabled: true,
      logoutSource: async (ctx, form) => {
        ctx.body = page('Sign out of the test provider?', `${form}<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>`);
      },
      postLogoutSuccessSource: async (ctx) => {
        ctx.body = page('Signed out of the test provider', '');
      },
    },
  },
  renderError: async (ctx, out) => {
    ctx.type = 'html';
    ctx.body = page('Provider error', `<pre>${escape(JSON.stringify(out))}</pre>`);
  },
  findAccount: async (ctx, sub) => {
    const user = users.get(sub);
    return user && {
      accountId: sub,
      claims: async () => ({
        sub,
        name: user.displayName,
        preferred_username: user.userName,
        email: user.userName,
        groups: user.groups,
      }),
    };
  },
  ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, AuthorizationCode: 60, IdToken: 3600 },
});

provider.on('grant.success', (ctx) => console.log(`token-issued ${ctx.oidc.client?.clientId}`));
provider.on('server_error', (ctx, error) => console.error(`server_error ${error?.stack ?? error}`));

const callback = provider.callback();

// The interaction: the person picks a user; that user signs in and consents to what the client asked for.
async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) {
    res.writeHead(400).end('Unknown interaction');
    return;
  }

  if (req.method === 'GET' && action === undefined) {
    const buttons = [...users.values()].map((user) => `<li><form method="post" action="/interaction/${escape(uid)}/login">`
      + `<input type="hidden" name="user" value="${escape(user.name)}"><button type="submit">Sign in as ${escape(user.name)}</button></form></li>`);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(page('Sign in to the test provider', `<ul>${buttons.join('')}</ul>`));
    return;
  }

  if (req.method === 'POST' && action === 'login') {
    let body = '';
    for await (const chunk of req) body += chunk;
    const user = users.get(new URLSearchParams(body).get('user'));
    if (!user) {
      res.writeHead(400).end('Unknown user');
      return;
    }

    const grant = new provider.Grant({ accountId: user.name, clientId: details.params.client_id });
    grant.addOIDCScope(details.params.scope);
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { login: { accountId: user.name }, consent: { grantId } }, { mergeWithLastSubmission: false });
    return;
  }

  res.writeHead(405).end();
}

const server = createServer((req, res) => {
  const match = /^\/interaction\/([^/?]+)(?:\/([a-z]+))?/.exec(req.url);
  if (!match) {
    callback(req, res);
    return;
  }

  interaction(req, res, match[1], match[2]).catch((error) => {
    console.error(`interaction_error ${error?.stack ?? error}`);
    if (!res.headersSent) res.writeHead(500);
    res.end('The interaction failed: see the provider\'s output.');
  });
});

server.on('error', (error) => {
  console.error(`listen_error ${error.code ?? error}`);
  process.exit(2);
});
server.listen(config.port, '127.0.0.1', () => console.log(`listening ${issuer}`));

// The test host ends us by closing our standard input (or killing us): never outlive it.
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
