// The publicity subgraph: typical case stories and their media coverage.
import { generateDemo } from "../../demo/generate";
import type { HubConfig } from "../../runtime/config";
import { buildFederatedSchema } from "../shared/schema";
import { startSubgraph, type StartOptions, type SubgraphDefinition } from "../shared/subgraph";
import { CaseStory } from "./entities/case-story.entity";
import { Coverage } from "./entities/coverage.entity";
import { StoryReference } from "./entities/story-reference.entity";
import { createLoaders, type PublicityLoaders } from "./loaders";
import { migrations } from "./migrations";
import { caseStoryReference } from "./resolvers/case-story.reference";
import { CaseStoryResolver } from "./resolvers/case-story.resolver";
import { districtReference } from "./resolvers/district.reference";
import { DistrictStoriesResolver } from "./resolvers/district.resolver";
import { seedPublicity } from "./seed";

export const publicity: SubgraphDefinition<PublicityLoaders> = {
  name: "publicity",
  entities: [CaseStory, StoryReference, Coverage],
  migrations,
  buildSchema: () =>
    buildFederatedSchema([CaseStoryResolver, DistrictStoriesResolver], {
      District: districtReference,
      CaseStory: caseStoryReference,
    }),
  createLoaders,
  async seedIfEmpty(db, config) {
    if (await db.getRepository(CaseStory).exists()) return false;
    await seedPublicity(db, generateDemo(config.demo.anchor));
    return true;
  },
};

export const startPublicity = (config: HubConfig, options?: StartOptions) =>
  startSubgraph(publicity, config, options);
