// Runs the gateway as its own process.
import "reflect-metadata";
import { startGateway } from "../gateway";
import { createLogger } from "../runtime/log";
import { configOrExit, onShutdown } from "./cli";

async function main() {
  const config = configOrExit();
  const log = createLogger("gateway", config.log);
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
