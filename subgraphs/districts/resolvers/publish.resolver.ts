import { Arg, Ctx, ID, Mutation, Resolver } from "type-graphql";
import type { Caller } from "../../../runtime/auth";
import { CurrentCaller, DistrictWriter } from "../../shared/auth";
import type { SubgraphContext } from "../../shared/context";
import { PublishResult } from "../types/publish-result";
import { ActivityInput } from "../inputs/activity.input";
import { DemandInput } from "../inputs/demand.input";
import { StationInput } from "../inputs/station.input";
import type { DistrictsLoaders } from "../loaders";
import { notValidatedHere } from "../../shared/validation/arguments";
import { publishActivities } from "../services/publish-activities.service";
import { publishDemands } from "../services/publish-demands.service";
import { publishStations } from "../services/publish-stations.service";

type Ctx = SubgraphContext<DistrictsLoaders>;

// Rows are validated one by one in the services (notValidatedHere), so that one bad row is
// reported by its index while the good rows of the batch are still written. publishStations is
// declared here but served by publish-stations.plain.ts (the same checks, rows not made instances).
@Resolver()
export class PublishResolver {
  @DistrictWriter("districtCode")
  @Mutation(() => PublishResult, {
    description: "Upserts up to 1,000 stations of one district by externalId.",
  })
  publishStations(
    @Arg("districtCode", () => ID) districtCode: string,
    @Arg("stations", () => [StationInput], { validateFn: notValidatedHere })
    stations: StationInput[],
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Ctx,
  ) {
    return publishStations(ctx.db, ctx.audit, districtCode, stations);
  }

  @DistrictWriter("districtCode")
  @Mutation(() => PublishResult, {
    description: "Upserts up to 1,000 demands of one district by externalId.",
  })
  publishDemands(
    @Arg("districtCode", () => ID) districtCode: string,
    @Arg("demands", () => [DemandInput], { validateFn: notValidatedHere }) demands: DemandInput[],
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Ctx,
  ) {
    return publishDemands(ctx.db, ctx.audit, districtCode, demands);
  }

  @DistrictWriter("districtCode")
  @Mutation(() => PublishResult, {
    description:
      "Upserts up to 1,000 activities of one district; participants are verified with corps. An activity naming a bookingId completes that booking and moves its demand (IN_SERVICE, or RESOLVED with satisfaction) in the same transaction.",
  })
  publishActivities(
    @Arg("districtCode", () => ID) districtCode: string,
    @Arg("activities", () => [ActivityInput], { validateFn: notValidatedHere })
    activities: ActivityInput[],
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Ctx,
  ) {
    return publishActivities(ctx.db, ctx.config, ctx.audit, districtCode, activities, ctx.log);
  }
}
