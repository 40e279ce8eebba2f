// npm start: each subgraph and the gateway as its own process. A process that dies is not restarted
// silently: the whole federation stops and says which one failed. Ctrl-C stops them all.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { childEnv, SUBGRAPHS } from "../runtime/config";
import { configOrExit } from "./cli";
import { portFree, waitForHealth } from "./start-checks";

const config = configOrExit();
const children: Array<{ name: string; child: ChildProcess }> = [];
let stopping = false;
// One anchor for all five processes, so that each loads the same demo data.
const anchor = config.demo.anchor;

function launch(name: string, script: string, args: string[] = []) {
  const child = spawn(process.execPath, [path.join(__dirname, script), ...args], {
    // The IPC channel lets each child notice when this process is gone and stop with it.
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    env: childEnv({ DEMO_ANCHOR: anchor }),
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
  for (const { child } of children) if (child.exitCode === null) child.kill("SIGTERM");
  setTimeout(() => process.exit(exitCode), 3000).unref();
  Promise.all(
    children.map(({ child }) =>
      child.exitCode !== null ? null : new Promise((r) => child.on("exit", r)),
    ),
  ).then(() => process.exit(exitCode));
}

async function main() {
  const ports = [
    ...SUBGRAPHS.map((n) => ({ name: n, port: config.servers.subgraphPorts[n] })),
    { name: "gateway", port: config.servers.gatewayPort },
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
  for (const name of SUBGRAPHS) launch(name, "run-subgraph.js", [name]);
  await Promise.all(
    SUBGRAPHS.map((name) =>
      waitForHealth(name, config.servers.subgraphUrls[name], undefined, () => stopping),
    ),
  );
  launch("gateway", "run-gateway.js");
  const { host, gatewayPort } = config.servers;
  const origin = `http://${host.includes(":") ? `[${host}]` : host}:${gatewayPort}`;
  await waitForHealth("gateway", `${origin}/graphql`, undefined, () => stopping);
  // The links it prints are the public ones, like every link the hub hands out (PUBLIC_URL).
  const { publicUrl } = config.servers;
  const listening = publicUrl === origin ? "" : ` (listening on ${origin})`;
  console.log(`\nThe hub is running. Gateway: ${publicUrl}/graphql${listening}`);
  if (config.ide.graphiql) console.log(`GraphQL IDE: ${publicUrl}/graphiql`);
  console.log(`Dashboard:   ${publicUrl}/dashboard`);
  console.log("Get a token with: npm run token -- --role CITY_ADMIN   (Ctrl-C stops everything)\n");
}

main().catch((error) => {
  if (!stopping) {
    console.error(`[start] ${error instanceof Error ? error.message : error}`);
    stopAll(1);
  }
});
