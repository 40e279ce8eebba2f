// The platforms' mutations: application, recommendation, certification decisions and the mentor
// group. The rules live in services/ (application, certification, mentors, lifecycle).
import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from "type-graphql";
import type { Caller } from "../../../runtime/auth";
import { CurrentCaller } from "../../shared/auth";
import type { SubgraphContext } from "../../shared/context";
import { DateScalar } from "../../shared/scalars";
import { Platform } from "../entities/platform.entity";
import { PlatformInput } from "../inputs/platform.input";
import { RecommendationInput } from "../inputs/recommendation.input";
import type { PlatformsLoaders } from "../loaders";
import { applyPlatform, recommendStation } from "../services/application.service";
import { certifyPlatform, decideAgainst } from "../services/certification.service";
import { MAX_MENTORS, setMentors } from "../services/mentors.service";
import { PlatformLevel } from "../vocabulary";

type Ctx = SubgraphContext<PlatformsLoaders>;

@Resolver()
export class PlatformLifecycleResolver {
  @Authorized("CITY_ADMIN", "PLATFORM_OPERATOR")
  @Mutation(() => Platform, {
    description:
      "Applies for demonstration-platform status. CITY_ADMIN without `id`: a new application (APPLIED). For an existing platform (its `id`; a PLATFORM_OPERATOR always its own): amends it while APPLIED, applies again when REJECTED or REVOKED; a CERTIFIED platform is a CONFLICT. A source station must exist, be FILED and be in the district (checked with districts).",
  })
  applyPlatform(
    @Arg("input", () => PlatformInput) input: PlatformInput,
    @Arg("id", () => ID, {
      nullable: true,
      description: "The platform applying again or amending; a PLATFORM_OPERATOR's own by default.",
    })
    id: string | null,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Ctx,
  ) {
    return applyPlatform(ctx.db, ctx.config, caller, ctx.audit, input, id ?? null);
  }

  @Authorized("DISTRICT_OPERATOR")
  @Mutation(() => Platform, {
    description:
      "A district recommends one of its own FILED workstations: creates the application (APPLIED) linked to the station, with the district's comment. Another district's station is FORBIDDEN; a station that is not FILED is BAD_USER_INPUT.",
  })
  recommendStation(
    @Arg("input", () => RecommendationInput) input: RecommendationInput,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Ctx,
  ) {
    return recommendStation(ctx.db, ctx.config, caller, ctx.audit, input);
  }

  @Authorized("CITY_ADMIN")
  @Mutation(() => Platform, {
    description: "Certifies an APPLIED platform at a level (APPLIED → CERTIFIED).",
  })
  certifyPlatform(
    @Arg("id", () => ID) id: string,
    @Arg("level", () => PlatformLevel) level: PlatformLevel,
    @Arg("certifiedOn", () => DateScalar, {
      nullable: true,
      description: "The date of the certification: today in Shenzhen when left out; never ahead.",
    })
    certifiedOn: string | null,
    @Arg("comment", () => String, { nullable: true, description: "Kept in the history." })
    comment: string | null,
    @Ctx() ctx: Ctx,
  ) {
    return certifyPlatform(ctx.db, ctx.audit, id, level, certifiedOn, comment);
  }

  @Authorized("CITY_ADMIN")
  @Mutation(() => Platform, {
    description: "Declines an APPLIED platform (APPLIED → REJECTED); it may apply again.",
  })
  rejectPlatform(
    @Arg("id", () => ID) id: string,
    @Arg("reason", { description: "Why; kept in the history." }) reason: string,
    @Ctx() ctx: Ctx,
  ) {
    return decideAgainst(ctx.db, ctx.audit, id, "reject", reason);
  }

  @Authorized("CITY_ADMIN")
  @Mutation(() => Platform, {
    description: "Revokes a certification (CERTIFIED → REVOKED).",
  })
  revokePlatform(
    @Arg("id", () => ID) id: string,
    @Arg("reason", { description: "Why; kept in the history." }) reason: string,
    @Ctx() ctx: Ctx,
  ) {
    return decideAgainst(ctx.db, ctx.audit, id, "revoke", reason);
  }

  @Authorized("CITY_ADMIN", "PLATFORM_OPERATOR")
  @Mutation(() => Platform, {
    description: `Replaces the mentor group in one transaction (at most ${MAX_MENTORS}; an id given twice counts once). Every volunteer must exist and be APPOINTED in corps, else BAD_USER_INPUT naming each refused id and the group is unchanged. A PLATFORM_OPERATOR sets its own platform's group only.`,
  })
  setMentors(
    @Arg("platformId", () => ID) platformId: string,
    @Arg("volunteerIds", () => [ID]) volunteerIds: string[],
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Ctx,
  ) {
    return setMentors(ctx.db, ctx.config, caller, ctx.audit, platformId, volunteerIds);
  }
}
