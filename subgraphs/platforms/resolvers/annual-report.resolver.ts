// The platforms' annual report (docs/reports.md): closing a year (CITY_ADMIN) and reading one of
// its revisions (the dashboard's readers; a DISTRICT_OPERATOR its district's platforms).
import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import type { Caller } from "../../../runtime/auth";
import { notFound } from "../../../runtime/errors";
import { checkReportYear, checkRevision } from "../../../runtime/report-period";
import { CurrentCaller } from "../../shared/auth";
import type { SubgraphContext } from "../../shared/context";
import { figureScope } from "../../shared/figure-scope";
import { Platform } from "../entities/platform.entity";
import { PlatformAnnualReport, PlatformYear } from "../entities/platform-year.entity";
import type { PlatformsLoaders } from "../loaders";
import { closePlatformYear, latestYear } from "../services/platform-year.service";

type Ctx = SubgraphContext<PlatformsLoaders>;

@Resolver(() => PlatformYear)
export class PlatformYearResolver {
  @Authorized("CITY_ADMIN")
  @Mutation(() => PlatformYear, {
    description:
      "Closes a year that has ended: freezes every certified platform's annual report as revision 1, or as the next revision when its figures moved; otherwise returns the latest revision.",
  })
  closePlatformYear(@Arg("year", () => Int) year: number, @Ctx() ctx: Ctx) {
    return closePlatformYear(ctx.db, ctx.config, ctx.audit, year);
  }

  @Query(() => PlatformYear, {
    description:
      "A closed year of the platforms' annual report: the latest revision, or the one asked for. NOT_FOUND before it is closed.",
  })
  async platformYear(
    @Arg("year", () => Int) year: number,
    @Arg("revision", () => Int, { nullable: true }) revision: number | null,
    @CurrentCaller({ optional: true, allRoles: true }) caller: Caller | null,
    @Ctx() ctx: Ctx,
  ) {
    figureScope(caller);
    checkReportYear(year);
    checkRevision(revision);
    const found = revision
      ? await ctx.db.getRepository(PlatformYear).findOneBy({ year, revision })
      : await latestYear(ctx.db, year);
    if (!found)
      throw notFound(
        revision
          ? `year ${year} has no revision ${revision} of the platforms' annual report`
          : `the platforms' year ${year} has not been closed yet; a CITY_ADMIN closes it with closePlatformYear`,
      );
    return found;
  }

  @FieldResolver(() => [PlatformAnnualReport], {
    description:
      "Each certified platform's year, by platform; a DISTRICT_OPERATOR sees its district's.",
  })
  reports(
    @Root() closed: PlatformYear,
    @Arg("districtCode", () => ID, { nullable: true }) districtCode: string | null,
    @CurrentCaller({ optional: true, allRoles: true }) caller: Caller | null,
    @Ctx() ctx: Ctx,
  ) {
    const scope = figureScope(caller, districtCode);
    return ctx.db.getRepository(PlatformAnnualReport).find({
      where: {
        year: closed.year,
        revision: closed.revision,
        ...(scope ? { districtCode: scope } : {}),
      },
      order: { platformId: "ASC" },
    });
  }
}

@Resolver(() => PlatformAnnualReport)
export class PlatformAnnualReportResolver {
  @FieldResolver(() => Platform)
  platform(@Root() report: PlatformAnnualReport, @Ctx() ctx: Ctx) {
    return ctx.loaders.platform.load(report.platformId);
  }
}
