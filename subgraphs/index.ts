// The four subgraphs by name.
import type { SubgraphName } from "../runtime/config";
import type { SubgraphDefinition } from "./shared/subgraph";
import { corps } from "./corps";
import { districts } from "./districts";
import { platforms } from "./platforms";
import { publicity } from "./publicity";

export const SUBGRAPH_DEFINITIONS: Record<SubgraphName, SubgraphDefinition<unknown>> = {
  corps: corps,
  districts: districts,
  platforms: platforms,
  publicity: publicity,
};
