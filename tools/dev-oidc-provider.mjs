// A local OpenID Connect provider for development and the sign-in tests: oidc-provider (the
// certified Node implementation) with demo users who sign in by picking their name (no password),
// a public client for the pages (authorization code flow with PKCE, refresh tokens), and access
// tokens the hub can verify itself (JWT, for the hub's audience, carrying each user's role and
// binding as claims). Never for production: anyone who reaches it is anyone they like.
//
// node tools/dev-oidc-provider.mjs <settings.json>
//   { port, host?, issuer, audience, resource, accessTokenTtl, keys: { keys: [private JWKs] } | null,
//     clients: [{ client_id, redirect_uris, post_logout_redirect_uris, alg?, client_secret?,
//                 claims? }],
//     users: [{ id, name, claims: { role, district?, platform?, credit_code?, volunteer_id? } }],
//     audiences?: { "<resource>": "<audience>" }, admin?: boolean }
// Settings come from the file (only runtime/config reads the environment). Prints one line,
// "dev oidc provider ready at <issuer>", once it listens. With admin (tests), POST
// /admin/clock?offset=<s> moves this process's clock (a provider whose clock is off issues tokens
// already expired) and GET /admin/stats says how many times its key set was fetched.
// ESM, plain JavaScript: oidc-provider is an ES module only.
import { generateKeyPairSync, randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import Provider from "oidc-provider";

const settings = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const users = new Map(settings.users.map((u) => [u.id, u]));
const clients = new Map(settings.clients.map((c) => [c.client_id, c]));
const audiences = { [settings.resource]: settings.audience, ...(settings.audiences ?? {}) };

/** An RSA key (RS256) and a P-256 key (ES256), made now, when the settings bring none. */
function freshKeys() {
  const stamp = Date.now().toString(36);
  const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({
    format: "jwk",
  });
  const ec = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({
    format: "jwk",
  });
  return {
    keys: [
      { ...rsa, kid: `rs-${stamp}`, alg: "RS256", use: "sig" },
      { ...ec, kid: `es-${stamp}`, alg: "ES256", use: "sig" },
    ],
  };
}

// A clock that can be set off (tests of expired tokens); the provider reads Date.now().
let offsetMs = 0;
const realNow = Date.now;
Date.now = () => realNow() + offsetMs;

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const page = (title, body) => `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem}
button{display:block;width:100%;margin:.4rem 0;padding:.7rem;font-size:1rem;text-align:left;
cursor:pointer}small{color:#666}</style></head><body>${body}</body></html>`;

const hubClaims = (user) => ({ name: user.name, ...user.claims });

const provider = new Provider(settings.issuer, {
  clients: settings.clients.map(({ alg: _alg, claims: _claims, ...client }) => ({
    grant_types: client.client_secret
      ? ["client_credentials"]
      : ["authorization_code", "refresh_token"],
    response_types: client.client_secret ? [] : ["code"],
    token_endpoint_auth_method: client.client_secret ? "client_secret_basic" : "none",
    ...client,
  })),
  jwks: settings.keys ?? freshKeys(),
  cookies: {
    keys: [randomBytes(32).toString("hex")],
    // Plain http on localhost: SameSite=None would need Secure, which the browser refuses.
    long: { httpOnly: true, sameSite: "lax" },
    short: { httpOnly: true, sameSite: "lax" },
  },
  claims: {
    openid: ["sub"],
    profile: ["name", "role", "district", "platform", "credit_code", "volunteer_id"],
  },
  conformIdTokenClaims: false,
  async findAccount(_ctx, id) {
    const user = users.get(id);
    if (!user) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, ...hubClaims(user) }) };
  },
  // The access token carries the user's role and binding: the hub reads them from it.
  async extraTokenClaims(_ctx, token) {
    if (token.kind !== "AccessToken" && token.kind !== "ClientCredentials") return undefined;
    if (token.accountId) {
      const user = users.get(token.accountId);
      return user ? hubClaims(user) : undefined;
    }
    return clients.get(token.clientId)?.claims;
  },
  // First-party clients: signing in is consent.
  async loadExistingGrant(ctx) {
    const { oidc } = ctx;
    const id = oidc.result?.consent?.grantId ?? oidc.session.grantIdFor(oidc.client.clientId);
    if (id) return oidc.provider.Grant.find(id);
    const grant = new oidc.provider.Grant({
      clientId: oidc.client.clientId,
      accountId: oidc.session.accountId,
    });
    grant.addOIDCScope("openid profile offline_access");
    for (const resource of Object.keys(audiences)) grant.addResourceScope(resource, "hub");
    await grant.save();
    return grant;
  },
  issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed("refresh_token"),
  clientBasedCORS(_ctx, origin, client) {
    return (client.redirectUris ?? []).some((uri) => new URL(uri).origin === origin);
  },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  ttl: {
    AccessToken: settings.accessTokenTtl,
    ClientCredentials: settings.accessTokenTtl,
    AuthorizationCode: 60,
    IdToken: 3600,
    RefreshToken: 8 * 3600,
    Interaction: 600,
    Session: 8 * 3600,
    Grant: 8 * 3600,
  },
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    rpInitiatedLogout: {
      enabled: true,
      async logoutSource(ctx, form) {
        ctx.body = page(
          "退出登录 Sign out",
          `<h1>退出登录 · Sign out</h1>${form}
<button autofocus type="submit" form="op.logoutForm" name="logout" value="yes">确认退出 Sign out</button>`,
        );
      },
    },
    resourceIndicators: {
      enabled: true,
      // The pages ask for no resource: their tokens are for the hub.
      defaultResource: async (_ctx, _client, oneOf) => oneOf ?? settings.resource,
      useGrantedResource: async () => true,
      async getResourceServerInfo(_ctx, resource, client) {
        const audience = audiences[resource];
        if (!audience) throw new Provider.errors.InvalidTarget();
        return {
          scope: "hub",
          audience,
          accessTokenTTL: settings.accessTokenTtl,
          accessTokenFormat: "jwt",
          jwt: { sign: { alg: clients.get(client.clientId)?.alg ?? "RS256" } },
        };
      },
    },
  },
});
provider.proxy = false;

