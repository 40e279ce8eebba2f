// Small helpers shared by the command-line tools.
import { ConfigError, loadConfig, type HubConfig } from "../subgraphs/shared/config";

/** Loads the configuration or prints every problem and exits 1. */
export function configOrExit(): HubConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/** --name value pairs and bare arguments. */
export function parseArgs(argv: string[]) {
  const flags: Record<string, string> = {};
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg.startsWith("--")) {
      const [key, inline] = arg.slice(2).split("=", 2);
      flags[key] = inline ?? (argv[i + 1] && !argv[i + 1].startsWith("--") ? argv[++i] : "true");
    } else rest.push(arg);
  }
  return { flags, rest };
}

export function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

/** Runs stop() once on SIGINT/SIGTERM, then exits. */
export function onShutdown(stop: () => Promise<void>) {
  let stopping = false;
  const handler = () => {
    if (stopping) return;
    stopping = true;
    stop().then(
      () => process.exit(0),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
  // Launched by npm start with an IPC channel: when that parent dies, however it dies, stop too.
  if (process.send) process.on("disconnect", handler);
}
