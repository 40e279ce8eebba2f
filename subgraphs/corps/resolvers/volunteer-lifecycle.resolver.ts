// The corps office's volunteer mutations; the rules live in services/volunteer-lifecycle.service.ts
// and services/transfer.service.ts.
import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from "type-graphql";
import type { SubgraphContext } from "../../shared/context";
import { Volunteer } from "../entities/volunteer.entity";
import { AgreementInput } from "../inputs/agreement.input";
import { VolunteerInput } from "../inputs/volunteer.input";
import type { CorpsLoaders } from "../loaders";
import { transferVolunteer } from "../services/transfer.service";
import {
  appointVolunteer,
  changeStatus,
  registerVolunteer,
} from "../services/volunteer-lifecycle.service";

type Ctx = SubgraphContext<CorpsLoaders>;

@Resolver()
export class VolunteerLifecycleResolver {
  @Authorized("CITY_ADMIN")
  @Mutation(() => Volunteer, {
    description:
      "Registers an applicant (status APPLIED). A second registration of the same ID number is a CONFLICT.",
  })
  registerVolunteer(@Arg("input", () => VolunteerInput) input: VolunteerInput, @Ctx() ctx: Ctx) {
    return registerVolunteer(ctx.db, ctx.audit, input);
  }

  @Authorized("CITY_ADMIN")
  @Mutation(() => Volunteer, {
    description:
      "Appoints an APPLIED volunteer under a service agreement and issues the appointment letter (聘书, SZZYFW-<year>-<6 digits>).",
  })
  appointVolunteer(
    @Arg("id", () => ID) id: string,
    @Arg("agreement", () => AgreementInput) agreement: AgreementInput,
    @Ctx() ctx: Ctx,
  ) {
    return appointVolunteer(ctx.db, ctx.audit, id, agreement);
  }

  @Authorized("CITY_ADMIN")
  @Mutation(() => Volunteer, { description: "Suspends an APPOINTED volunteer." })
  suspendVolunteer(
    @Arg("id", () => ID) id: string,
    @Arg("reason", { description: "Why; kept in the volunteer's history." }) reason: string,
    @Ctx() ctx: Ctx,
  ) {
    return changeStatus(ctx.db, ctx.audit, id, "suspend", reason);
  }

  @Authorized("CITY_ADMIN")
  @Mutation(() => Volunteer, {
    description: "Withdraws an APPLIED, APPOINTED or SUSPENDED volunteer from the corps.",
  })
  withdrawVolunteer(
    @Arg("id", () => ID) id: string,
    @Arg("reason", { description: "Why; kept in the volunteer's history." }) reason: string,
    @Ctx() ctx: Ctx,
  ) {
    return changeStatus(ctx.db, ctx.audit, id, "withdraw", reason);
  }

  @Authorized("CITY_ADMIN")
  @Mutation(() => Volunteer, {
    description: "Reinstates a SUSPENDED volunteer (back to APPOINTED).",
  })
  reinstateVolunteer(
    @Arg("id", () => ID) id: string,
    @Arg("reason", () => String, {
      nullable: true,
      description: "Why, if you want it kept in the history.",
    })
    reason: string | null,
    @Ctx() ctx: Ctx,
  ) {
    return changeStatus(ctx.db, ctx.audit, id, "reinstate", reason ?? null);
  }

  @Authorized("CITY_ADMIN")
  @Mutation(() => Volunteer, {
    description:
      "Moves a volunteer to another branch (关系转接); the move is kept in Volunteer.transfers.",
  })
  transferVolunteer(
    @Arg("id", () => ID) id: string,
    @Arg("toBranchId", () => ID, { description: "The branch to move to." }) toBranchId: string,
    @Arg("reason", { description: "Why; kept with the transfer." }) reason: string,
    @Ctx() ctx: Ctx,
  ) {
    return transferVolunteer(ctx.db, ctx.audit, id, toBranchId, reason);
  }
}
