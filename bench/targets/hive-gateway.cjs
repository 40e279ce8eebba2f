// Hive Gateway (@graphql-hive/gateway's runtime) serving our committed supergraph against the same
// subgraph processes, forwarding Authorization and the credential the benchmark signed ahead.
// DEDUP=0 turns off its in-flight deduplication of identical subgraph fetches (on by default).
// Plain JavaScript on purpose: its packages augment graphql's and fetch's global types, which would
// change how the hub's own TypeScript compiles. It comes from bench/node_modules (bench/peers.ts),
// with the graphql-js it installs beside it, pinned to the hub's version (bench/package.json).
// node bench/targets/hive-gateway.cjs <port> <urls JSON>
"use strict";
const fs = require("node:fs");
const http = require("node:http");
const path = require("node:path");
const { createGatewayRuntime } = require("@graphql-hive/gateway");

const FORWARDED_HEADERS = ["authorization", "x-hub-gateway-credential"];

async function main() {
  const port = Number(process.argv[2]);
  const urls = JSON.parse(process.argv[3]);
  const dedup = process.env.DEDUP !== "0";
  // The supergraph's join__graph urls are the default ports; point them at this run's subgraphs.
  const supergraph = fs
    .readFileSync(path.join(__dirname, "..", "..", "schema", "supergraph.graphql"), "utf8")
    .replace(/join__graph\(name: "([a-z]+)", url: "[^"]*"\)/g, (whole, name) =>
      urls[name] ? `join__graph(name: "${name}", url: "${urls[name]}")` : whole,
    );
  const runtime = createGatewayRuntime({
    supergraph,
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
  console.log(`hive gateway ready at http://127.0.0.1:${port}/graphql (dedup ${dedup})`);
  const stop = () =>
    server.close(() => Promise.resolve(runtime.dispose()).then(() => process.exit(0)));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error) => {
  console.error("[hive-gateway] failed:", error);
  process.exit(1);
});
