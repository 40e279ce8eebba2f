// Sign-in for the hub's pages (the dashboard, GraphiQL), shared by both: the OpenID Connect
// authorization code flow with PKCE as a public client, written on WebCrypto and fetch, nothing
// loaded from elsewhere. The gateway says how (GET /auth/config: the provider's endpoints and the
// pages' client id). The page sends the browser to the provider; back on the page with a code, it
// exchanges the code (with its verifier) at the token endpoint, keeps the tokens in memory only,
// refreshes the access token before it expires and signs out at the provider's end-session
// endpoint. Only the PKCE verifier and state wait in sessionStorage during the round trip to the
// provider, and are removed as soon as the page is back. Who is signed in, with which role, is
// what the gateway says for the token (GET /auth/me), not what the page reads into it.

export interface SignInSettings {
  issuer: string;
  clientId: string;
  scope: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  endSessionEndpoint: string | null;
}

export interface AuthConfig {
  /** Null: no provider; only pasted development tokens. */
  signIn: SignInSettings | null;
  /** Whether the page offers the box for a pasted token (development, or no provider). */
  pasteToken: boolean;
}

/** The caller as the gateway verified it. */
export interface HubCaller {
  sub: string;
  role: string;
  district?: string;
  platform?: string;
  creditCode?: string;
  volunteerId?: string;
}

export interface Session {
  accessToken: string;
  /** When the access token expires (ms since the epoch). */
  expiresAt: number;
  /** Who signed in, as the provider names them (the ID token's name), for the page to show. */
  name: string;
  caller: HubCaller;
}

interface TokenAnswer {
  access_token: string;
  id_token?: string;
  refresh_token?: string;
  expires_in?: number;
  error?: string;
  error_description?: string;
}

const PENDING = "hub.sign-in.pending";

const base64url = (bytes: ArrayBuffer | Uint8Array) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");

const randomText = (size: number) => base64url(crypto.getRandomValues(new Uint8Array(size)));

