// The volunteer's own record and the personal-data access log (docs/self-service.md). Hours,
// stars, activities and corrections come from districts (Volunteer fields it contributes).
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import type { Caller } from "../../../runtime/auth";
import { CurrentCaller } from "../../shared/auth";
import type { SubgraphContext } from "../../shared/context";
import { decodeCursor, MAX_PAGE, pageSize } from "../../shared/pagination";
import { badInput } from "../../../runtime/errors";
import { Certificate } from "../entities/certificate.entity";
import { Volunteer } from "../entities/volunteer.entity";
import type { CorpsLoaders } from "../loaders";
import { serviceRecordsThroughGateway } from "../services/certificate.service";
import { accessEntries } from "../services/personal-data-access.service";
import { VolunteerInput } from "../inputs/volunteer.input";
import {
  applicationOf,
  applyToCorps,
  appointedVolunteerOf,
  ownVolunteerId,
  readsAccessLog,
  requestOwnCertificate,
} from "../services/self-service.service";
import {
  PersonalDataAccessArgs,
  PersonalDataAccessConnection,
} from "../types/personal-data-access.types";

type Ctx = SubgraphContext<CorpsLoaders>;
const ANY_ROLE = { optional: true, allRoles: true } as const;

@Resolver(() => Volunteer)
export class SelfServiceResolver {
  @Query(() => Volunteer, {
    nullable: true,
    description:
      "The signed-in volunteer's own record (VOLUNTEER, bound to its volunteer id at sign-in); null for every other caller.",
  })
  myVolunteerRecord(@CurrentCaller(ANY_ROLE) caller: Caller | null, @Ctx() ctx: Ctx) {
    const id = ownVolunteerId(caller);
    return id === null ? null : ctx.loaders.volunteer.load(id);
  }

  @Authorized("APPLICANT")
  @Mutation(() => Volunteer, {
    description:
      "A person signed in at the identity provider without a hub role (APPLICANT) applies to the corps for itself: an APPLIED volunteer bound to its identity, one per identity (CONFLICT for a second). Once the corps office appoints it, the same sign-in acts as that VOLUNTEER.",
  })
  applyToCorps(
    @Arg("input", () => VolunteerInput) input: VolunteerInput,
    @CurrentCaller({ allRoles: true }) caller: Caller,
    @Ctx() ctx: Ctx,
  ) {
    return applyToCorps(ctx.db, ctx.audit, ctx.log, caller, input);
  }

  @Query(() => Volunteer, {
    nullable: true,
    description:
      "The application of the signed-in person (APPLICANT, or the VOLUNTEER it became): its status as the corps office moves it. Null for every other caller and before applying.",
  })
  myApplication(@CurrentCaller(ANY_ROLE) caller: Caller | null, @Ctx() ctx: Ctx) {
    return applicationOf(ctx.db, caller);
  }

  @Authorized("SERVICE")
  @Query(() => Volunteer, {
    nullable: true,
    description:
      "For the gateway's sign-in: the volunteer an identity applied as, once appointed; null otherwise. The hub's services only.",
  })
  appointedVolunteerBoundTo(@Arg("subject") subject: string, @Ctx() ctx: Ctx) {
    return appointedVolunteerOf(ctx.db, subject);
  }

  @Authorized("VOLUNTEER")
  @Mutation(() => Certificate, {
    description:
      "The signed-in volunteer asks for a service certificate of its verified hours: issued when they exceed its latest certificate's (CONFLICT when they have not grown). It downloads it at /certificates/<number>.pdf.",
  })
  requestCertificate(@CurrentCaller({ allRoles: true }) caller: Caller, @Ctx() ctx: Ctx) {
    return requestOwnCertificate(
      ctx.db,
      ctx.audit,
      caller,
      serviceRecordsThroughGateway(ctx.config),
    );
  }

  @FieldResolver(() => PersonalDataAccessConnection, {
    name: "personalDataAccess",
    nullable: true,
    description:
      "Who saw this volunteer's unmasked phone or ID number, newest first: for the volunteer itself and CITY_ADMIN; null for anyone else.",
  })
  ownPersonalDataAccess(
    @Root() volunteer: Volunteer,
    @Arg("first", () => Int, { defaultValue: 20, description: `1 to ${MAX_PAGE}.` }) first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @CurrentCaller(ANY_ROLE) caller: Caller | null,
    @Ctx() ctx: Ctx,
  ) {
    if (!readsAccessLog(caller, volunteer)) return null;
    if (!(first >= 1 && first <= MAX_PAGE))
      throw badInput(`first must be between 1 and ${MAX_PAGE}; it is ${first}`);
    return accessEntries(ctx.db, { volunteerId: volunteer.id }, first, decodeCursor(after));
  }

  @Authorized("CITY_ADMIN")
  @Query(() => PersonalDataAccessConnection, {
    name: "personalDataAccess",
    description:
      "The personal-data access log, newest first, filtered by volunteer, actor, field and time (CITY_ADMIN). Append-only; kept ACCESS_LOG_RETENTION_DAYS (at least 180).",
  })
  allPersonalDataAccess(@Args() args: PersonalDataAccessArgs, @Ctx() ctx: Ctx) {
    return accessEntries(
      ctx.db,
      {
        volunteerId: args.volunteerId ? Number(args.volunteerId) : null,
        actor: args.actor,
        field: args.field,
        since: args.since,
        until: args.until,
      },
      pageSize(args.first),
      decodeCursor(args.after),
    );
  }
}
