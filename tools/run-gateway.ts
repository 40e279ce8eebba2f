// Runs the gateway as its own process.
import "reflect-metadata";
import { startGateway } from "../gateway";
import { usingDefaultSecret } from "../subgraphs/shared/config";
import { configOrExit, onShutdown } from "./cli";

async function main() {
  const config = configOrExit();
  if (usingDefaultSecret(config)) {
    console.warn(
      "[gateway] JWT_SECRET is not set: using the development secret; never do this in production",
    );
  }
  const running = await startGateway(config);
  console.log(`[gateway] ready at ${running.url}`);
  onShutdown(() => running.stop());
}

main().catch((error) => {
  console.error("[gateway] failed to start:", error);
  process.exit(1);
});
