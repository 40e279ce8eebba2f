// npm start: each subgraph and the gateway as its own process. A process that dies is not restarted
// silently: the whole federation stops and says which one failed. Ctrl-C stops them all. The demo
// data is generated once, here, and handed to the subgraphs in files (tools/demo-rows.ts), which
// each reads only if its database is empty.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { childEnv, SUBGRAPHS } from "../runtime/config";
import { configOrExit } from "./cli";
import { subgraphArgs, writeDemoRows } from "./demo-rows";
import { SUBGRAPH_NODE_FLAGS } from "./subgraph-flags";
import { devProviderSettings, DEV_TOOLS_SECRET } from "./dev-oidc-users";
import { portFree, waitForHealth } from "./start-checks";

const config = configOrExit();
const children: Array<{ name: string; child: ChildProcess }> = [];
let stopping = false;
// The demo rows' folder, removed once every subgraph is up (and when the federation stops).
let rowsDir: string | undefined;
// The development provider's settings (DEV_OIDC=1), removed when the federation stops.
let devDir: string | undefined;

function removeDemoRows() {
  if (rowsDir) fs.rmSync(rowsDir, { recursive: true, force: true });
  rowsDir = undefined;
}

/** The development provider is plain JavaScript (an ES module), run from the sources. */
const DEV_PROVIDER = path.join(__dirname, "..", "..", "tools", "dev-oidc-provider.mjs");

function launch(
  name: string,
  script: string,
  args: string[] = [],
  nodeFlags: readonly string[] = [],
) {
  const file = path.isAbsolute(script) ? script : path.join(__dirname, script);
  const child = spawn(process.execPath, [...nodeFlags, file, ...args], {
    // The IPC channel lets each child notice when this process is gone and stop with it.
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    env: childEnv({}),
  });
  children.push({ name, child });
  child.on("exit", (code, signal) => {
    if (stopping) return;
    console.error(`[start] ${name} exited (${signal ?? `code ${code}`}); stopping the federation`);
    stopAll(1);
  });
  return child;
}

function stopAll(exitCode: number) {
  stopping = true;
  removeDemoRows();
  if (devDir) fs.rmSync(devDir, { recursive: true, force: true });
  for (const { child } of children) if (child.exitCode === null) child.kill("SIGTERM");
  setTimeout(() => process.exit(exitCode), 3000).unref();
  void Promise.all(
    children.map(({ child }) =>
      child.exitCode !== null ? Promise.resolve() : new Promise((r) => child.on("exit", r)),
    ),
  ).then(() => process.exit(exitCode));
}

async function main() {
  const dev = config.identity.devProvider;
  const ports = [
    ...SUBGRAPHS.map((n) => ({ name: n, port: config.servers.subgraphPorts[n] })),
    { name: "gateway", port: config.servers.gatewayPort },
    ...(dev ? [{ name: "development sign-in (DEV_OIDC)", port: dev.port }] : []),
  ];
  const taken = [];
  for (const p of ports) if (!(await portFree(p.port))) taken.push(`${p.name} :${p.port}`);
  if (taken.length) {
    console.error(
      `[start] port in use: ${taken.join(", ")}. Is the hub already running? Stop it, or set PORT/CORPS_PORT/... (see .env.example).`,
    );
    process.exit(1);
  }
  process.on("SIGINT", () => stopAll(0));
  process.on("SIGTERM", () => stopAll(0));
  console.log(
    `[start] database: ${config.databases.urls.corps ? "MySQL (DATABASE_URL)" : `SQLite files in ${path.resolve(config.databases.dataDir)}`}`,
  );
  if (config.demo.seed) rowsDir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-demo-"));
  if (dev) startDevProvider();
  const rows = rowsDir ? writeDemoRows(rowsDir, config.demo.anchor) : null;
  for (const name of SUBGRAPHS)
    launch(name, "run-subgraph.js", subgraphArgs(name, rows), SUBGRAPH_NODE_FLAGS);
  await Promise.all(
    SUBGRAPHS.map((name) =>
      waitForHealth(name, config.servers.subgraphUrls[name], undefined, () => stopping),
    ),
  );
  removeDemoRows();
  launch("gateway", "run-gateway.js");
  const { host, gatewayPort } = config.servers;
  const origin = `http://${host.includes(":") ? `[${host}]` : host}:${gatewayPort}`;
  await waitForHealth("gateway", `${origin}/graphql`, undefined, () => stopping);
  // With the development provider, running means sign-in works: the gateway has read the
  // provider's discovery document and keys (its readiness), which under load took longer than
  // the gateway's start and answered the first sign-in with "not reached yet".
  if (dev)
    await waitForHealth("gateway", `${origin}/graphql`, undefined, () => stopping, "/health/ready");
  // The links it prints are the public ones, like every link the hub hands out (PUBLIC_URL).
  const { publicUrl } = config.servers;
  const listening = publicUrl === origin ? "" : ` (listening on ${origin})`;
  console.log(`\nThe hub is running. Gateway: ${publicUrl}/graphql${listening}`);
  if (config.ide.graphiql) console.log(`GraphQL IDE: ${publicUrl}/graphiql`);
  console.log(`Dashboard:   ${publicUrl}/dashboard`);
  console.log(`My records:  ${publicUrl}/me`);
  if (dev) {
    console.log(`Sign-in:     ${config.identity.oidc!.issuer} (development provider, DEV_OIDC=1)`);
    console.log("             pick a demo user on its page: one for each role, no password");
    console.log(`             tools: client hub-tools, secret ${DEV_TOOLS_SECRET}`);
  }
  console.log("Get a token with: npm run token -- --role CITY_ADMIN   (Ctrl-C stops everything)\n");
}

/** DEV_OIDC=1: the local provider with a demo user for each role (tools/dev-oidc-users.ts). */
function startDevProvider() {
  devDir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-dev-oidc-"));
  const file = path.join(devDir, "settings.json");
  fs.writeFileSync(file, JSON.stringify(devProviderSettings(config)), { mode: 0o600 });
  launch("development sign-in", DEV_PROVIDER, [file]);
}

main().catch((error) => {
  if (!stopping) {
    console.error(`[start] ${error instanceof Error ? error.message : error}`);
    stopAll(1);
  }
});
