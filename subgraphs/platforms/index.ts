// The platforms subgraph: demonstration platforms, their certification and mentor groups.
import { generateDemo } from "../../demo/generate";
import type { HubConfig } from "../../runtime/config";
import { buildFederatedSchema } from "../shared/schema";
import { startSubgraph, type StartOptions, type SubgraphDefinition } from "../shared/subgraph";
import { Mentor } from "./entities/mentor.entity";
import { Platform } from "./entities/platform.entity";
import { createLoaders, type PlatformsLoaders } from "./loaders";
import { migrations } from "./migrations";
import { districtReference } from "./resolvers/district.reference";
import { DistrictPlatformsResolver } from "./resolvers/district.resolver";
import { PlatformLookupResolver } from "./resolvers/lookup.resolver";
import { platformReference } from "./resolvers/platform.reference";
import { PlatformResolver } from "./resolvers/platform.resolver";
import { seedPlatforms } from "./seed";

export const platforms: SubgraphDefinition<PlatformsLoaders> = {
  name: "platforms",
  entities: [Platform, Mentor],
  migrations,
  buildSchema: () =>
    buildFederatedSchema([PlatformResolver, PlatformLookupResolver, DistrictPlatformsResolver], {
      District: districtReference,
      Platform: platformReference,
    }),
  createLoaders,
  async seedIfEmpty(db, config) {
    if (await db.getRepository(Platform).exists()) return false;
    await seedPlatforms(db, generateDemo(config.demo.anchor));
    return true;
  },
};

export const startPlatforms = (config: HubConfig, options?: StartOptions) =>
  startSubgraph(platforms, config, options);
