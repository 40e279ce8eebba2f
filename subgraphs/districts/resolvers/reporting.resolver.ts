// Closed reporting months (docs/reports.md): closing one (CITY_ADMIN), reading its station
// reports and what moved in a revision (the dashboard's readers, a district its own stations).
import {
  Arg,
  Args,
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
import { CurrentCaller } from "../../shared/auth";
import type { SubgraphContext } from "../../shared/context";
import { figureScope } from "../../shared/figure-scope";
import { PageArgs } from "../../shared/pagination";
import { ReportingMonth } from "../entities/reporting-month.entity";
import { District } from "../entities/district.entity";
import { DistrictMonthlyReport } from "../entities/district-monthly-report.entity";
import { Station } from "../entities/station.entity";
import { StationMonthlyReport } from "../entities/station-monthly-report.entity";
import { StationReportChange } from "../entities/station-report-change.entity";
import type { DistrictsLoaders } from "../loaders";
import { closeReportingMonth } from "../services/reporting-month.service";
import {
  districtTotals,
  findRevision,
  revisionChanges,
  stationReportsPage,
} from "../services/reporting-reads.service";
import { StationMonthlyReportConnection } from "../types/reporting.types";

type Ctx = SubgraphContext<DistrictsLoaders>;

@Resolver(() => ReportingMonth)
export class ReportingMonthResolver {
  @Authorized("CITY_ADMIN")
  @Mutation(() => ReportingMonth, {
    description:
      "Closes a month that has ended (YYYY-MM, Shenzhen time): freezes every station's figures as revision 1, or, when they moved since the latest revision, as the next one; otherwise returns the latest revision unchanged.",
  })
  closeReportingMonth(@Arg("month") month: string, @Ctx() ctx: Ctx) {
    return closeReportingMonth(ctx.db, ctx.audit, month);
  }

  @Query(() => ReportingMonth, {
    description:
      "A closed month: its latest revision, or the one asked for. NOT_FOUND before it is closed.",
  })
  reportingMonth(
    @Arg("month") month: string,
    @Arg("revision", () => Int, { nullable: true }) revision: number | null,
    @CurrentCaller({ optional: true, allRoles: true }) caller: Caller | null,
    @Ctx() ctx: Ctx,
  ) {
    figureScope(caller);
    return findRevision(ctx.db, month, revision);
  }

  @Query(() => StationMonthlyReportConnection, {
    description:
      "A closed month's station figures, by district then station: the latest revision unless `revision` names an earlier one; a DISTRICT_OPERATOR gets its own district's.",
  })
  async stationMonthlyReports(
    @Arg("month") month: string,
    @Arg("districtCode", () => ID, { nullable: true }) districtCode: string | null,
    @Arg("revision", () => Int, { nullable: true }) revision: number | null,
    @Args() page: PageArgs,
    @CurrentCaller({ optional: true, allRoles: true }) caller: Caller | null,
    @Ctx() ctx: Ctx,
  ) {
    const scope = figureScope(caller, districtCode);
    const closed = await findRevision(ctx.db, month, revision);
    return stationReportsPage(ctx.db, closed, scope, page.first, page.after);
  }

  @FieldResolver(() => [DistrictMonthlyReport], {
    description:
      "Each district's totals for the month, by the dashboard's own SQL: they equal its figures for the month (online activities and demands at stations not filed that month included).",
  })
  districtTotals(
    @Root() closed: ReportingMonth,
    @Arg("districtCode", () => ID, { nullable: true }) districtCode: string | null,
    @CurrentCaller({ optional: true, allRoles: true }) caller: Caller | null,
    @Ctx() ctx: Ctx,
  ) {
    return districtTotals(ctx.db, closed, figureScope(caller, districtCode));
  }

  @FieldResolver(() => [StationReportChange], {
    description:
      "The stations whose figures moved since the previous revision, and the audit events that moved them (empty for revision 1); a DISTRICT_OPERATOR sees its own district's.",
  })
  changes(
    @Root() closed: ReportingMonth,
    @Arg("districtCode", () => ID, { nullable: true }) districtCode: string | null,
    @CurrentCaller({ optional: true, allRoles: true }) caller: Caller | null,
    @Ctx() ctx: Ctx,
  ) {
    return revisionChanges(ctx.db, closed, figureScope(caller, districtCode));
  }
}

@Resolver(() => StationMonthlyReport)
export class StationMonthlyReportResolver {
  @FieldResolver(() => Station)
  station(@Root() report: StationMonthlyReport, @Ctx() ctx: Ctx) {
    return ctx.loaders.station.load(report.stationId);
  }
}

@Resolver(() => StationReportChange)
export class StationReportChangeResolver {
  @FieldResolver(() => Station, {
    nullable: true,
    description: "The station that moved; null when the district's totals moved.",
  })
  station(@Root() change: StationReportChange, @Ctx() ctx: Ctx) {
    return change.stationId === null ? null : ctx.loaders.station.load(change.stationId);
  }

  @FieldResolver(() => District)
  district(@Root() change: StationReportChange, @Ctx() ctx: Ctx) {
    return ctx.loaders.district.load(change.districtCode);
  }
}

@Resolver(() => DistrictMonthlyReport)
export class DistrictMonthlyReportResolver {
  @FieldResolver(() => District)
  district(@Root() report: DistrictMonthlyReport, @Ctx() ctx: Ctx) {
    return ctx.loaders.district.load(report.districtCode);
  }
}
