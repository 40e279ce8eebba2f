// Demands as the booking side needs them: one demand for its managers, its bookings, and the
// experts suggested for it (services/suggestions.service.ts).
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import type { Caller } from "../../../runtime/auth";
import { CurrentCaller } from "../../shared/auth";
import type { SubgraphContext } from "../../shared/context";
import { ServiceForm } from "../../shared/vocabulary";
import { District } from "../entities/district.entity";
import { Booking } from "../entities/booking.entity";
import { Demand } from "../entities/demand.entity";
import { DemandEvent } from "../entities/demand-event.entity";
import type { DistrictsLoaders } from "../loaders";
import { assertManager, demandFor } from "../services/booking-access";
import { externalKey, findByExternalIds } from "../services/batch";
import { suggestExperts } from "../services/suggestions.service";
import { ExpertSuggestion } from "../types/booking.types";
import { badInput, unauthenticated } from "../../../runtime/errors";
import { assertReader } from "./follow-up.resolver";

type Ctx = SubgraphContext<DistrictsLoaders>;
export const MAX_SUGGESTIONS = 50;

@Resolver(() => Demand)
export class DemandResolver {
  @Authorized("CITY_ADMIN", "DISTRICT_OPERATOR")
  @Query(() => Demand, {
    description: "One demand: CITY_ADMIN, or its own district's DISTRICT_OPERATOR.",
  })
  demand(@Arg("id", () => ID) id: string, @CurrentCaller() caller: Caller, @Ctx() ctx: Ctx) {
    return demandFor(ctx.db, caller, id);
  }

  @Authorized("CITY_ADMIN", "DISTRICT_OPERATOR")
  @Query(() => Demand, {
    nullable: true,
    description:
      "A demand by the district's own external id (what the district published it under); null when none. CITY_ADMIN, or that district's DISTRICT_OPERATOR.",
  })
  async demandByExternalId(
    @Arg("districtCode", () => ID) districtCode: string,
    @Arg("externalId") externalId: string,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Ctx,
  ) {
    assertManager(caller, districtCode);
    const found = await findByExternalIds(ctx.db.getRepository(Demand), districtCode, [externalId]);
    return found.get(externalKey(externalId)) ?? null;
  }

  @Authorized("CITY_ADMIN", "DISTRICT_OPERATOR")
  @Query(() => [ExpertSuggestion], {
    description: `Experts suggested for a demand, best first: APPOINTED under an agreement valid today, ranked by category fit, the same district, the form, current load (open bookings) and past satisfaction, each with its score and reasons. CITY_ADMIN or the demand's DISTRICT_OPERATOR; at most ${MAX_SUGGESTIONS}. Costs the same whatever first is.`,
  })
  async suggestedExperts(
    @Arg("demandId", () => ID) demandId: string,
    @Arg("first", () => Int, { defaultValue: 5, description: `1 to ${MAX_SUGGESTIONS}.` })
    first: number,
    @Arg("form", () => ServiceForm, {
      nullable: true,
      description: "Only experts who serve this way, e.g. ONLINE for a distant enterprise.",
    })
    form: ServiceForm | null,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Ctx,
  ): Promise<ExpertSuggestion[]> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_SUGGESTIONS)
      throw badInput(`first must be 1-${MAX_SUGGESTIONS}`);
    const ranked = await suggestExperts(ctx.db, ctx.config, caller, demandId, first, form);
    return ranked.map((s) => ({
      volunteer: { id: s.volunteerId },
      score: s.score,
      reasons: s.reasons,
    }));
  }

  @FieldResolver(() => District, { description: "The district that collected it." })
  district(@Root() demand: Demand, @Ctx() ctx: Ctx) {
    return ctx.loaders.district.load(demand.districtCode);
  }

  @FieldResolver(() => [Booking], {
    description:
      "Its bookings, oldest first (signed-in staff who see the demand, and its own enterprise).",
  })
  bookings(
    @Root() demand: Demand,
    @CurrentCaller({ optional: true, allRoles: true }) caller: Caller | null,
    @Ctx() ctx: Ctx,
  ) {
    if (!caller) throw unauthenticated();
    assertReader(caller, demand);
    return ctx.loaders.demandBookings.load(demand.id);
  }

  @Authorized()
  @FieldResolver(() => [DemandEvent], {
    description:
      "Every status change, oldest first, its publication included: by its district's publish or by a booking (audit trail; signed-in callers who see the demand).",
  })
  history(@Root() demand: Demand, @Ctx() ctx: Ctx) {
    return ctx.loaders.demandHistory.load(demand.id);
  }
}
