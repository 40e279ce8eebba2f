// Record corrections: the volunteer asks, the recording district decides (rules in
// services/record-corrections.service.ts; docs/self-service.md).
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import type { Caller } from "../../../runtime/auth";
import { CurrentCaller } from "../../shared/auth";
import type { SubgraphContext } from "../../shared/context";
import { decodeCursor, pageSize } from "../../shared/pagination";
import { Activity } from "../entities/activity.entity";
import { District } from "../entities/district.entity";
import { RecordCorrection } from "../entities/record-correction.entity";
import { RecordCorrectionEvent } from "../entities/record-correction-event.entity";
import { OpenCorrectionsArgs, RecordCorrectionInput } from "../inputs/record-correction.input";
import type { DistrictsLoaders } from "../loaders";
import {
  decideCorrection,
  openCorrections,
  requestCorrection,
  waitedDays,
} from "../services/record-corrections.service";
import { RecordCorrectionConnection } from "../types/record-correction.types";
import { Volunteer } from "../types/volunteer.stub";

type Ctx = SubgraphContext<DistrictsLoaders>;

@Resolver(() => RecordCorrection)
export class RecordCorrectionResolver {
  @Authorized("VOLUNTEER")
  @Mutation(() => RecordCorrection, {
    description:
      "The signed-in volunteer (VOLUNTEER) asks the district that recorded an activity to correct its hours there, or to add its participation left out. One open request per activity: CONFLICT while one waits.",
  })
  requestRecordCorrection(
    @Arg("input", () => RecordCorrectionInput) input: RecordCorrectionInput,
    @CurrentCaller({ allRoles: true }) caller: Caller,
    @Ctx() ctx: Ctx,
  ) {
    return requestCorrection(ctx.db, ctx.config, ctx.audit, caller, input);
  }

  @Authorized("CITY_ADMIN", "DISTRICT_OPERATOR")
  @Mutation(() => RecordCorrection, {
    description:
      "Decides an OPEN record correction once, with a comment (2-500 characters): the recording district's operator or CITY_ADMIN. Accepting sets the participation's hours to those claimed (or adds it, when rule 3 lets them count), in the same transaction as its audit event.",
  })
  decideRecordCorrection(
    @Arg("id", () => ID) id: string,
    @Arg("accept") accept: boolean,
    @Arg("comment") comment: string,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Ctx,
  ) {
    return decideCorrection(ctx.db, ctx.config, ctx.audit, caller, id, accept, comment);
  }

  @Authorized("CITY_ADMIN", "DISTRICT_OPERATOR")
  @Query(() => RecordCorrectionConnection, {
    description:
      "Open record corrections waiting for a decision, oldest first: a DISTRICT_OPERATOR its own district's, CITY_ADMIN one district's or the city's.",
  })
  openRecordCorrections(
    @Args() args: OpenCorrectionsArgs,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Ctx,
  ) {
    return openCorrections(
      ctx.db,
      caller,
      args.districtCode,
      pageSize(args.first),
      decodeCursor(args.after),
    );
  }

  @FieldResolver(() => Activity, { nullable: true, description: "The activity concerned." })
  activity(@Root() correction: RecordCorrection, @Ctx() ctx: Ctx) {
    return ctx.loaders.activity.load(correction.activityId);
  }

  @FieldResolver(() => District, { nullable: true, description: "The district that decides." })
  district(@Root() correction: RecordCorrection, @Ctx() ctx: Ctx) {
    return ctx.loaders.district.load(correction.districtCode);
  }

  @FieldResolver(() => Volunteer, { description: "The volunteer who asked." })
  volunteer(@Root() correction: RecordCorrection): Volunteer {
    return { id: String(correction.volunteerId) };
  }

  @FieldResolver(() => Int, {
    description:
      "Days (Shenzhen dates) the request has waited for its decision, or waited until it.",
  })
  waitedDays(@Root() correction: RecordCorrection) {
    return waitedDays(correction);
  }

  @Authorized()
  @FieldResolver(() => [RecordCorrectionEvent], {
    description: "The request and its decision, oldest first (staff only).",
  })
  history(@Root() correction: RecordCorrection, @Ctx() ctx: Ctx) {
    return ctx.loaders.correctionHistory.load(correction.id);
  }
}
