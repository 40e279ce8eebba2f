// The districts subgraph: districts, their workstations, demands and activities.
import type { HubConfig } from "../../runtime/config";
import { entitiesAtOnce } from "../shared/entities-at-once";
import { buildFederatedSchema } from "../shared/schema";
import { startSubgraph, type StartOptions, type SubgraphDefinition } from "../shared/subgraph";
import { districtsCacheEntities } from "./cache-entities";
import { Activity } from "./entities/activity.entity";
import { Booking } from "./entities/booking.entity";
import { BookingEvent } from "./entities/booking-event.entity";
import { Demand } from "./entities/demand.entity";
import { District } from "./entities/district.entity";
import { Participation } from "./entities/participation.entity";
import { Station } from "./entities/station.entity";
import {
  ActivityDay,
  ActivityMonth,
  DemandDay,
  DemandMonth,
  DemandOpen,
} from "./entities/rollup.entity";
import { StationEvent } from "./entities/station-event.entity";
import { DemandEvent } from "./entities/demand-event.entity";
import { ActivityEvent } from "./entities/activity-event.entity";
import { ReportingMonth } from "./entities/reporting-month.entity";
import { ReportingMonthEvent } from "./entities/reporting-month-event.entity";
import { StationMonthlyReport } from "./entities/station-monthly-report.entity";
import { DistrictMonthlyReport } from "./entities/district-monthly-report.entity";
import { StationReportChange } from "./entities/station-report-change.entity";
import {
  ReportingMonthResolver,
  StationMonthlyReportResolver,
  StationReportChangeResolver,
  DistrictMonthlyReportResolver,
} from "./resolvers/reporting.resolver";
import { Volunteer } from "./types/volunteer.stub";
import { AssessmentResolver } from "./resolvers/assessment.resolver";
import { StationYearResolver } from "./resolvers/station-year.resolver";
import { monthlyCloseJob } from "./jobs/monthly-close";
import { createLoaders, type DistrictsLoaders } from "./loaders";
import { migrations } from "./migrations";
import { activityReference } from "./resolvers/activity.reference";
import { ActivityResolver } from "./resolvers/activity.resolver";
import { BookingResolver } from "./resolvers/booking.resolver";
import { DemandResolver } from "./resolvers/demand.resolver";
import { FollowUpResolver } from "./resolvers/follow-up.resolver";
import { useDeadlines } from "./services/deadlines";
import { VolunteerBookingsResolver } from "./resolvers/volunteer-bookings.resolver";
import { DashboardResolver } from "./resolvers/dashboard.resolver";
import { districtReference } from "./resolvers/district.reference";
import { DistrictFiguresResolver } from "./resolvers/district-figures.resolver";
import { DistrictResolver } from "./resolvers/district.resolver";
import { LookupResolver } from "./resolvers/lookup.resolver";
import { PublishResolver } from "./resolvers/publish.resolver";
import { publishStationsPlain } from "./resolvers/publish-stations.plain";
import { ReviewResolver } from "./resolvers/review.resolver";
import { stationReference } from "./resolvers/station.reference";
import { StationResolver } from "./resolvers/station.resolver";
import { volunteerReference } from "./resolvers/volunteer.reference";
import { VolunteerServiceResolver } from "./resolvers/volunteer.resolver";
import { RecordCorrectionResolver } from "./resolvers/record-correction.resolver";
import { RecordCorrection } from "./entities/record-correction.entity";
import { RecordCorrectionEvent } from "./entities/record-correction-event.entity";
import { ensureDistricts, districtsSeed, type DistrictsSeedRows } from "./seed";

export const districts: SubgraphDefinition<DistrictsLoaders, DistrictsSeedRows> = {
  name: "districts",
  cacheEntities: districtsCacheEntities,
  entities: [
    District,
    Station,
    StationEvent,
    Demand,
    DemandEvent,
    Activity,
    ActivityEvent,
    Participation,
    Booking,
    BookingEvent,
    ReportingMonth,
    ReportingMonthEvent,
    StationMonthlyReport,
    DistrictMonthlyReport,
    StationReportChange,
    RecordCorrection,
    RecordCorrectionEvent,
    ActivityMonth,
    ActivityDay,
    DemandMonth,
    DemandDay,
    DemandOpen,
  ],
  migrations,
  buildSchema: () =>
    buildFederatedSchema(
      [
        DistrictResolver,
        DistrictFiguresResolver,
        DashboardResolver,
        StationResolver,
        ActivityResolver,
        LookupResolver,
        VolunteerServiceResolver,
        RecordCorrectionResolver,
        PublishResolver,
        ReviewResolver,
        BookingResolver,
        DemandResolver,
        FollowUpResolver,
        VolunteerBookingsResolver,
        ReportingMonthResolver,
        StationMonthlyReportResolver,
        StationReportChangeResolver,
        DistrictMonthlyReportResolver,
        AssessmentResolver,
        StationYearResolver,
      ],
      {
        District: districtReference,
        Station: stationReference,
        Activity: activityReference,
        Volunteer: volunteerReference,
        Mutation: publishStationsPlain,
        // One wait for the whole list, not a promise per representation.
        Query: { _entities: entitiesAtOnce },
      },
      [Activity, Volunteer],
    ),
  createLoaders,
  jobs: monthlyCloseJob,
  prepare: async (db, config) => {
    if (config) useDeadlines(config.demandDeadlines);
    await ensureDistricts(db);
  },
  seed: districtsSeed,
};

export const startDistricts = (config: HubConfig, options?: StartOptions<DistrictsSeedRows>) =>
  startSubgraph(districts, config, options);
