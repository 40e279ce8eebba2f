// Following a demand to the end (issue 28): an enterprise's own demands with their timeline,
// deadline and 督办 state, its rating, its online submissions; the district's routing and the
// overdue list of a district or the city.
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import { isSelfService, type Caller } from "../../../runtime/auth";
import { forbidden } from "../../../runtime/errors";
import { CurrentCaller } from "../../shared/auth";
import type { SubgraphContext } from "../../shared/context";
import { Connection, PageArgs } from "../../shared/pagination";
import { DateScalar } from "../../shared/scalars";
import { Demand } from "../entities/demand.entity";
import { SubmitDemandInput } from "../inputs/submit-demand.input";
import type { DistrictsLoaders } from "../loaders";
import { owns } from "../services/booking-access";
import { isOverdue } from "../services/deadlines";
import { myDemands, overdueDemands, rateDemand } from "../services/follow-up.service";
import { routeDemand, submitDemand } from "../services/online-demands.service";
import { TimelineStep } from "../types/timeline.types";

type Ctx = SubgraphContext<DistrictsLoaders>;
const ANY_ROLE = { optional: true, allRoles: true } as const;

@ObjectType({ description: "A page of demands." })
export class DemandConnection extends Connection(Demand) {}

/** Staff see the demands they reach; an enterprise only its own. */
export function assertReader(caller: Caller | null, demand: Demand) {
  if (isSelfService(caller) && !owns(caller, demand))
    throw forbidden("an enterprise sees only its own demands");
}

@Resolver(() => Demand)
export class FollowUpResolver {
  @Authorized("ENTERPRISE")
  @Query(() => DemandConnection, {
    description:
      "The signed-in enterprise's demands (its credit code), in every district, newest first: each with its timeline, the deadline of the step it waits on and whether it is overdue (督办). ENTERPRISE only.",
  })
  myDemands(@Args() args: PageArgs, @CurrentCaller(ANY_ROLE) caller: Caller, @Ctx() ctx: Ctx) {
    return myDemands(ctx.db, ctx.audit, caller, args.first, args.after);
  }

  @Authorized("CITY_ADMIN", "DISTRICT_OPERATOR")
  @Query(() => DemandConnection, {
    description:
      "Open demands past the deadline of their step (督办), newest first: CITY_ADMIN city-wide or one district's, a DISTRICT_OPERATOR its own. A demand seen overdue for the first time gets its ESCALATE event.",
  })
  overdueDemands(
    @Arg("districtCode", () => ID, { nullable: true }) districtCode: string | null,
    @Args() args: PageArgs,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Ctx,
  ) {
    return overdueDemands(ctx.db, ctx.audit, caller, districtCode, args.first, args.after);
  }

  @Authorized("ENTERPRISE")
  @Mutation(() => Demand, {
    description:
      "The enterprise rates its own RESOLVED demand, once: 1-5, with an optional comment (at most 500 characters). Its district can no longer set the satisfaction afterwards.",
  })
  rateDemand(
    @Arg("id", () => ID) id: string,
    @Arg("satisfaction", () => Int) satisfaction: number,
    @Arg("comment", () => String, { nullable: true }) comment: string | null,
    @CurrentCaller(ANY_ROLE) caller: Caller,
    @Ctx() ctx: Ctx,
  ) {
    return rateDemand(ctx.db, ctx.audit, caller, id, satisfaction, comment);
  }

  @Authorized("ENTERPRISE")
  @Mutation(() => Demand, {
    description:
      "线上诉求: the signed-in enterprise submits a demand itself, naming its district (and a FILED station there if it knows one). It enters the district's queue OPEN, collected today online, with the same deadlines and timeline as a collected one.",
  })
  submitDemand(
    @Arg("input", () => SubmitDemandInput) input: SubmitDemandInput,
    @CurrentCaller(ANY_ROLE) caller: Caller,
    @Ctx() ctx: Ctx,
  ) {
    return submitDemand(ctx.db, ctx.audit, caller, input, ctx.config.demandDeadlines.onlineOpenMax);
  }

  @Authorized("CITY_ADMIN", "DISTRICT_OPERATOR")
  @Mutation(() => Demand, {
    description:
      "The demand's district (or CITY_ADMIN) sends an open demand to one of its FILED stations, e.g. one submitted online without a station; its status and deadline stay.",
  })
  routeDemand(
    @Arg("id", () => ID) id: string,
    @Arg("stationExternalId") stationExternalId: string,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Ctx,
  ) {
    return routeDemand(ctx.db, ctx.audit, caller, id, stationExternalId);
  }

  @FieldResolver(() => DateScalar, {
    nullable: true,
    description:
      "The deadline of the step it waits on (the same as dueOn); null once RESOLVED or CLOSED.",
  })
  deadline(@Root() demand: Demand) {
    return demand.dueOn;
  }

  @FieldResolver(() => Boolean, { description: "True when today (Shenzhen) is past the deadline." })
  overdue(@Root() demand: Demand) {
    return isOverdue(demand);
  }

  @FieldResolver(() => [TimelineStep], {
    description:
      "Every step, oldest first: the demand's status changes and its bookings' steps, each with its time, the role that acted (never the person) and the comment. Staff who see the demand, and its enterprise.",
  })
  timeline(
    @Root() demand: Demand,
    @CurrentCaller(ANY_ROLE) caller: Caller | null,
    @Ctx() ctx: Ctx,
  ) {
    assertReader(caller, demand);
    return ctx.loaders.demandTimeline.load(demand.id);
  }
}
