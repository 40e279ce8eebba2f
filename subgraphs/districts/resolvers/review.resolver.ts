import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from "type-graphql";
import type { Caller } from "../../../runtime/auth";
import { CurrentCaller } from "../../shared/auth";
import type { SubgraphContext } from "../../shared/context";
import { Station } from "../entities/station.entity";
import type { DistrictsLoaders } from "../loaders";
import { reviewStation } from "../services/review.service";
import { ReviewDecision } from "../vocabulary";

@Resolver()
export class ReviewResolver {
  @Authorized("CITY_ADMIN", "DISTRICT_OPERATOR")
  @Mutation(() => Station, {
    description: "Moves a station through its review lifecycle; an illegal transition is CONFLICT.",
  })
  reviewStation(
    @Arg("id", () => ID) id: string,
    @Arg("decision", () => ReviewDecision) decision: ReviewDecision,
    @Arg("comment", () => String, { nullable: true }) comment: string | null,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: SubgraphContext<DistrictsLoaders>,
  ) {
    return reviewStation(ctx.db, caller, ctx.audit, id, decision, comment);
  }
}
