// Signing in over HTTP the way a public client does: the authorization code flow with PKCE against
// a real provider (tests/helpers/oidc-provider.ts). It follows the provider's redirects with its
// cookies, picks the user on the login page, takes the code back at the redirect URI (checking the
// state), and exchanges it with the code verifier at the token endpoint.
import { createHash, randomBytes } from "node:crypto";

export interface TokenSet {
  access_token: string;
  id_token?: string;
  refresh_token?: string;
  expires_in: number;
  token_type: string;
}

export interface SignInOptions {
  clientId: string;
  redirectUri: string;
  /** The demo user's id, as on the provider's login page. */
  user: string;
  scope?: string;
  /** A resource indicator (RFC 8707): a token for another API than the provider's default. */
  resource?: string;
}

const base64url = (bytes: Buffer) => bytes.toString("base64url");

/** A cookie jar for one provider: name=value pairs, as the browser would send them back. */
class Cookies {
  private readonly jar = new Map<string, string>();
  take(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair.indexOf("=");
      this.jar.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
  }
  header() {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

async function endpoints(issuer: string) {
  const response = await fetch(`${issuer}/.well-known/openid-configuration`);
  const doc = (await response.json()) as Record<string, string>;
  return { authorization: doc.authorization_endpoint, token: doc.token_endpoint };
}

/** Follows redirects until one leaves for the client's redirect URI; returns that URL. */
async function follow(start: string, cookies: Cookies, init: RequestInit = {}): Promise<URL> {
  let url = start;
  let request: RequestInit = init;
  for (let hop = 0; hop < 10; hop++) {
    const response = await fetch(url, {
      ...request,
      redirect: "manual",
      headers: { ...(request.headers as Record<string, string>), cookie: cookies.header() },
    });
    cookies.take(response);
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location) {
      const next = new URL(location, url);
      if (next.pathname.startsWith("/interaction/")) return next;
      if (!next.href.startsWith(new URL(url).origin)) return next;
      url = next.href;
      request = {};
      continue;
    }
    throw new Error(
      `expected a redirect from ${url}, got HTTP ${response.status}: ${await response.text()}`,
    );
  }
  throw new Error("too many redirects");
}

export async function signIn(issuer: string, options: SignInOptions): Promise<TokenSet> {
  const { authorization, token } = await endpoints(issuer);
  const verifier = base64url(randomBytes(32));
  const challenge = base64url(createHash("sha256").update(verifier).digest());
  const state = base64url(randomBytes(16));
  const params = new URLSearchParams({
    client_id: options.clientId,
    redirect_uri: options.redirectUri,
    response_type: "code",
    scope: options.scope ?? "openid profile",
    code_challenge: challenge,
    code_challenge_method: "S256",
    state,
  });
  if (options.resource) params.set("resource", options.resource);
  const cookies = new Cookies();
  const login = await follow(`${authorization}?${params.toString()}`, cookies);
  if (!login.pathname.startsWith("/interaction/"))
    throw new Error(`expected the login page, went to ${login.href}`);
  // The login page lists the users; picking one posts its id.
  const pageResponse = await fetch(login, { headers: { cookie: cookies.header() } });
  const html = await pageResponse.text();
  if (!html.includes(`value="${options.user}"`))
    throw new Error(`the login page does not offer ${options.user}`);
  const back = await follow(`${login.href}/login`, cookies, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ account: options.user }).toString(),
  });
  if (!back.href.startsWith(options.redirectUri))
    throw new Error(`expected a redirect to ${options.redirectUri}, went to ${back.href}`);
  if (back.searchParams.get("state") !== state) throw new Error("the state came back changed");
  const code = back.searchParams.get("code");
  if (!code) throw new Error(`no code in ${back.href}`);
  const exchange = await fetch(token, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code,
      redirect_uri: options.redirectUri,
      client_id: options.clientId,
      code_verifier: verifier,
    }).toString(),
  });
  const tokens = (await exchange.json()) as TokenSet & { error?: string };
  if (!exchange.ok) throw new Error(`token exchange failed: ${JSON.stringify(tokens)}`);
  return tokens;
}

/** A refresh at the token endpoint (a public client: no secret). */
export async function refresh(issuer: string, clientId: string, refreshToken: string) {
  const { token } = await endpoints(issuer);
  const response = await fetch(token, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "refresh_token",
      refresh_token: refreshToken,
      client_id: clientId,
    }).toString(),
  });
  const tokens = (await response.json()) as TokenSet;
  if (!response.ok) throw new Error(`refresh failed: ${JSON.stringify(tokens)}`);
  return tokens;
}
