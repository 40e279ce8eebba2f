import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { SubgraphContext } from "../../shared/context";
import { Branch } from "../entities/branch.entity";
import { Transfer } from "../entities/transfer.entity";
import type { CorpsLoaders } from "../loaders";

type Ctx = SubgraphContext<CorpsLoaders>;

@Resolver(() => Transfer)
export class TransferResolver {
  @FieldResolver(() => Branch, { description: "The branch the volunteer left." })
  fromBranch(@Root() transfer: Transfer, @Ctx() ctx: Ctx) {
    return ctx.loaders.branch.load(transfer.fromBranchId);
  }

  @FieldResolver(() => Branch, { description: "The branch the volunteer joined." })
  toBranch(@Root() transfer: Transfer, @Ctx() ctx: Ctx) {
    return ctx.loaders.branch.load(transfer.toBranchId);
  }
}
