// The OpenID Connect provider's signing keys, held by the gateway. The discovery document is read
// once (retried in the background while the provider cannot be reached), then the key set at its
// `jwks_uri`, again every OIDC_KEYS_REFRESH_SECONDS in the background. A token signed with a key
// the set does not hold (a `kid` the provider has just added) fetches the set again, at most once
// every OIDC_KEYS_REFETCH_SECONDS. A failed fetch never drops the last good set: while the provider
// is down, the keys it published keep serving. jose's createRemoteJWKSet would fail every token
// once its cache expired with the provider down; this keeps jose's local key set over the last
// good document instead.
import { createLocalJWKSet, errors as joseErrors } from "jose";
import type { OidcConfig } from "../runtime/config";
import type { RepeatFilter } from "../runtime/log";

/** What the pages need of the discovery document to sign in. */
export interface ProviderEndpoints {
  authorization: string;
  token: string;
  endSession: string | null;
}

type KeyLookup = ReturnType<typeof createLocalJWKSet>;
type Header = Parameters<KeyLookup>[0];
type Token = Parameters<KeyLookup>[1];

/** No key set was ever obtained: whether a token is good cannot be told now. */
export class NoProviderKeys extends Error {}
/** The token names a key the provider does not publish (after one fetch, when allowed). */
export class UnknownSigningKey extends Error {}

const FETCH_TIMEOUT_MS = 5000;
const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 10_000;

async function getJson(url: string): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    headers: { accept: "application/json" },
    signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
  const body = await response.json();
  if (!body || typeof body !== "object") throw new Error(`${url} did not answer a JSON object`);
  return body as Record<string, unknown>;
}

const stringAt = (doc: Record<string, unknown>, key: string, url: string): string => {
  const value = doc[key];
  if (typeof value !== "string" || !value) throw new Error(`${url} has no ${key}`);
  return value;
};

export class ProviderKeys {
  private lookup: KeyLookup | null = null;
  private jwksUri: string | null = null;
  private discovered: ProviderEndpoints | null = null;
  /** When the key set was last asked for (ms): unknown kids ask again only after refetchMs. */
  private lastFetchAt = 0;
  private fetching: Promise<boolean> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly config: OidcConfig,
    private readonly repeats: RepeatFilter,
    private readonly now: () => number = Date.now,
  ) {}

  /** Starts discovery in the background; the gateway serves meanwhile. */
  start() {
    void this.discover(RETRY_MIN_MS);
  }

  stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** True once a key set was obtained (what /health/ready asks). */
  get ready() {
    return this.lookup !== null;
  }

  /** The provider's endpoints, once its discovery document was read. */
  get endpoints() {
    return this.discovered;
  }

  /** jose's key lookup for jwtVerify: the key of the token's `kid`, fetched again when unknown. */
  readonly key = async (header: Header, token: Token) => {
    if (!this.lookup) {
      // The first fetch may be under way (the gateway has just started): wait for it.
      if (this.fetching) await this.fetching;
      if (!this.lookup) throw new NoProviderKeys();
    }
    try {
      return await this.lookup(header, token);
    } catch (error) {
      if (!(error instanceof joseErrors.JWKSNoMatchingKey)) throw error;
      if (this.now() - this.lastFetchAt < this.config.keysRefetchSeconds * 1000)
        throw new UnknownSigningKey();
      await this.fetchKeys("unknown key");
      try {
        return await this.lookup(header, token);
      } catch (again) {
        if (again instanceof joseErrors.JWKSNoMatchingKey) throw new UnknownSigningKey();
        throw again;
      }
    }
  };

  private async discover(retryMs: number): Promise<void> {
    if (this.stopped) return;
    const issuer = this.config.issuer;
    const url = `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`;
    try {
      const doc = await getJson(url);
      // OpenID Connect Discovery 1.0, 4.3: the document's issuer is the one asked for, exactly.
      if (doc.issuer !== issuer)
        throw new Error(`${url} names issuer ${String(doc.issuer)}, not ${issuer}`);
      this.jwksUri = stringAt(doc, "jwks_uri", url);
      this.discovered = {
        authorization: stringAt(doc, "authorization_endpoint", url),
        token: stringAt(doc, "token_endpoint", url),
        endSession: typeof doc.end_session_endpoint === "string" ? doc.end_session_endpoint : null,
      };
    } catch (error) {
      this.repeats.warn(
        "oidc discovery",
        { issuer, reason: (error as Error).message, retryInMs: retryMs },
        "identity provider not reached; trying again",
      );
      this.schedule(() => this.discover(Math.min(retryMs * 2, RETRY_MAX_MS)), retryMs);
      return;
    }
    const ok = await this.fetchKeys("start");
    this.scheduleRefresh(ok ? this.config.keysRefreshSeconds * 1000 : RETRY_MIN_MS);
  }

  private scheduleRefresh(ms: number) {
    this.schedule(async () => {
      await this.fetchKeys("refresh");
      // Until a first set is obtained, again soon (twice as late each time); then every refresh.
      this.scheduleRefresh(
        this.lookup ? this.config.keysRefreshSeconds * 1000 : Math.min(ms * 2, RETRY_MAX_MS),
      );
    }, ms);
  }

  private schedule(run: () => Promise<void>, ms: number) {
    if (this.stopped) return;
    this.timer = setTimeout(() => void run(), ms);
    this.timer.unref();
  }

  /** Fetches the key set once (concurrent askers share the fetch); false when it failed. */
  private fetchKeys(why: string): Promise<boolean> {
    if (this.fetching) return this.fetching;
    const uri = this.jwksUri;
    if (!uri) return Promise.resolve(false);
    this.lastFetchAt = this.now();
    this.fetching = getJson(uri)
      .then((doc) => {
        const keys = Array.isArray(doc.keys) ? doc.keys : null;
        if (!keys) throw new Error(`${uri} has no "keys" array`);
        // Signing keys only: an encryption key never verifies a token.
        const set = { keys: keys.filter((k) => k && (k as { use?: string }).use !== "enc") };
        this.lookup = createLocalJWKSet(set);
        this.repeats.info(
          "oidc keys",
          { why, kids: set.keys.map((k) => (k as { kid?: string }).kid ?? null) },
          "identity provider keys loaded",
        );
        return true;
      })
      .catch((error: Error) => {
        this.repeats.warn(
          "oidc keys",
          { why, reason: error.message, keeping: this.lookup !== null },
          "identity provider keys not fetched; the last ones keep serving",
        );
        return false;
      })
      .finally(() => {
        this.fetching = null;
      });
    return this.fetching;
  }
}
