// Stock @apollo/gateway, the baseline of issue 11: ApolloServer's standalone server and the
// default RemoteGraphQLDataSource (its default fetcher, no plugins), serving our committed
// supergraph against the same subgraph processes. It signs each subgraph call's credential (bound
// to the subgraph, request id and body) for the caller the benchmark passes along, so the
// subgraphs answer it as they answer ours; it is spared verifying the token, which ours does.
// node dist/bench/targets/stock-gateway.js <port> <subgraph urls as JSON>
import { ApolloGateway, RemoteGraphQLDataSource } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { credentialFetcher } from "../../gateway/credential-fetcher";
import { readSupergraph } from "../../gateway/supergraph";
import { loadConfig, type SubgraphName } from "../../runtime/config";
import { FORWARDED_HEADERS } from "./forwarded";

interface Ctx {
  headers: Record<string, string>;
}

async function main() {
  const port = Number(process.argv[2]);
  const urls = JSON.parse(process.argv[3]) as Record<string, string>;
  // The benchmark's settings (JWT_SECRET, the subgraphs' time limits): to sign as ours does.
  const config = loadConfig();
  const gateway = new ApolloGateway({
    supergraphSdl: readSupergraph(),
    buildService: ({ name, url }) => {
      const source = new RemoteGraphQLDataSource<Ctx>({
        url: urls[name] ?? url ?? "",
        willSendRequest({ request, context }) {
          for (const [key, value] of Object.entries((context as Ctx).headers ?? {}))
            request.http?.headers.set(key, value);
        },
      });
      // Its own fetcher, with each call's credential signed on.
      source.fetcher = credentialFetcher(name as SubgraphName, source.fetcher, config);
      return source;
    },
  });
  const server = new ApolloServer<Ctx>({ gateway });
  const { url } = await startStandaloneServer(server, {
    listen: { port, host: "127.0.0.1" },
    context: async ({ req }) => {
      const headers: Record<string, string> = {};
      for (const key of FORWARDED_HEADERS) {
        const value = req.headers[key];
        if (typeof value === "string") headers[key] = value;
      }
      return { headers };
    },
  });
  console.log(`stock gateway ready at ${url}`);
  const stop = () => void server.stop().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error) => {
  console.error("[stock-gateway] failed:", error);
  process.exit(1);
});
