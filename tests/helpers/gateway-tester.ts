// Our gateway (gateway/index.ts: the same plugins, data sources and routes, the configuration of
// loadConfigWith) in front of small inline subgraphs, after Hive Gateway's createGatewayTester:
// each subgraph is a schema and resolvers (buildSubgraphSchema) on an ephemeral port, the
// supergraph is composed in memory, nothing touches a database, and the whole starts in
// milliseconds. Each subgraph verifies the gateway's signed credential (runtime/credential.ts)
// over the exact body it received, as the real ones do, and counts the calls it answered, so a
// test can say "no subgraph was asked" or "asked once". For the plugin and route tests (limits,
// dedup, cache, rate limits, retries, health); a test of a subgraph's rules boots the real
// federation (federation.ts).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { composeServices } from "@apollo/composition";
import { ApolloServer, HeaderMap } from "@apollo/server";
import { unwrapResolverError } from "@apollo/server/errors";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import { buildSubgraphSchema } from "@apollo/subgraph";
import type { GraphQLResolverMap } from "@apollo/subgraph/dist/schema-helper/resolverMap";
import { parse } from "graphql";
import { startGateway } from "../../gateway";
import { signToken, type Caller, type Role } from "../../runtime/auth";
import { loadConfigWith, type HubConfig, type SubgraphName } from "../../runtime/config";
import { CREDENTIAL_HEADER, verifyCredential } from "../../runtime/credential";
import { codeExtensions, HubError } from "../../runtime/errors";
import type { RunningServer } from "../../runtime/http/server";
import { createLogger } from "../../runtime/log";
import { execute, send, type GraphQLResponse, type Request } from "./graphql";

/** What a tester subgraph's resolvers get as their context. */
export interface TesterContext {
  /** The caller the gateway's credential names (null: anonymous). */
  caller: Caller | null;
  requestId: string;
}

export interface TesterSubgraph {
  /** A name of SUBGRAPHS: the gateway signs credentials and times calls per subgraph name. */
  name: SubgraphName;
  /** Federation SDL (extend schema @link(... federation/v2.x ...) for keys and shareable). */
  typeDefs: string;
  resolvers?: GraphQLResolverMap<TesterContext>;
}

export interface GatewayTesterOptions {
  subgraphs: TesterSubgraph[];
  /** Settings beyond the test defaults, read by loadConfigWith like the real gateway's. */
  env?: Record<string, string>;
  /** Where the gateway reaches a subgraph, given where it listens (e.g. through a TCP proxy). */
  route?: (name: SubgraphName, url: string) => string | Promise<string>;
}

export interface RunningTesterSubgraph {
  url: string;
  /** Calls answered so far (credential verified). */
  calls(): number;
  /** Calls refused for a missing or bad credential so far. */
  refusedCalls(): number;
  stop(): Promise<void>;
}

export interface GatewayTester {
  config: HubConfig;
  /** The gateway's /graphql. */
  url: string;
  /** http://host:port of the gateway, for its other routes. */
  origin: string;
  subgraphs: Partial<Record<SubgraphName, RunningTesterSubgraph>>;
  /** Calls answered by every subgraph so far. */
  calls(): number;
  send<T = unknown>(request: Request): Promise<GraphQLResponse<T>>;
  execute<T = unknown>(request: Request): Promise<T>;
  token(role: Role, extra?: Partial<Caller>): Promise<string>;
  /** Every log line the gateway wrote so far (JSON text). */
  logs(): string[];
  /** Another gateway on the same subgraphs and configuration (a second replica), or another's. */
  startReplica(replicaConfig?: HubConfig): Promise<RunningServer>;
  stop(): Promise<void>;
}

/** Keeps log lines in memory. */
class Capture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void) {
    this.lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    done();
  }
}

const readBody = (request: http.IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });

const answerJson = (response: http.ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
};

/** A tester subgraph's Apollo Server: the schema, and the table's errors answered with their code. */
async function subgraphServer(subgraph: TesterSubgraph) {
  const apollo = new ApolloServer<TesterContext>({
    schema: buildSubgraphSchema({
      typeDefs: parse(subgraph.typeDefs),
      resolvers: subgraph.resolvers as GraphQLResolverMap<unknown>,
    }),
    plugins: [ApolloServerPluginInlineTraceDisabled()],
    formatError: (formatted, error) => {
      const hub = unwrapResolverError(error);
      return hub instanceof HubError
        ? { ...formatted, extensions: codeExtensions(hub.code, hub.details) }
        : formatted;
    },
    stopOnTerminationSignals: false,
  });
  await apollo.start();
  return apollo;
}

