// The publicity subgraph: typical case stories and their media coverage.
import type { HubConfig } from "../../runtime/config";
import { buildFederatedSchema } from "../shared/schema";
import { startSubgraph, type StartOptions, type SubgraphDefinition } from "../shared/subgraph";
import { CaseStory } from "./entities/case-story.entity";
import { Coverage } from "./entities/coverage.entity";
import { StoryEvent } from "./entities/story-event.entity";
import { StoryReference } from "./entities/story-reference.entity";
import { createLoaders, type PublicityLoaders } from "./loaders";
import { migrations } from "./migrations";
import { caseStoryReference } from "./resolvers/case-story.reference";
import { CaseStoryConnectionResolver } from "./resolvers/case-story-connection.resolver";
import { CaseStoryResolver, storyFields } from "./resolvers/case-story.resolver";
import { districtReference } from "./resolvers/district.reference";
import { DistrictStoriesResolver } from "./resolvers/district.resolver";
import { entityKeyReference } from "./resolvers/entity-key.reference";
import {
  PlatformStoriesResolver,
  StationStoriesResolver,
  VolunteerStoriesResolver,
} from "./resolvers/entity-stories.resolver";
import { StoryLifecycleResolver } from "./resolvers/story-lifecycle.resolver";
import { publicitySeed, type PublicitySeedRows } from "./seed";
import { rekeyCoverage } from "./services/coverage-rekey";

export const publicity: SubgraphDefinition<PublicityLoaders, PublicitySeedRows> = {
  name: "publicity",
  entities: [CaseStory, StoryReference, Coverage, StoryEvent],
  migrations,
  buildSchema: () =>
    buildFederatedSchema(
      [
        CaseStoryResolver,
        CaseStoryConnectionResolver,
        StoryLifecycleResolver,
        DistrictStoriesResolver,
        VolunteerStoriesResolver,
        StationStoriesResolver,
        PlatformStoriesResolver,
      ],
      {
        District: districtReference,
        // A page's stories resolve these once per story: without type-graphql's wrapper.
        CaseStory: { ...caseStoryReference, ...storyFields },
        Volunteer: entityKeyReference,
        Station: entityKeyReference,
        Platform: entityKeyReference,
      },
    ),
  createLoaders,
  // Coverage recorded under an older form of a link gets its current key (services/coverage-rekey.ts).
  async prepare(db) {
    await rekeyCoverage(db);
  },
  seed: publicitySeed,
};

export const startPublicity = (config: HubConfig, options?: StartOptions<PublicitySeedRows>) =>
  startSubgraph(publicity, config, options);
