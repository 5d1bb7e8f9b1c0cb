// A real OpenID provider for the sign-in tests (tests/browser/test_oidc.py): panva's certified
// oidc-provider on 127.0.0.1, one client ("samverkan", authorisation code with PKCE), people
// invented below, its own development login page (any password).
//
// Two ways to misbehave on request, so the app's own checks can be seen refusing: after
// GET /test/mode/wrong-audience or /test/mode/expired, the token endpoint's ID token is re-signed
// with the provider's own key for another audience or as long expired. /test/mode/normal undoes it.
//
// PORT, REDIRECT_URI, POST_LOGOUT_URI and CLIENT_SECRET come from the environment; it prints
// "ready" when it listens.
import { SignJWT, decodeJwt, exportJWK, generateKeyPair, importJWK } from 'jose';
import Provider from 'oidc-provider';

const port = Number(process.env.PORT);
const issuer = `http://127.0.0.1:${port}`;

// Who may sign in, and the roles the municipality's directory gives them.
const PEOPLE = {
  sara: { given_name: 'Sara', family_name: 'Säker', roles: ['samverkan-sakerhetsenheten-1287'] },
  kim: { given_name: 'Kim', family_name: 'Polis', roles: ['samverkan-kommunpolis'] },
  nils: { given_name: 'Nils', family_name: 'Utan', roles: ['ett-annat-system'] },
};

const { privateKey } = await generateKeyPair('RS256', { extractable: true });
const jwk = { ...(await exportJWK(privateKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };

const provider = new Provider(issuer, {
  clients: [{
    client_id: 'samverkan',
    client_secret: process.env.CLIENT_SECRET,
    redirect_uris: [process.env.REDIRECT_URI],
    post_logout_redirect_uris: [process.env.POST_LOGOUT_URI],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  jwks: { keys: [jwk] },
  pkce: { required: () => true },
  claims: {
    openid: ['sub'],
    email: ['email'],
    profile: ['given_name', 'family_name', 'preferred_username'],
    roles: ['roles'],
  },
  // The claims go into the ID token itself, as Entra ID puts roles there.
  conformIdTokenClaims: false,
  scopes: ['openid', 'email', 'profile', 'roles'],
  findAccount: async (_ctx, id) => {
    if (!PEOPLE[id]) return undefined;
    return {
      accountId: id,
      claims: async () => ({
        sub: id, email: `${id}@trelleborg.example`, preferred_username: id, ...PEOPLE[id],
      }),
    };
  },
  features: { devInteractions: { enabled: true } },
});
provider.proxy = false;

let mode = 'normal';
const key = await importJWK(jwk, 'RS256');

async function misbehave(idToken) {
  const claims = decodeJwt(idToken);
  const now = Math.floor(Date.now() / 1000);
  if (mode === 'wrong-audience') claims.aud = 'ett-annat-system';
  if (mode === 'expired') Object.assign(claims, { iat: now - 7200, exp: now - 3600 });
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: jwk.kid, typ: 'JWT' }).sign(key);
}

provider.use(async (ctx, next) => {
  const asked = ctx.path.match(/^\/test\/mode\/([a-z-]+)$/);
  if (asked) {
    mode = asked[1];
    ctx.status = 204;
    return;
  }
  await next();
  if (ctx.path === '/token' && mode !== 'normal' && ctx.body?.id_token) {
    ctx.body = { ...ctx.body, id_token: await misbehave(ctx.body.id_token) };
  }
});

provider.listen(port, '127.0.0.1', () => console.log('ready'));
