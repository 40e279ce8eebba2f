// How the gateway's two Redis clients connect: ioredis for the rate budgets (rate-limiter.ts) and
// node-redis under Keyv for the response cache (shared-store.ts). Both take the password from
// REDIS_URL (redis://:password@host) and speak TLS for rediss://, trusting REDIS_TLS_CA_FILE's
// authority when one is given (a Redis with a certificate of a private authority).
import fs from "node:fs";
import type { ConnectionOptions } from "node:tls";
import type { RedisOptions } from "ioredis";
import StandaloneConnector from "ioredis/built/connectors/StandaloneConnector";
import type { RedisConfig } from "../runtime/config";

/** TLS options for rediss://, or undefined for plain redis://. Throws when the CA is unreadable. */
export function redisTls(config: RedisConfig): ConnectionOptions | undefined {
  if (!config.url?.startsWith("rediss://")) return undefined;
  if (!config.tlsCaFile) return {};
  try {
    return { ca: fs.readFileSync(config.tlsCaFile) };
  } catch (error) {
    throw new Error(
      `REDIS_TLS_CA_FILE=${config.tlsCaFile} cannot be read (${(error as Error).message}); ` +
        "give the PEM file of the authority that signed Redis's certificate",
    );
  }
}

/**
 * ioredis's connector, with a listener that keeps every socket error after the first from
 * crashing the process: ioredis listens for one error on its socket, and a TLS handshake that
 * failed (an untrusted certificate) and is then closed by disconnect() raises a second one
 * (redis/ioredis#962, #1209). ioredis still sees the first, as before.
 */
class StandaloneConnectorQuiet extends StandaloneConnector {
  constructor(options: unknown) {
    super(options as ConstructorParameters<typeof StandaloneConnector>[0]);
  }

  override async connect(onError: Parameters<StandaloneConnector["connect"]>[0]) {
    const stream = await super.connect(onError);
    stream.on("error", () => undefined);
    return stream;
  }
}

/** The ioredis options besides the URL: TLS for rediss:// (ioredis takes the password itself). */
export function ioredisTls(config: RedisConfig): Pick<RedisOptions, "tls" | "Connector"> {
  const tls = redisTls(config);
  return tls ? { tls, Connector: StandaloneConnectorQuiet } : {};
}

/** What createKeyv connects with: the URL (with its password) and, for rediss://, TLS options. */
export function keyvConnection(config: RedisConfig & { url: string }) {
  const tls = redisTls(config);
  return tls ? { url: config.url, socket: { tls: true as const, ...tls } } : { url: config.url };
}
