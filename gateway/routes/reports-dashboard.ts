// GET /reports/dashboard.xlsx?from=YYYY-MM-DD&to=YYYY-MM-DD: the dashboard page's table of districts
// as an Excel workbook (render/xlsx-reports.ts), read through the hub's own GraphQL as the caller
// (operations/dashboard-table.graphql: districts decides again who may read which figures) and
// written in a worker thread (xlsx-writer.ts); all writers busy: 503 with Retry-After.
import type { ApolloServer } from "@apollo/server";
import type { FastifyReply, FastifyRequest } from "fastify";
import { isIsoDate } from "../../runtime/dates";
import { badInput } from "../../runtime/errors";
import { FIRST_REPORT_YEAR, isReportDate, LAST_REPORT_YEAR } from "../../runtime/report-period";
import type { Route } from "../../runtime/http/server";
import type { Logger } from "../../runtime/log";
import type { GatewayContext } from "../context";
import type { Identity } from "../identity";
import { dashboardWorkbook, type DashboardTable } from "../render/xlsx-reports";
import type { XlsxWriter } from "../xlsx-writer";
import { answerError, routeOperation, runOperation } from "./operation";
import { sendWorkbook, signedInContext } from "./xlsx-reply";

export const DASHBOARD_XLSX_PATH = "/reports/dashboard.xlsx";
const DASHBOARD_TABLE = routeOperation("dashboard-table");

/** The range from the query string; anything else is a 400 naming it. */
export function rangeOf(query: Record<string, unknown>): { from: string; to: string } {
  for (const key of Object.keys(query))
    if (key !== "from" && key !== "to")
      throw badInput(`unknown parameter "${key}": the table takes from and to`);
  const { from, to } = query;
  for (const [name, value] of [
    ["from", from],
    ["to", to],
  ] as const)
    if (typeof value !== "string" || !isIsoDate(value))
      throw badInput(
        `give ${name} once, as a date YYYY-MM-DD, e.g. ?from=2026-01-01&to=2026-06-30`,
      );
    else if (!isReportDate(value))
      throw badInput(
        `${name} ${value} is out of range: the table covers dates from ${FIRST_REPORT_YEAR}-01-01 to ${LAST_REPORT_YEAR}-12-31`,
      );
  if ((from as string) > (to as string))
    throw badInput(`from ${String(from)} is after to ${String(to)}`);
  return { from: from as string, to: to as string };
}

export function dashboardXlsxRoutes(
  apollo: ApolloServer<GatewayContext>,
  log: Logger,
  writer: XlsxWriter,
  identity: Identity,
): Route[] {
  async function handler(request: FastifyRequest, reply: FastifyReply) {
    try {
      const range = rangeOf(request.query as Record<string, unknown>);
      const context = await signedInContext(request, identity, "the table");
      const data = await runOperation<DashboardTable>(apollo, DASHBOARD_TABLE, {
        variables: range,
        context,
      });
      const xlsx = await writer.write(dashboardWorkbook(data, range.from, range.to));
      const name = `各区服务情况_${range.from}_${range.to}.xlsx`;
      return sendWorkbook(reply, xlsx, {
        chinese: name,
        ascii: `dashboard_${range.from}_${range.to}.xlsx`,
      });
    } catch (error) {
      return answerError(request, reply, error, { log });
    }
  }
  return [{ method: "GET", path: DASHBOARD_XLSX_PATH, handler }];
}
