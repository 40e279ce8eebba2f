// Hive Gateway (@graphql-hive/gateway's runtime) serving our committed supergraph against the same
// subgraph processes, signing each subgraph call's credential (bound to the subgraph, request id
// and body; the hub's dist/gateway/credential-fetcher.js, so
// `npm run build` first, which `npm run bench` does) for the caller the benchmark passes along.
// Its settings come as arguments (only runtime/config reads the environment): the port, the
// subgraphs' urls, and whether its in-flight deduplication of identical subgraph fetches is on.
// Plain JavaScript on purpose: its packages augment graphql's and fetch's global types, which would
// change how the hub's own TypeScript compiles. It comes from bench/node_modules (bench/peers.ts),
// with the graphql-js it installs beside it, pinned to the hub's version (bench/package.json).
// The planner: Hive's own JavaScript one, or the Rust query planner of Hive Router
// (@graphql-hive/router-runtime's unifiedGraphHandler, a native addon).
// node bench/targets/hive-gateway.cjs <port> <urls JSON> <dedup: on|off> [planner: js|rust]
"use strict";
const fs = require("node:fs");
const http = require("node:http");
const path = require("node:path");
const { createGatewayRuntime } = require("@graphql-hive/gateway");

const DIST = path.join(__dirname, "..", "..", "dist");
const { CALLER_HEADER, signedHeaders } = require(
  path.join(DIST, "gateway", "credential-fetcher.js"),
);
const { loadConfig } = require(path.join(DIST, "runtime", "config", "index.js"));

// Subgraphs trust the credential and never see the token: only the caller is passed along.
const FORWARDED_HEADERS = [CALLER_HEADER];

/**
 * Signs each call as it leaves (after in-flight dedup has matched calls by their headers, which
 * still carry only the caller): its subgraph found by its URL.
 */
function signCalls(urls, config) {
  const names = new Map(Object.entries(urls).map(([name, url]) => [url, name]));
  return {
    async onFetch({ url, options, setOptions }) {
      const subgraph = names.get(String(url));
      if (!subgraph) return;
      const given =
        options.headers instanceof Headers
          ? Object.fromEntries(options.headers)
          : { ...options.headers };
      const body = typeof options.body === "string" ? options.body : "";
      setOptions({ ...options, headers: await signedHeaders(subgraph, given, body, config) });
    },
  };
}

async function main() {
  const port = Number(process.argv[2]);
  const urls = JSON.parse(process.argv[3]);
  if (!["on", "off"].includes(process.argv[4])) throw new Error("dedup must be on or off");
  const dedup = process.argv[4] === "on";
  const planner = process.argv[5] ?? "js";
  if (!["js", "rust"].includes(planner)) throw new Error("the planner must be js or rust");
  // The supergraph's join__graph urls are the default ports; point them at this run's subgraphs.
  const supergraph = fs
    .readFileSync(path.join(__dirname, "..", "..", "schema", "supergraph.graphql"), "utf8")
    .replace(/join__graph\(name: "([a-z]+)", url: "[^"]*"\)/g, (whole, name) =>
      urls[name] ? `join__graph(name: "${name}", url: "${urls[name]}")` : whole,
    );
  const config = loadConfig();
  const runtime = createGatewayRuntime({
    supergraph,
    ...(planner === "rust"
      ? { unifiedGraphHandler: require("@graphql-hive/router-runtime").unifiedGraphHandler }
      : {}),
    plugins: () => [signCalls(urls, config)],
    logging: "error",
    graphiql: false,
    landingPage: false,
    transportEntries: { "*": { options: { deduplicateInflightRequests: dedup } } },
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => {
        const headers = {};
        for (const key of FORWARDED_HEADERS) {
          const value = request.headers.get(key);
          if (value) headers[key] = value;
        }
        return headers;
      },
    },
  });
  const server = http.createServer(runtime);
  server.keepAliveTimeout = 5000;
  await new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
  console.log(
    `hive gateway ready at http://127.0.0.1:${port}/graphql (dedup ${dedup}, ${planner} planner)`,
  );
  const stop = () =>
    server.close(() => Promise.resolve(runtime.dispose()).then(() => process.exit(0)));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error) => {
  console.error("[hive-gateway] failed:", error);
  process.exit(1);
});
