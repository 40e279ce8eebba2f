import { Arg, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import type { SubgraphContext } from "../../shared/context";
import { Agreement } from "../types/agreement";
import { Branch } from "../entities/branch.entity";
import { Certificate } from "../entities/certificate.entity";
import { Commendation } from "../entities/commendation.entity";
import { Evaluation } from "../entities/evaluation.entity";
import { Training } from "../entities/training.entity";
import { Transfer } from "../entities/transfer.entity";
import { Volunteer } from "../entities/volunteer.entity";
import { VolunteerEvent } from "../entities/volunteer-event.entity";
import type { CorpsLoaders } from "../loaders";
import { checkLookupSize, MAX_LOOKUP_IDS, rowId } from "../../shared/ids";
import { seesUnmasked, visibleIdNumber, visiblePhone } from "../services/personal-data.service";
import { accessLogOf } from "../services/personal-data-access.service";
import { PersonalDataField } from "../vocabulary";
import { visibleVolunteer } from "../services/visibility.service";
import type { Caller } from "../../../runtime/auth";
import { CurrentCaller } from "../../shared/auth";
import { assertOwnOrStaff } from "../services/self-service.service";

type Ctx = SubgraphContext<CorpsLoaders>;

@Resolver(() => Volunteer)
export class VolunteerResolver {
  @Query(() => Volunteer, {
    nullable: true,
    description: "One volunteer by id. Anonymous callers see appointed (serving) volunteers only.",
  })
  async volunteer(
    @Arg("id", () => ID) id: string,
    @CurrentCaller({ optional: true }) caller: Caller | null,
    @Ctx() ctx: Ctx,
  ) {
    const key = rowId(id);
    return key === null ? null : visibleVolunteer(caller, await ctx.loaders.volunteer.load(key));
  }

  @Authorized()
  @Query(() => [Volunteer], {
    nullable: "items",
    description: `Several volunteers by id, in the order asked (null where unknown); at most ${MAX_LOOKUP_IDS} ids.`,
  })
  volunteersByIds(@Arg("ids", () => [ID]) ids: string[], @Ctx() ctx: Ctx) {
    checkLookupSize(ids, "volunteers");
    return Promise.all(
      ids.map((id) => {
        const key = rowId(id);
        return key === null ? Promise.resolve(null) : ctx.loaders.volunteer.load(key);
      }),
    );
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "Full for CITY_ADMIN (each showing logged: personalDataAccess), masked (138****5678) for other roles, null for anonymous callers.",
  })
  async contactPhone(
    @Root() volunteer: Volunteer,
    @CurrentCaller({ optional: true }) caller: Caller | null,
    @Ctx() ctx: Ctx,
  ) {
    if (seesUnmasked(caller))
      await accessLogOf(ctx).load({
        volunteerId: volunteer.id,
        field: PersonalDataField.CONTACT_PHONE,
      });
    return visiblePhone(caller, volunteer.contactPhone);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "ID number: full for CITY_ADMIN (each showing logged: personalDataAccess), masked for other roles, null for anonymous callers.",
  })
  async idNumber(
    @Root() volunteer: Volunteer,
    @CurrentCaller({ optional: true }) caller: Caller | null,
    @Ctx() ctx: Ctx,
  ) {
    if (seesUnmasked(caller))
      await accessLogOf(ctx).load({
        volunteerId: volunteer.id,
        field: PersonalDataField.ID_NUMBER,
      });
    return visibleIdNumber(caller, volunteer.idNumber);
  }

  @FieldResolver(() => Branch, {
    nullable: true,
    description: "The branch team (支队) the volunteer belongs to now.",
  })
  branch(@Root() volunteer: Volunteer, @Ctx() ctx: Ctx) {
    return ctx.loaders.branch.load(volunteer.branchId);
  }

  @FieldResolver(() => Agreement, {
    nullable: true,
    description: "The service agreement, once appointed.",
  })
  agreement(@Root() v: Volunteer): Agreement | null {
    if (!v.agreementForm || !v.agreementFrom || !v.agreementTo) return null;
    return {
      form: v.agreementForm,
      committedHoursPerYear: v.agreementHours ?? 0,
      validFrom: v.agreementFrom,
      validTo: v.agreementTo,
    };
  }

  @Authorized()
  @FieldResolver(() => [Transfer], {
    description: "Moves between branches, oldest first; signed-in callers.",
  })
  transfers(@Root() volunteer: Volunteer, @Ctx() ctx: Ctx) {
    return ctx.loaders.transfers.load(volunteer.id);
  }

  @Authorized()
  @FieldResolver(() => [VolunteerEvent], {
    description: "Every status change, oldest first (audit trail; signed-in callers only).",
  })
  history(@Root() volunteer: Volunteer, @Ctx() ctx: Ctx) {
    return ctx.loaders.history.load(volunteer.id);
  }

  @FieldResolver(() => [Training], { description: "Trainings completed, newest first." })
  trainings(@Root() volunteer: Volunteer, @Ctx() ctx: Ctx) {
    return ctx.loaders.trainings.load(volunteer.id);
  }

  @Authorized()
  @FieldResolver(() => [Evaluation], {
    description: "Periodic evaluations (考评), latest period first (signed-in callers only).",
  })
  evaluations(@Root() volunteer: Volunteer, @Ctx() ctx: Ctx) {
    return ctx.loaders.evaluations.load(volunteer.id);
  }

  @FieldResolver(() => [Commendation], { description: "Commendations (褒奖), newest first." })
  commendations(@Root() volunteer: Volunteer, @Ctx() ctx: Ctx) {
    return ctx.loaders.commendations.load(volunteer.id);
  }

  @FieldResolver(() => [Certificate], {
    description:
      "Service certificates issued, newest first: for the staff and the volunteer itself (VOLUNTEER).",
  })
  certificates(
    @Root() volunteer: Volunteer,
    @CurrentCaller({ allRoles: true }) caller: Caller,
    @Ctx() ctx: Ctx,
  ) {
    assertOwnOrStaff(caller, volunteer.id);
    return ctx.loaders.certificates.load(volunteer.id);
  }
}
