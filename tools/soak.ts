// npm run soak -- [--minutes N] [--clients N]: the soak (tools/soak-run.ts) against the running
// hub at GATEWAY_URL, signing its tokens with JWT_SECRET. It writes stations named SOAK-... into
// five districts: run it against a test installation, not production.
import { soak } from "./soak-run";
import { configOrExit, fail, parseFlags } from "./cli";

async function main() {
  const usage = "usage: npm run soak -- [--minutes N] [--clients N]";
  const { flags } = parseFlags(process.argv.slice(2), ["minutes", "clients"], usage);
  const minutes = Number(flags.minutes ?? "5");
  const clients = Number(flags.clients ?? "50");
  if (!(minutes > 0) || !(Number.isInteger(clients) && clients > 0)) fail(usage);
  const config = configOrExit();
  console.log(`[soak] ${clients} clients for ${minutes} min against ${config.servers.gatewayUrl}`);
  const result = await soak({
    gatewayUrl: config.servers.gatewayUrl,
    auth: config.auth,
    metricsToken: config.metrics.token,
    clients,
    seconds: minutes * 60,
    progress: (line) => console.log(`[soak] ${line}`),
  });
  console.log(JSON.stringify(result, null, 2));
  if (result.errors || result.rowsMissing) process.exit(1);
}

main().catch((error) => fail(String(error)));
