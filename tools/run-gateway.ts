// Runs the gateway as its own process, or, with GATEWAY_WORKERS above 1, as a cluster primary that
// runs that many of them on one port (gateway/cluster.ts).
import cluster from "node:cluster";
import "reflect-metadata";
import { startGateway } from "../gateway";
import { runPrimary } from "../gateway/cluster";
import { createLogger } from "../runtime/log";
import { configOrExit, onShutdown } from "./cli";

async function main() {
  const config = configOrExit();
  const log = createLogger("gateway", config.log);
  if (config.servers.gatewayWorkers > 1 && cluster.isPrimary) {
    await runPrimary(config.servers.gatewayWorkers, log);
    process.exit();
  }
  if (config.auth.usingDevSecret) {
    // loadConfig refuses it on any address but loopback.
    log.warn("JWT_SECRET is not set: using the development secret (loopback only)");
  }
  const running = await startGateway(config, { log });
  log.info({ url: running.url }, "gateway ready");
  onShutdown(() => running.stop());
}

main().catch((error) => {
  console.error("[gateway] failed to start:", error);
  process.exit(1);
});