interface Counts {
  calls: number;
  refused: number;
}

/** One call: its credential verified over the exact body received (else 401), then executed. */
async function answerCall(
  subgraph: TesterSubgraph,
  config: HubConfig,
  apollo: ApolloServer<TesterContext>,
  counts: Counts,
  request: http.IncomingMessage,
  response: http.ServerResponse,
) {
  if (request.method === "GET" && request.url?.startsWith("/health/"))
    return answerJson(response, 200, { status: "ok" });
  const body = await readBody(request);
  const requestId = String(request.headers["x-request-id"] ?? "");
  let caller: Caller | null;
  try {
    ({ caller } = await verifyCredential(
      request.headers[CREDENTIAL_HEADER],
      { subgraph: subgraph.name, requestId, body },
      config,
    ));
  } catch (error) {
    counts.refused += 1;
    const { code, message } = error as HubError;
    return answerJson(response, 401, { errors: [{ message, extensions: { code } }] });
  }
  counts.calls += 1;
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(request.headers))
    if (typeof value === "string") headers.set(key, value);
  const answer = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: "POST", headers, search: "", body: JSON.parse(body) },
    context: async () => ({ caller, requestId }),
  });
  response.statusCode = answer.status ?? 200;
  for (const [key, value] of answer.headers) response.setHeader(key, value);
  if (answer.body.kind !== "complete") throw new Error("tester subgraphs do not stream");
  response.end(answer.body.string);
}

async function startTesterSubgraph(
  subgraph: TesterSubgraph,
  config: HubConfig,
): Promise<RunningTesterSubgraph> {
  const apollo = await subgraphServer(subgraph);
  const counts: Counts = { calls: 0, refused: 0 };
  const server = http.createServer((request, response) => {
    answerCall(subgraph, config, apollo, counts, request, response).catch((error: Error) =>
      answerJson(response, 500, { errors: [{ message: error.message }] }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    calls: () => counts.calls,
    refusedCalls: () => counts.refused,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await apollo.stop();
    },
  };
}

/** The supergraph of the tester's subgraphs, composed in memory (throws what composition says). */
export function composeSupergraph(subgraphs: Array<{ name: string; typeDefs: string }>): string {
  const result = composeServices(
    subgraphs.map(({ name, typeDefs }) => ({
      name,
      typeDefs: parse(typeDefs),
      url: `http://${name}.invalid/graphql`,
    })),
  );
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join("\n"));
  return result.supergraphSdl;
}

export async function createGatewayTester(options: GatewayTesterOptions): Promise<GatewayTester> {
  const supergraphSdl = composeSupergraph(options.subgraphs);
  const config = loadConfigWith({
    JWT_SECRET: "test-secret-that-is-long-enough-for-hs256-0123",
    LOG_LEVEL: "info",
    // Keys of this tester only, should it share a Redis with other test runs.
    REDIS_KEY_PREFIX: `hubtester-${process.pid}-${Date.now().toString(36)}`,
    ...options.env,
  });
  const capture = new Capture();
  const subgraphs: Partial<Record<SubgraphName, RunningTesterSubgraph>> = {};
  const gateways: RunningServer[] = [];
  const stop = async () => {
    await Promise.all(gateways.map((g) => g.stop()));
    await Promise.all(Object.values(subgraphs).map((s) => s.stop()));
  };
  const urls: Partial<Record<SubgraphName, string>> = {};
  const startReplica = async (replicaConfig = config) => {
    const gateway = await startGateway(replicaConfig, {
      port: 0,
      subgraphUrls: urls,
      supergraphSdl,
      log: createLogger("gateway", config.log, capture),
    });
    gateways.push(gateway);
    return gateway;
  };
  let gateway: RunningServer;
  try {
    for (const subgraph of options.subgraphs) {
      const running = await startTesterSubgraph(subgraph, config);
      subgraphs[subgraph.name] = running;
      urls[subgraph.name] = options.route
        ? await options.route(subgraph.name, running.url)
        : running.url;
    }
    gateway = await startReplica();
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    config,
    url: gateway.url,
    origin: gateway.origin,
    subgraphs,
    calls: () => Object.values(subgraphs).reduce((sum, s) => sum + s.calls(), 0),
    send: <T = unknown>(request: Request) => send<T>(gateway.url, request),
    execute: <T = unknown>(request: Request) => execute<T>(gateway.url, request),
    token: (role, extra = {}) =>
      signToken({ sub: `test-${role.toLowerCase()}`, role, ...extra }, config.auth),
    logs: () => [...capture.lines],
    startReplica,
    stop,
  };
}
