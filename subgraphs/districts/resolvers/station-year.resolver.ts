// A year of activity at several stations, by the dashboard's own SQL grouped by station: what the
// platforms subgraph's annual report asks through the gateway (operations/station-years.graphql)
// for each certified platform's source station, and which categories were served in which month.
import {
  Arg,
  Authorized,
  Ctx,
  Field,
  Float,
  ID,
  Int,
  ObjectType,
  Query,
  Resolver,
} from "type-graphql";
import type { SubgraphContext } from "../../shared/context";
import { checkLookupSize, MAX_LOOKUP_IDS, rowId } from "../../shared/ids";
import { ServiceCategory } from "../../shared/vocabulary";
import type { DistrictsLoaders } from "../loaders";
import { activityFigures, serviceHours } from "../services/district-figures.service";
import { checkReportYear } from "../../../runtime/report-period";

@ObjectType({ description: "A category of service held at a station in a month." })
class HeldCategory {
  @Field()
  month: string;

  @Field(() => ServiceCategory)
  category: ServiceCategory;
}

@ObjectType({
  description: "A station's activities of a year (hours verified, docs/domain.md rule 3).",
})
export class StationYear {
  @Field(() => ID)
  stationId: string;

  @Field(() => Int)
  activities: number;

  @Field(() => Int)
  enterprisesServed: number;

  @Field(() => Float)
  serviceHours: number;

  @Field(() => [HeldCategory], { description: "Each month and category an activity was held in." })
  held: HeldCategory[];
}

@Resolver()
export class StationYearResolver {
  @Authorized("CITY_ADMIN", "DASHBOARD_VIEWER", "SERVICE")
  @Query(() => [StationYear], {
    description: `The activities of a year at several stations, in the order asked; at most ${MAX_LOOKUP_IDS} ids.`,
  })
  async stationYears(
    @Arg("ids", () => [ID]) ids: string[],
    @Arg("year", () => Int) year: number,
    @Ctx() ctx: SubgraphContext<DistrictsLoaders>,
  ): Promise<StationYear[]> {
    checkLookupSize(ids, "stations");
    checkReportYear(year);
    const keys = ids.map((id) => rowId(id) ?? 0);
    if (!keys.length) return [];
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    const [activity, hours, held] = await Promise.all([
      activityFigures(ctx.db, keys, from, to, "station"),
      serviceHours(ctx.db, keys, from, to, "station"),
      ctx.db
        .createQueryBuilder()
        .select("a.stationId", "stationId")
        .distinct(true)
        .addSelect("SUBSTR(a.heldOn, 1, 7)", "month")
        .addSelect("a.category", "category")
        .from("activity", "a")
        .where("a.stationId IN (:...keys) AND a.heldOn BETWEEN :from AND :to", { keys, from, to })
        .getRawMany<{ stationId: unknown; month: string; category: ServiceCategory }>(),
    ]);
    return ids.map((id, i) => ({
      stationId: id,
      activities: activity[i].activities,
      enterprisesServed: activity[i].enterprisesServed,
      serviceHours: hours[i],
      held: held
        .filter((h) => Number(h.stationId) === keys[i])
        .map((h) => ({ month: String(h.month).slice(0, 7), category: h.category })),
    }));
  }
}
