import { Authorized, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { SubgraphContext } from "../../shared/context";
import { Activity } from "../entities/activity.entity";
import { ActivityEvent } from "../entities/activity-event.entity";
import { District } from "../entities/district.entity";
import { Station } from "../entities/station.entity";
import type { DistrictsLoaders } from "../loaders";
import { visibleStation } from "../services/stations.service";
import type { Caller } from "../../../runtime/auth";
import { CurrentCaller } from "../../shared/auth";

type Ctx = SubgraphContext<DistrictsLoaders>;

@Resolver(() => Activity)
export class ActivityResolver {
  @FieldResolver(() => Station, {
    nullable: true,
    description: "Where it was held; null when online (or, for anonymous callers, not filed).",
  })
  async station(
    @Root() activity: Activity,
    @CurrentCaller({ optional: true }) caller: Caller | null,
    @Ctx() ctx: Ctx,
  ) {
    if (activity.stationId === null) return null;
    return visibleStation(caller, await ctx.loaders.station.load(activity.stationId));
  }

  @FieldResolver(() => District)
  district(@Root() activity: Activity, @Ctx() ctx: Ctx) {
    return ctx.loaders.district.load(activity.districtCode);
  }

  @Authorized()
  @FieldResolver(() => [ActivityEvent], {
    description:
      "Its publication and every change published since, oldest first (audit trail; signed-in callers).",
  })
  history(@Root() activity: Activity, @Ctx() ctx: Ctx) {
    return ctx.loaders.activityHistory.load(activity.id);
  }
}
