// Recording trainings, evaluations and commendations; rules in services/volunteer-records.service.ts.
import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from "type-graphql";
import type { Caller } from "../../../runtime/auth";
import { CurrentCaller } from "../../shared/auth";
import type { SubgraphContext } from "../../shared/context";
import { Commendation } from "../entities/commendation.entity";
import { Evaluation } from "../entities/evaluation.entity";
import { Training } from "../entities/training.entity";
import { CommendationInput } from "../inputs/commendation.input";
import { EvaluationInput } from "../inputs/evaluation.input";
import { TrainingInput } from "../inputs/training.input";
import type { CorpsLoaders } from "../loaders";
import {
  recordCommendation,
  recordEvaluation,
  recordTraining,
} from "../services/volunteer-records.service";

type Ctx = SubgraphContext<CorpsLoaders>;

@Resolver()
export class VolunteerRecordsResolver {
  @Authorized("CITY_ADMIN")
  @Mutation(() => Training, { description: "Records a training the volunteer completed." })
  recordTraining(
    @Arg("volunteerId", () => ID) volunteerId: string,
    @Arg("input", () => TrainingInput) input: TrainingInput,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Ctx,
  ) {
    return recordTraining(ctx.db, caller, volunteerId, input);
  }

  @Authorized("CITY_ADMIN")
  @Mutation(() => Evaluation, {
    description: "Records the volunteer's evaluation (考评) for a period; one per period.",
  })
  recordEvaluation(
    @Arg("volunteerId", () => ID) volunteerId: string,
    @Arg("input", () => EvaluationInput) input: EvaluationInput,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Ctx,
  ) {
    return recordEvaluation(ctx.db, caller, volunteerId, input);
  }

  @Authorized("CITY_ADMIN")
  @Mutation(() => Commendation, {
    description: "Records a commendation (褒奖) awarded to the volunteer.",
  })
  recordCommendation(
    @Arg("volunteerId", () => ID) volunteerId: string,
    @Arg("input", () => CommendationInput) input: CommendationInput,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Ctx,
  ) {
    return recordCommendation(ctx.db, caller, volunteerId, input);
  }
}
