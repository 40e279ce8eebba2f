// Small helpers shared by the command-line tools. Flags are parsed with node:util's parseArgs.
import { parseArgs as parseNodeArgs } from "node:util";
import { ConfigError, loadConfig, type HubConfig } from "../runtime/config";

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

/** `--name value` flags (all strings) and bare arguments; an unknown flag fails with the usage. */
export function parseFlags<const N extends string>(
  argv: string[],
  names: readonly N[],
  usage: string,
): { flags: Partial<Record<N, string>>; rest: string[] } {
  try {
    const { values, positionals } = parseNodeArgs({
      args: argv,
      options: Object.fromEntries(names.map((n) => [n, { type: "string" as const }])),
      allowPositionals: true,
      strict: true,
    });
    return { flags: values as Partial<Record<N, string>>, rest: positionals };
  } catch (error) {
    return fail(`${(error as Error).message}\n${usage}`);
  }
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
