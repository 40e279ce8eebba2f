// The gateway is ready when every subgraph says it is ready (its database answers): asked in
// parallel, one second each, naming the ones that are not.
import type { SubgraphName } from "../../runtime/config";
import type { ReadyCheck } from "../../runtime/http/health";
import { probeHttp } from "../../runtime/http/probe";

const READY_TIMEOUT_MS = 1000;

export function subgraphsReady(urls: Record<SubgraphName, string>): ReadyCheck {
  return async () => {
    const names = Object.keys(urls) as SubgraphName[];
    const answers = await Promise.all(
      names.map((name) =>
        probeHttp(urls[name].replace(/\/graphql$/, "/health/ready"), READY_TIMEOUT_MS),
      ),
    );
    const down = names.filter((_, i) => !answers[i]);
    if (down.length) throw new Error(`not ready: ${down.join(", ")}`);
    return { subgraphs: Object.fromEntries(names.map((n) => [n, "ready"])) };
  };
}
