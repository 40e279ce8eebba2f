// The stations' annual assessment (考核): the dashboard's readers, a district its own stations.
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import type { Caller } from "../../../runtime/auth";
import { CurrentCaller } from "../../shared/auth";
import type { SubgraphContext } from "../../shared/context";
import { figureScope } from "../../shared/figure-scope";
import { Station } from "../entities/station.entity";
import type { DistrictsLoaders } from "../loaders";
import { assessStations, closedMonths } from "../services/assessment.service";
import { StationAssessment, StationAssessmentReport } from "../types/assessment.types";

type Ctx = SubgraphContext<DistrictsLoaders>;

@Resolver(() => StationAssessment)
export class AssessmentResolver {
  @Query(() => StationAssessmentReport, {
    description:
      "The stations' assessment (考核) of a year from its closed months (latest revisions): a score by the configured weights, ranked within each district; a DISTRICT_OPERATOR gets its own district's.",
  })
  async stationAssessment(
    @Arg("year", () => Int) year: number,
    @Arg("districtCode", () => ID, { nullable: true }) districtCode: string | null,
    @CurrentCaller({ optional: true, allRoles: true }) caller: Caller | null,
    @Ctx() ctx: Ctx,
  ): Promise<StationAssessmentReport> {
    const scope = figureScope(caller, districtCode);
    const weights = ctx.config.reports.assessmentWeights;
    const [months, stations] = await Promise.all([
      closedMonths(ctx.db, year),
      assessStations(ctx.db, year, scope, weights),
    ]);
    return {
      year,
      closedMonths: months,
      weights: Object.entries(weights).map(([figure, weight]) => ({ figure, weight })),
      stations,
    };
  }

  @FieldResolver(() => Station)
  station(@Root() row: StationAssessment, @Ctx() ctx: Ctx) {
    return ctx.loaders.station.load(row.stationId);
  }
}
