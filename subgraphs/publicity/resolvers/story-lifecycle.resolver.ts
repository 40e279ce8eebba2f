// The publicity office's story mutations; the rules live in services/story-lifecycle.service.ts,
// services/story-transitions.ts and services/coverage.service.ts.
import { Arg, Authorized, Ctx, ID, Int, Mutation, Resolver } from "type-graphql";
import type { Caller } from "../../../runtime/auth";
import { CurrentCaller } from "../../shared/auth";
import type { SubgraphContext } from "../../shared/context";
import { CaseStory } from "../entities/case-story.entity";
import { CaseStoryInput } from "../inputs/case-story.input";
import { CoverageInput } from "../inputs/coverage.input";
import type { PublicityLoaders } from "../loaders";
import { recordCoverage } from "../services/coverage.service";
import { lookupThroughGateway } from "../services/reference-check.service";
import { draftStory, transitionStory, updateStory } from "../services/story-lifecycle.service";
import { EDITOR_ROLES } from "../vocabulary";

type Ctx = SubgraphContext<PublicityLoaders>;

const expected = () =>
  Arg("expectedVersion", () => Int, {
    nullable: true,
    description:
      "The version you read; when the story has changed since, the change is refused (CONFLICT).",
  });

@Resolver()
export class StoryLifecycleResolver {
  @Authorized(...EDITOR_ROLES)
  @Mutation(() => CaseStory, {
    description:
      "Drafts a story (DRAFT). Every referenced volunteer, station, platform and activity must exist; an unknown one is BAD_USER_INPUT naming it, and nothing is written.",
  })
  draftStory(@Arg("input", () => CaseStoryInput) input: CaseStoryInput, @Ctx() ctx: Ctx) {
    return draftStory(ctx.db, lookupThroughGateway(ctx.config), ctx.audit, input);
  }

  @Authorized(...EDITOR_ROLES)
  @Mutation(() => CaseStory, {
    description:
      "Replaces a DRAFT's content (the same checks as drafting); a story in any other state is CONFLICT.",
  })
  updateStory(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => CaseStoryInput) input: CaseStoryInput,
    @expected() expectedVersion: number | null,
    @Ctx() ctx: Ctx,
  ) {
    return updateStory(
      ctx.db,
      lookupThroughGateway(ctx.config),
      ctx.audit,
      id,
      input,
      expectedVersion,
    );
  }

  @Authorized(...EDITOR_ROLES)
  @Mutation(() => CaseStory, { description: "Submits a DRAFT for review (IN_REVIEW)." })
  submitStory(
    @Arg("id", () => ID) id: string,
    @expected() expectedVersion: number | null,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Ctx,
  ) {
    return transitionStory(ctx.db, caller, ctx.audit, id, "submit", null, expectedVersion);
  }

  @Authorized(...EDITOR_ROLES)
  @Mutation(() => CaseStory, {
    description:
      "Publishes a story IN_REVIEW (PUBLISHED, public from now on). Four eyes: whoever drafted or edited it may not publish it (FORBIDDEN); CITY_ADMIN may.",
  })
  publishStory(
    @Arg("id", () => ID) id: string,
    @expected() expectedVersion: number | null,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Ctx,
  ) {
    return transitionStory(ctx.db, caller, ctx.audit, id, "publish", null, expectedVersion);
  }

  @Authorized(...EDITOR_ROLES)
  @Mutation(() => CaseStory, {
    description: "Sends a story IN_REVIEW back to DRAFT, with the reviewer's comment.",
  })
  returnStory(
    @Arg("id", () => ID) id: string,
    @Arg("comment", { description: "What to change; kept in the story's history." })
    comment: string,
    @expected() expectedVersion: number | null,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Ctx,
  ) {
    return transitionStory(ctx.db, caller, ctx.audit, id, "return", comment, expectedVersion);
  }

  @Authorized(...EDITOR_ROLES)
  @Mutation(() => CaseStory, {
    description: "Retracts a PUBLISHED story (RETRACTED, no longer public); final.",
  })
  retractStory(
    @Arg("id", () => ID) id: string,
    @Arg("reason", { description: "Why; kept in the story's history." }) reason: string,
    @expected() expectedVersion: number | null,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Ctx,
  ) {
    return transitionStory(ctx.db, caller, ctx.audit, id, "retract", reason, expectedVersion);
  }

  @Authorized(...EDITOR_ROLES)
  @Mutation(() => CaseStory, {
    description:
      "Records media coverage of a PUBLISHED story: outlet, http(s) link, date not in the future. The same link twice is CONFLICT.",
  })
  recordCoverage(
    @Arg("storyId", () => ID) storyId: string,
    @Arg("coverage", () => CoverageInput) coverage: CoverageInput,
    @Ctx() ctx: Ctx,
  ) {
    return recordCoverage(ctx.db, ctx.audit, storyId, coverage);
  }
}
