// Mutation.publishStations served on the built schema (buildFederatedSchema's plain resolvers)
// rather than through type-graphql's wrapper, which turns each of up to 1,000 coerced rows into a
// StationInput instance (per row and field it searches every input type the process declared):
// 2.5-5 CPU-ms of a 1,000-row publish. The rows go on as GraphQL coerced them, and the Batch checks
// them by StationInput's constraints (validateRow with the class). PublishResolver still declares
// the field; what type-graphql ran for it is run here, in the same order: first the global
// middleware textArgs (every string trimmed, plain string arguments checked: a control character
// is BAD_USER_INPUT before any caller check), then @DistrictWriter on the trimmed districtCode,
// then @CurrentCaller (which admits every caller @DistrictWriter admits).
import type { GraphQLResolveInfo } from "graphql";
import type { ResolverData } from "type-graphql";
import { assertDistrictWriter, requireCaller } from "../../shared/auth";
import type { SubgraphContext } from "../../shared/context";
import { textArgs } from "../../shared/validation/text";
import type { StationInput } from "../inputs/station.input";
import type { DistrictsLoaders } from "../loaders";
import { publishStations } from "../services/publish-stations.service";
import type { PublishResult } from "../types/publish-result";

type Ctx = SubgraphContext<DistrictsLoaders>;

interface Args {
  districtCode: string;
  stations: StationInput[];
}

export const publishStationsPlain = {
  async publishStations(
    root: unknown,
    args: Args,
    ctx: Ctx,
    info: GraphQLResolveInfo,
  ): Promise<PublishResult> {
    const data: ResolverData<Ctx> = { root, args, context: ctx, info };
    return (await textArgs(data, () => {
      assertDistrictWriter(requireCaller(ctx), String(args.districtCode));
      return publishStations(ctx.db, ctx.audit, args.districtCode, args.stations);
    })) as PublishResult;
  },
};