/** The claims of a JWT, read without checking it (the name to show; the hub checks tokens). */
function claimsOf(jwt: string | undefined): Record<string, unknown> {
  const part = jwt?.split(".")[1];
  if (!part) return {};
  try {
    const text = atob(part.replace(/-/g, "+").replace(/_/g, "/"));
    return JSON.parse(
      new TextDecoder().decode(Uint8Array.from(text, (c) => c.charCodeAt(0))),
    ) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** How the page signs in: GET /auth/config; null when the gateway cannot say now. */
export async function loadAuthConfig(): Promise<AuthConfig | null> {
  try {
    const response = await fetch("/auth/config", { headers: { accept: "application/json" } });
    return response.ok ? ((await response.json()) as AuthConfig) : null;
  } catch {
    return null;
  }
}

/** Refresh this long before expiry: a quarter of the token's life, between 5 and 60 seconds. */
const refreshLead = (lifetimeMs: number) => Math.min(60_000, Math.max(5_000, lifetimeMs / 4));

export class SignIn {
  private session: Session | null = null;
  private refreshToken: string | undefined;
  private idToken: string | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /**
   * @param settings the provider, from /auth/config
   * @param redirectUri this page's address, registered with the provider's client
   * @param onChange called with the new session (or null) after sign-in, refresh and sign-out
   */
  constructor(
    private readonly settings: SignInSettings,
    private readonly redirectUri: string,
    private readonly onChange: (session: Session | null, problem?: string) => void,
  ) {}

  get current() {
    return this.session;
  }

  /** Sends the browser to the provider's sign-in. */
  async start() {
    const verifier = randomText(32);
    const challenge = base64url(
      await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)),
    );
    const state = randomText(16);
    sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state }));
    const params = new URLSearchParams({
      client_id: this.settings.clientId,
      redirect_uri: this.redirectUri,
      response_type: "code",
      scope: this.settings.scope,
      code_challenge: challenge,
      code_challenge_method: "S256",
      state,
    });
    location.assign(`${this.settings.authorizationEndpoint}?${params}`);
  }

  /**
   * Back from the provider (?code&state, or ?error): exchanges the code. False when this load is
   * not a return from the provider.
   */
  async complete(): Promise<boolean> {
    const url = new URL(location.href);
    const code = url.searchParams.get("code");
    const error = url.searchParams.get("error");
    if (!code && !error) return false;
    const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? "null") as {
      verifier: string;
      state: string;
    } | null;
    sessionStorage.removeItem(PENDING);
    history.replaceState(null, "", url.pathname);
    if (error) {
      this.onChange(null, `登录未完成（${url.searchParams.get("error_description") ?? error}）`);
      return true;
    }
    if (!pending || pending.state !== url.searchParams.get("state")) {
      this.onChange(null, "登录请求已失效或被篡改，请重新登录。");
      return true;
    }
    await this.exchange({
      grant_type: "authorization_code",
      code: code!,
      redirect_uri: this.redirectUri,
      code_verifier: pending.verifier,
    });
    return true;
  }

  /** Forgets the tokens and ends the provider's session (back to this page afterwards). */
  signOut() {
    clearTimeout(this.timer);
    const idToken = this.idToken;
    this.session = null;
    this.refreshToken = this.idToken = undefined;
    this.onChange(null);
    const end = this.settings.endSessionEndpoint;
    if (!end) return;
    const params = new URLSearchParams({
      client_id: this.settings.clientId,
      post_logout_redirect_uri: this.redirectUri,
    });
    if (idToken) params.set("id_token_hint", idToken);
    location.assign(`${end}?${params}`);
  }

  private async exchange(grant: Record<string, string>) {
    let answer: TokenAnswer;
    try {
      const response = await fetch(this.settings.tokenEndpoint, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ ...grant, client_id: this.settings.clientId }),
      });
      answer = (await response.json()) as TokenAnswer;
      if (!response.ok || !answer.access_token)
        throw new Error(answer.error_description ?? answer.error ?? `HTTP ${response.status}`);
    } catch (error) {
      this.session = null;
      this.onChange(null, `登录失败，请重新登录（${(error as Error).message}）。`);
      return;
    }
    const caller = await this.whoIs(answer.access_token);
    if (!caller) return;
    if (answer.refresh_token) this.refreshToken = answer.refresh_token;
    if (answer.id_token) this.idToken = answer.id_token;
    const id = claimsOf(this.idToken);
    const lifetimeMs = (answer.expires_in ?? 300) * 1000;
    this.session = {
      accessToken: answer.access_token,
      expiresAt: Date.now() + lifetimeMs,
      name: [id.name, id.preferred_username].find((n) => typeof n === "string") ?? caller.sub,
      caller,
    };
    this.schedule(lifetimeMs);
    this.onChange(this.session);
  }

  /** The caller the gateway sees for the token; null (and a message) when it refuses it. */
  private async whoIs(token: string): Promise<HubCaller | null> {
    const response = await fetch("/auth/me", { headers: { authorization: `Bearer ${token}` } });
    const body = (await response.json().catch(() => null)) as {
      caller?: HubCaller;
      errors?: Array<{ message: string }>;
    } | null;
    if (response.ok && body?.caller) return body.caller;
    this.session = null;
    this.onChange(null, `枢纽不接受此次登录：${body?.errors?.[0]?.message ?? response.status}`);
    return null;
  }

  private schedule(lifetimeMs: number) {
    clearTimeout(this.timer);
    if (!this.refreshToken) return;
    this.timer = setTimeout(
      () => {
        void this.exchange({ grant_type: "refresh_token", refresh_token: this.refreshToken! });
      },
      lifetimeMs - refreshLead(lifetimeMs),
    );
  }
}

/** "看板用户 · DASHBOARD_VIEWER · 440305": who is signed in, with which role and binding. */
export function describeSession(session: Session): string {
  const { caller } = session;
  const bound =
    caller.district ?? caller.platform ?? caller.creditCode ?? caller.volunteerId ?? undefined;
  return [session.name, caller.role, bound].filter(Boolean).join(" · ");
}
