// A Station reached by reference shows what the station lists would show the same caller:
// anonymous callers see filed stations only; hidden or unknown, it resolves to null.
import type { GraphQLResolveInfo } from "graphql";
import { viewerOf } from "../../shared/auth";
import type { SubgraphContext } from "../../shared/context";
import { rowId } from "../../shared/ids";
import { asksOnly } from "../../shared/selection";
import type { DistrictsLoaders } from "../loaders";
import { visibleStation } from "../services/stations.service";

/** The fields answered from STATION_CARD's columns alone (district: from districtCode). */
const CARD_FIELDS: ReadonlySet<string> = new Set(["id", "name", "status", "district"]);

export const stationReference = {
  async __resolveReference(
    ref: { id: string },
    ctx: SubgraphContext<DistrictsLoaders>,
    info: GraphQLResolveInfo,
  ) {
    const key = rowId(String(ref.id));
    if (key === null) return null;
    // The card's row holds only its columns: read only when no other field is asked.
    const row = asksOnly(info, CARD_FIELDS)
      ? await ctx.loaders.stationCard.load(key)
      : await ctx.loaders.station.load(key);
    return visibleStation(viewerOf(ctx), row);
  },
};
