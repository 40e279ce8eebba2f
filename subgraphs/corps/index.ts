// The corps subgraph: branch teams and expert volunteers, from application to certificate.
import type { HubConfig } from "../../runtime/config";
import { entitiesAtOnce } from "../shared/entities-at-once";
import { buildFederatedSchema } from "../shared/schema";
import { startSubgraph, type StartOptions, type SubgraphDefinition } from "../shared/subgraph";
import { corpsCacheEntities } from "./cache-entities";
import { Branch } from "./entities/branch.entity";
import { Certificate } from "./entities/certificate.entity";
import { Commendation } from "./entities/commendation.entity";
import { Course } from "./entities/course.entity";
import { CourseEvent } from "./entities/course-event.entity";
import { Meeting } from "./entities/meeting.entity";
import { MeetingEvent } from "./entities/meeting-event.entity";
import { MeetingSignUp } from "./entities/meeting-sign-up.entity";
import { ServiceMenuItem } from "./entities/service-menu-item.entity";
import { Evaluation } from "./entities/evaluation.entity";
import { NumberCounter } from "./entities/number-counter.entity";
import { Training } from "./entities/training.entity";
import { Transfer } from "./entities/transfer.entity";
import { Volunteer } from "./entities/volunteer.entity";
import { VolunteerEvent } from "./entities/volunteer-event.entity";
import { VolunteerCount } from "./entities/volunteer-count.entity";
import { createLoaders, type CorpsLoaders } from "./loaders";
import { migrations } from "./migrations";
import { BranchResolver } from "./resolvers/branch.resolver";
import { CertificateResolver } from "./resolvers/certificate.resolver";
import { CorpsStatsResolver } from "./resolvers/corps-stats.resolver";
import { CourseResolver } from "./resolvers/course.resolver";
import { DirectoryResolver } from "./resolvers/directory.resolver";
import { MeetingResolver, MeetingSignUpResolver } from "./resolvers/meeting.resolver";
import { serviceMenuItemReference } from "./resolvers/service-menu-item.reference";
import { ServiceMenuResolver } from "./resolvers/service-menu.resolver";
import { districtReference } from "./resolvers/district.reference";
import { DistrictVolunteersResolver } from "./resolvers/district.resolver";
import { TransferResolver } from "./resolvers/transfer.resolver";
import { volunteerReference } from "./resolvers/volunteer.reference";
import { VolunteerResolver } from "./resolvers/volunteer.resolver";
import { VolunteerLifecycleResolver } from "./resolvers/volunteer-lifecycle.resolver";
import { VolunteerRecordsResolver } from "./resolvers/volunteer-records.resolver";
import { SelfServiceResolver } from "./resolvers/self-service.resolver";
import { PersonalDataAccess } from "./entities/personal-data-access.entity";
import { startAccessLogPurge } from "./services/personal-data-access.service";
import { corpsSeed, type CorpsSeedRows } from "./seed";
import { ensureVolunteerCounts } from "./services/volunteer-counts";

export const corps: SubgraphDefinition<CorpsLoaders, CorpsSeedRows> = {
  name: "corps",
  cacheEntities: corpsCacheEntities,
  entities: [
    Branch,
    Volunteer,
    Transfer,
    VolunteerEvent,
    Training,
    Evaluation,
    Commendation,
    Certificate,
    NumberCounter,
    ServiceMenuItem,
    Course,
    CourseEvent,
    Meeting,
    MeetingEvent,
    MeetingSignUp,
    PersonalDataAccess,
    VolunteerCount,
  ],
  migrations,
  buildSchema: () =>
    buildFederatedSchema(
      [
        VolunteerResolver,
        VolunteerLifecycleResolver,
        VolunteerRecordsResolver,
        SelfServiceResolver,
        CertificateResolver,
        CorpsStatsResolver,
        BranchResolver,
        TransferResolver,
        DistrictVolunteersResolver,
        DirectoryResolver,
        ServiceMenuResolver,
        CourseResolver,
        MeetingResolver,
        MeetingSignUpResolver,
      ],
      {
        District: districtReference,
        Volunteer: volunteerReference,
        ServiceMenuItem: serviceMenuItemReference,
        // One wait for the whole list, not a promise per representation.
        Query: { _entities: entitiesAtOnce },
      },
    ),
  createLoaders,
  prepare: async (db) => {
    await ensureVolunteerCounts(db);
  },
  seed: corpsSeed,
  jobs: startAccessLogPurge,
};

export const startCorps = (config: HubConfig, options?: StartOptions<CorpsSeedRows>) =>
  startSubgraph(corps, config, options);
