// The page of stories: its nodes and page info carry the story cache hint (object fields without
// one would make every story list uncacheable), and when the list last changed, for feeds. The
// nodes wait for what their fields read from the page's batches (preloadStoryFields).
import { Ctx, FieldResolver, Info, Resolver, Root } from "type-graphql";
import type { GraphQLResolveInfo } from "graphql";
import type { SubgraphContext } from "../../shared/context";
import { PageInfo } from "../../shared/pagination";
import { hintStoryRead } from "../cache-hint";
import { CaseStory } from "../entities/case-story.entity";
import { CaseStoryConnection } from "../types/case-story-connection";
import type { PublicityLoaders } from "../loaders";
import { preloadStoryFields } from "./case-story.resolver";

type Ctx = SubgraphContext<PublicityLoaders>;

@Resolver(() => CaseStoryConnection)
export class CaseStoryConnectionResolver {
  @FieldResolver(() => [CaseStory])
  async nodes(
    @Root() page: CaseStoryConnection,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: Ctx,
  ) {
    hintStoryRead(info, ctx);
    await preloadStoryFields(page.nodes, info, ctx);
    return page.nodes;
  }

  @FieldResolver(() => PageInfo)
  pageInfo(@Root() page: CaseStoryConnection, @Info() info: GraphQLResolveInfo, @Ctx() ctx: Ctx) {
    hintStoryRead(info, ctx);
    return page.pageInfo;
  }

  @FieldResolver(() => Date, {
    nullable: true,
    description:
      "When this list last changed: the latest change of a story it shows, or (for the public) of one it showed until it was retracted. Null when there is none. What feeds send as Last-Modified.",
  })
  lastChangedAt(@Root() page: CaseStoryConnection) {
    return page.lastChanged();
  }
}
