// The corps subgraph: branch teams and expert volunteers, from application to certificate.
import type { HubConfig } from "../shared/config";
import { buildFederatedSchema } from "../shared/schema";
import { startSubgraph, type StartOptions, type SubgraphDefinition } from "../shared/subgraph";
import { Branch } from "./entities/branch.entity";
import { Transfer } from "./entities/transfer.entity";
import { Volunteer } from "./entities/volunteer.entity";
import { createLoaders, type CorpsLoaders } from "./loaders";
import { migrations } from "./migrations";
import { BranchResolver } from "./resolvers/branch.resolver";
import { districtReference } from "./resolvers/district.reference";
import { DistrictVolunteersResolver } from "./resolvers/district.resolver";
import { TransferResolver } from "./resolvers/transfer.resolver";
import { volunteerReference } from "./resolvers/volunteer.reference";
import { VolunteerResolver } from "./resolvers/volunteer.resolver";
import { seedCorps } from "./seed";

export const corps: SubgraphDefinition<CorpsLoaders> = {
  name: "corps",
  entities: [Branch, Volunteer, Transfer],
  migrations,
  buildSchema: () =>
    buildFederatedSchema(
      [VolunteerResolver, BranchResolver, TransferResolver, DistrictVolunteersResolver],
      { District: districtReference, Volunteer: volunteerReference },
    ),
  createLoaders,
  async seedIfEmpty(db) {
    if (await db.getRepository(Branch).exists()) return false;
    await seedCorps(db);
    return true;
  },
};

export const startCorps = (config: HubConfig, options?: StartOptions) => startSubgraph(corps, config, options);
