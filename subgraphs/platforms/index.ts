// The platforms subgraph: demonstration platforms, their certification and mentor groups, their
// public-service plans and performance reviews.
import type { HubConfig } from "../../runtime/config";
import { isMysql } from "../shared/db";
import { buildFederatedSchema } from "../shared/schema";
import { startSubgraph, type StartOptions, type SubgraphDefinition } from "../shared/subgraph";
import { platformsCacheEntities } from "./cache-entities";
import { Mentor } from "./entities/mentor.entity";
import { PerformanceReview } from "./entities/performance-review.entity";
import { PlanEvent } from "./entities/plan-event.entity";
import { PlatformEvent } from "./entities/platform-event.entity";
import { Platform } from "./entities/platform.entity";
import { ServicePlan } from "./entities/service-plan.entity";
import { createLoaders, type PlatformsLoaders } from "./loaders";
import { migrations } from "./migrations";
import { districtReference } from "./resolvers/district.reference";
import { DistrictPlatformsResolver } from "./resolvers/district.resolver";
import { PlatformLookupResolver } from "./resolvers/lookup.resolver";
import { PerformanceReviewResolver } from "./resolvers/performance.resolver";
import { PlatformLifecycleResolver } from "./resolvers/platform-lifecycle.resolver";
import { platformReference } from "./resolvers/platform.reference";
import { PlatformResolver } from "./resolvers/platform.resolver";
import { ServicePlanResolver } from "./resolvers/service-plan.resolver";
import { volunteerReference } from "./resolvers/volunteer.reference";
import { VolunteerMentoringResolver } from "./resolvers/volunteer.resolver";
import { platformsSeed, type PlatformsSeedRows } from "./seed";
import { keyLivePlatforms } from "./services/live-keys";

import {
  PlatformAnnualReport,
  PlatformYear,
  PlatformYearEvent,
} from "./entities/platform-year.entity";
import {
  PlatformAnnualReportResolver,
  PlatformYearResolver,
} from "./resolvers/annual-report.resolver";

export const platforms: SubgraphDefinition<PlatformsLoaders, PlatformsSeedRows> = {
  name: "platforms",
  cacheEntities: platformsCacheEntities,
  entities: [
    Platform,
    Mentor,
    PlatformEvent,
    ServicePlan,
    PlanEvent,
    PerformanceReview,
    PlatformYear,
    PlatformAnnualReport,
    PlatformYearEvent,
  ],
  migrations,
  buildSchema: () =>
    buildFederatedSchema(
      [
        PlatformResolver,
        PlatformLifecycleResolver,
        PlatformLookupResolver,
        ServicePlanResolver,
        PerformanceReviewResolver,
        DistrictPlatformsResolver,
        VolunteerMentoringResolver,
        PlatformYearResolver,
        PlatformAnnualReportResolver,
      ],
      {
        District: districtReference,
        Platform: platformReference,
        Volunteer: volunteerReference,
      },
    ),
  createLoaders,
  async prepare(db) {
    // An SQLite file from before the live keys got their columns, empty, from synchronize; on
    // MySQL the migration that added them keyed the rows.
    if (!isMysql(db)) await keyLivePlatforms((sql, parameters) => db.query(sql, parameters));
  },
  seed: platformsSeed,
};

export const startPlatforms = (config: HubConfig, options?: StartOptions<PlatformsSeedRows>) =>
  startSubgraph(platforms, config, options);
