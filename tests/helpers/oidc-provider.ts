// A real OpenID Connect provider for tests: tools/dev-oidc-provider.mjs (oidc-provider, the
// certified implementation) as a process of its own, on a port chosen up front so that it can be
// stopped and started again where the hub expects it, with new keys (rotation) or none at all (the
// provider down). Its users are the tests' own, each with the claims of its role.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { exportJWK, generateKeyPair, type JWK } from "jose";
import { freePort } from "../../tools/start-checks";

const SCRIPT = path.join(__dirname, "..", "..", "tools", "dev-oidc-provider.mjs");

export interface ProviderUser {
  id: string;
  name: string;
  claims: Record<string, string | number>;
}

export interface ProviderClient {
  client_id: string;
  redirect_uris?: string[];
  post_logout_redirect_uris?: string[];
  /** How its access tokens are signed: RS256 (default) or ES256. */
  alg?: "RS256" | "ES256";
  client_secret?: string;
  claims?: Record<string, string>;
}

export interface ProviderOptions {
  users: ProviderUser[];
  clients: ProviderClient[];
  /** The hub's audience and the resource indicator that names it. */
  audience: string;
  resource?: string;
  /** Other APIs' resource indicators and audiences (tokens not meant for the hub). */
  audiences?: Record<string, string>;
  accessTokenTtl?: number;
}

export interface KeySet {
  keys: JWK[];
}

export interface OidcProvider {
  issuer: string;
  port: number;
  /** The private keys it signs with now. */
  keys(): KeySet;
  /** Starts it (again) on the same port and issuer, with these keys (default: as before). */
  start(keys?: KeySet): Promise<void>;
  /** Stops the process (the provider down). */
  stop(): Promise<void>;
  /** Sets its clock off by this many seconds (its tokens are then issued in the past). */
  setClock(offsetSeconds: number): Promise<void>;
  /** How many times its key set was fetched since it (last) started. */
  jwksServed(): Promise<number>;
}

/** An RSA and a P-256 signing key, named by `tag`. */
export async function freshKeys(tag: string): Promise<KeySet> {
  const rsa = await generateKeyPair("RS256", { extractable: true });
  const ec = await generateKeyPair("ES256", { extractable: true });
  return {
    keys: [
      { ...(await exportJWK(rsa.privateKey)), kid: `rs-${tag}`, alg: "RS256", use: "sig" },
      { ...(await exportJWK(ec.privateKey)), kid: `es-${tag}`, alg: "ES256", use: "sig" },
    ],
  };
}

export async function startOidcProvider(options: ProviderOptions): Promise<OidcProvider> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-oidc-"));
  let keys = await freshKeys("one");
  let child: ChildProcess | null = null;
  let output = "";

  async function start(next?: KeySet) {
    if (next) keys = next;
    const file = path.join(dir, "settings.json");
    fs.writeFileSync(
      file,
      JSON.stringify({
        port,
        issuer,
        audience: options.audience,
        resource: options.resource ?? `urn:${options.audience}`,
        audiences: options.audiences,
        accessTokenTtl: options.accessTokenTtl ?? 300,
        keys,
        clients: options.clients,
        users: options.users,
        admin: true,
      }),
    );
    const proc = spawn(process.execPath, [SCRIPT, file], { stdio: ["ignore", "pipe", "pipe"] });
    child = proc;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`provider did not start:\n${output}`)),
        20_000,
      );
      proc.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("dev oidc provider ready")) {
          clearTimeout(timer);
          resolve();
        }
      });
      proc.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
      proc.on("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`provider exited with ${code}:\n${output}`));
      });
    });
  }

  async function stop() {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      proc.on("exit", () => resolve());
      proc.kill("SIGTERM");
      setTimeout(() => proc.kill("SIGKILL"), 3000).unref();
    });
  }

  await start();
  return {
    issuer,
    port,
    keys: () => keys,
    start,
    async stop() {
      await stop();
    },
    async setClock(offsetSeconds) {
      const response = await fetch(`${issuer}/admin/clock?offset=${offsetSeconds}`, {
        method: "POST",
      });
      if (!response.ok) throw new Error(`could not set the provider's clock: ${response.status}`);
    },
    async jwksServed() {
      const response = await fetch(`${issuer}/admin/stats`);
      return ((await response.json()) as { jwksServed: number }).jwksServed;
    },
  };
}

/** Stops the provider for good and removes its settings (afterAll). */
export async function removeProvider(provider: OidcProvider | undefined) {
  await provider?.stop();
}
