// The expert directory (义诊专栏): the public list, the corps office's listing, the service forms
// a volunteer's agreement allows, and the candidates districts' matching ranks. Rules in
// services/directory.service.ts.
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import type { SubgraphContext } from "../../shared/context";
import { ServiceCategory, ServiceForm } from "../../shared/vocabulary";
import { Volunteer } from "../entities/volunteer.entity";
import { ExpertDirectoryArgs } from "../inputs/directory.args";
import type { CorpsLoaders } from "../loaders";
import {
  findExperts,
  matchCandidates,
  serviceForms,
  setDirectoryListing,
} from "../services/directory.service";
import { VolunteerConnection } from "../types/volunteer-connection";

type Ctx = SubgraphContext<CorpsLoaders>;

@Resolver(() => Volunteer)
export class DirectoryResolver {
  @Query(() => VolunteerConnection, {
    description:
      "Public: the expert directory (义诊专栏), oldest first: APPOINTED volunteers who opted in, while their service agreement is valid. No personal data (contactPhone and idNumber are null for the public).",
  })
  expertDirectory(@Args() args: ExpertDirectoryArgs, @Ctx() ctx: Ctx) {
    return findExperts(ctx.db, args);
  }

  @Authorized("CITY_ADMIN", "SERVICE")
  @Query(() => [Volunteer], {
    description:
      "Who matching may suggest for a demand of this category: APPOINTED under an agreement valid today, and either listing the category or of an expert type that bears on it (listed in the directory or not). For the hub's own matching and CITY_ADMIN.",
  })
  matchCandidates(
    @Arg("category", () => ServiceCategory) category: ServiceCategory,
    @Ctx() ctx: Ctx,
  ) {
    return matchCandidates(ctx.db, category);
  }

  @Authorized("CITY_ADMIN")
  @Mutation(() => Volunteer, {
    description:
      "Lists a volunteer in the expert directory (listed: true; APPOINTED under a valid agreement; a profile of 10-300 characters, given now or already stored) or takes one out (listed: false, with a reason). Kept in Volunteer.history.",
  })
  setDirectoryListing(
    @Arg("volunteerId", () => ID) volunteerId: string,
    @Arg("listed") listed: boolean,
    @Arg("profile", () => String, {
      nullable: true,
      description: "The public profile; replaces the stored one.",
    })
    profile: string | null,
    @Arg("reason", () => String, {
      nullable: true,
      description: "Why the volunteer is taken out of the directory (required then).",
    })
    reason: string | null,
    @Ctx() ctx: Ctx,
  ) {
    return setDirectoryListing(ctx.db, ctx.audit, volunteerId, listed, profile, reason);
  }

  @FieldResolver(() => [ServiceForm], {
    description:
      "How the volunteer serves under the service agreement: ONLINE, OFFLINE or both; empty without an agreement.",
  })
  serviceForms(@Root() volunteer: Volunteer): ServiceForm[] {
    return serviceForms(volunteer.agreementForm);
  }
}
