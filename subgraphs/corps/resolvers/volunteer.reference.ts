// A Volunteer reached by reference (a story's volunteers, a platform's mentors, _entities) shows
// what volunteer(id) would show the same caller: hidden or unknown, it resolves to null.
import type { GraphQLResolveInfo } from "graphql";
import { viewerOf } from "../../shared/auth";
import type { SubgraphContext } from "../../shared/context";
import { rowId } from "../../shared/ids";
import { asksOnly } from "../../shared/selection";
import { VOLUNTEER_CARD, type CorpsLoaders } from "../loaders";
import { visibleVolunteer } from "../services/visibility.service";

/** The fields answered from those columns alone: plain property reads, no resolver of their own. */
const CARD_FIELDS: ReadonlySet<string> = new Set(VOLUNTEER_CARD);

export const volunteerReference = {
  async __resolveReference(
    ref: { id: string },
    ctx: SubgraphContext<CorpsLoaders>,
    info: GraphQLResolveInfo,
  ) {
    const key = rowId(String(ref.id));
    if (key === null) return null;
    // The card's row holds only its columns: read only when no other field is asked.
    const row = asksOnly(info, CARD_FIELDS)
      ? await ctx.loaders.volunteerCard.load(key)
      : await ctx.loaders.volunteer.load(key);
    return visibleVolunteer(viewerOf(ctx), row);
  },
};
