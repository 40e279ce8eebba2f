// The service menu (服务菜单): public reads, the corps office's writes. Rules in
// services/service-menu.service.ts.
import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import type { Caller } from "../../../runtime/auth";
import { forbidden } from "../../../runtime/errors";
import { CurrentCaller } from "../../shared/auth";
import type { SubgraphContext } from "../../shared/context";
import { checkLookupSize, MAX_LOOKUP_IDS, rowId } from "../../shared/ids";
import { ServiceCategory } from "../../shared/vocabulary";
import { ServiceMenuItem } from "../entities/service-menu-item.entity";
import { ServiceMenuItemInput } from "../inputs/clinic.input";
import type { CorpsLoaders } from "../loaders";
import { retireMenuItem, saveMenuItem, serviceMenu } from "../services/service-menu.service";

type Ctx = SubgraphContext<CorpsLoaders>;

@Resolver(() => ServiceMenuItem)
export class ServiceMenuResolver {
  @Query(() => [ServiceMenuItem], {
    description:
      "Public: the service menu (服务菜单), by category then age: what an enterprise can book an expert for. Retired entries only for CITY_ADMIN (includeRetired).",
  })
  serviceMenu(
    @Arg("category", () => ServiceCategory, { nullable: true }) category: ServiceCategory | null,
    @Arg("includeRetired", { defaultValue: false }) includeRetired: boolean,
    @CurrentCaller({ optional: true }) caller: Caller | null,
    @Ctx() ctx: Ctx,
  ) {
    if (includeRetired && caller?.role !== "CITY_ADMIN")
      throw forbidden("retired menu entries are for CITY_ADMIN");
    return serviceMenu(ctx.db, category, includeRetired);
  }

  @Authorized()
  @Query(() => [ServiceMenuItem], {
    nullable: "items",
    description: `Several service menu entries by id, retired ones included, in the order asked (null where unknown); at most ${MAX_LOOKUP_IDS} ids; signed-in callers.`,
  })
  serviceMenuItemsByIds(@Arg("ids", () => [ID]) ids: string[], @Ctx() ctx: Ctx) {
    checkLookupSize(ids, "service menu entries");
    return Promise.all(
      ids.map((id) => {
        const key = rowId(id);
        return key === null ? Promise.resolve(null) : ctx.loaders.menuItem.load(key);
      }),
    );
  }

  @Authorized("CITY_ADMIN")
  @Mutation(() => ServiceMenuItem, {
    description:
      "Adds an entry to the service menu (no id) or replaces one's content (its id; expectedVersion refuses a change to an entry changed since it was read). A title is used once per category.",
  })
  saveServiceMenuItem(
    @Arg("input", () => ServiceMenuItemInput) input: ServiceMenuItemInput,
    @Arg("id", () => ID, { nullable: true }) id: string | null,
    @Arg("expectedVersion", () => Int, { nullable: true }) expectedVersion: number | null,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Ctx,
  ) {
    return saveMenuItem(ctx.db, caller, input, id, expectedVersion);
  }

  @Authorized("CITY_ADMIN")
  @Mutation(() => ServiceMenuItem, {
    description: "Takes an entry off the menu; bookings that name it keep it.",
  })
  retireServiceMenuItem(
    @Arg("id", () => ID) id: string,
    @Arg("expectedVersion", () => Int, { nullable: true }) expectedVersion: number | null,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Ctx,
  ) {
    return retireMenuItem(ctx.db, caller, id, expectedVersion);
  }
}