/** The demo users as buttons: picking one signs in as that user. */
async function interaction(ctx, uid) {
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  if (ctx.method === "GET") {
    const buttons = settings.users
      .map(
        (u) =>
          `<button name="account" value="${escape(u.id)}">${escape(u.name)}<br><small>${escape(
            Object.values(u.claims).join(" · "),
          )}</small></button>`,
      )
      .join("\n");
    ctx.type = "html";
    ctx.body = page(
      "登录 Sign in",
      `<h1>开发用登录 · Development sign-in</h1>
<p>选择一位演示用户（无需密码）。Pick a demo user (no password).</p>
<form method="post" action="/interaction/${escape(uid)}/login">${buttons}</form>`,
    );
    return;
  }
  const form = new URLSearchParams(await readBody(ctx.req));
  const account = form.get("account") ?? "";
  if (!users.has(account) || details.prompt.name !== "login") {
    ctx.status = 400;
    ctx.body = "unknown demo user";
    return;
  }
  await provider.interactionFinished(
    ctx.req,
    ctx.res,
    { login: { accountId: account } },
    { mergeWithLastSubmission: false },
  );
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** Key-set requests served (the admin's stats: how often the hub fetched the keys). */
let jwksServed = 0;

provider.use(async (ctx, next) => {
  if (ctx.path === "/jwks") jwksServed += 1;
  if (settings.admin && ctx.path === "/admin/stats") {
    ctx.body = { jwksServed };
    return;
  }
  const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(ctx.path);
  if (match) return interaction(ctx, match[1]);
  if (settings.admin && ctx.path === "/admin/clock" && ctx.method === "POST") {
    offsetMs = Number(ctx.query.offset ?? 0) * 1000;
    ctx.body = { offsetSeconds: offsetMs / 1000 };
    return;
  }
  return next();
});

const server = http.createServer(provider.callback());
server.listen(settings.port, settings.host ?? "127.0.0.1", () => {
  console.log(`dev oidc provider ready at ${settings.issuer}`);
});
const stop = () => server.close(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
// Started with an IPC channel (npm start): when that parent goes, stop too.
if (process.send) process.on("disconnect", stop);
