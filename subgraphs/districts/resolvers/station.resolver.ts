import { Authorized, Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import type { SubgraphContext } from "../../shared/context";
import { District } from "../entities/district.entity";
import { Station } from "../entities/station.entity";
import { StationEvent } from "../entities/station-event.entity";
import type { DistrictsLoaders } from "../loaders";
import { isIdle, visibleContact } from "../services/stations.service";
import { maskName } from "../../shared/validation/name";
import { maskPhone } from "../../shared/validation/phone";
import type { Caller } from "../../../runtime/auth";
import { CurrentCaller } from "../../shared/auth";

type Ctx = SubgraphContext<DistrictsLoaders>;

@Resolver(() => Station)
export class StationResolver {
  @FieldResolver(() => District)
  district(@Root() station: Station, @Ctx() ctx: Ctx) {
    return ctx.loaders.district.load(station.districtCode);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "Contact person: CITY_ADMIN and the district's operators; masked outside their district.",
  })
  contactName(
    @Root() station: Station,
    @CurrentCaller({ optional: true, allRoles: true }) caller: Caller | null,
  ) {
    return visibleContact(caller, station, station.contactName, maskName);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "Contact phone: CITY_ADMIN and the district's operators; masked outside their district.",
  })
  contactPhone(
    @Root() station: Station,
    @CurrentCaller({ optional: true, allRoles: true }) caller: Caller | null,
  ) {
    return visibleContact(caller, station, station.contactPhone, maskPhone);
  }

  @Authorized()
  @FieldResolver(() => [StationEvent], {
    description: "Audit trail of the station's state changes, oldest first.",
  })
  history(@Root() station: Station, @Ctx() ctx: Ctx) {
    return ctx.loaders.stationHistory.load(station.id);
  }

  @FieldResolver(() => Int, { description: "Demands collected here that are still OPEN." })
  async openDemandCount(@Root() station: Station, @Ctx() ctx: Ctx) {
    return (await ctx.loaders.stationDemandFigures.load(station.id)).openDemandCount;
  }

  @FieldResolver(() => Date, {
    nullable: true,
    description: "When the latest demand was collected here.",
  })
  async lastDemandAt(@Root() station: Station, @Ctx() ctx: Ctx) {
    const { lastDemandAt } = await ctx.loaders.stationDemandFigures.load(station.id);
    return lastDemandAt ? new Date(`${lastDemandAt}T00:00:00Z`) : null;
  }

  @FieldResolver(() => Boolean, {
    description: "Filed, but no new demand for 90 days (docs/domain.md rule 6).",
  })
  async idle(@Root() station: Station, @Ctx() ctx: Ctx) {
    return isIdle(station, (await ctx.loaders.stationDemandFigures.load(station.id)).lastDemandAt);
  }
}
