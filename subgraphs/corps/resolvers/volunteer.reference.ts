// A Volunteer reached by reference (a story's volunteers, a platform's mentors, _entities) shows
// what volunteer(id) would show the same caller: hidden or unknown, it resolves to null.
import { viewerOf } from "../../shared/auth";
import type { SubgraphContext } from "../../shared/context";
import { rowId } from "../../shared/ids";
import type { CorpsLoaders } from "../loaders";
import { visibleVolunteer } from "../services/visibility.service";

export const volunteerReference = {
  async __resolveReference(ref: { id: string }, ctx: SubgraphContext<CorpsLoaders>) {
    const key = rowId(String(ref.id));
    if (key === null) return null;
    return visibleVolunteer(viewerOf(ctx), await ctx.loaders.volunteer.load(key));
  },
};
