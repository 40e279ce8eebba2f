// An Activity reached by reference (a story's activities, _entities): activities are public, as
// every list of them is; an id that names no row resolves to null.
import type { GraphQLResolveInfo } from "graphql";
import type { SubgraphContext } from "../../shared/context";
import { rowId } from "../../shared/ids";
import { asksOnly } from "../../shared/selection";
import type { DistrictsLoaders } from "../loaders";

/** The fields answered from ACTIVITY_CARD's columns alone (station, district: from their ids). */
const CARD_FIELDS: ReadonlySet<string> = new Set([
  "id",
  "type",
  "category",
  "title",
  "heldOn",
  "station",
  "district",
]);

export const activityReference = {
  __resolveReference(
    ref: { id: string },
    ctx: SubgraphContext<DistrictsLoaders>,
    info: GraphQLResolveInfo,
  ) {
    const key = rowId(String(ref.id));
    if (key === null) return null;
    // The card's row holds only its columns: read only when no other field is asked.
    const loader = asksOnly(info, CARD_FIELDS) ? ctx.loaders.activityCard : ctx.loaders.activity;
    return loader.load(key);
  },
};
