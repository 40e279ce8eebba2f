// GET /reports/stations/<YYYY-MM>.xlsx[?district=CODE][&revision=N]: a closed month's station
// report (信息报送) as an Excel workbook, one sheet per district (render/xlsx-reports.ts), read
// through the hub's own GraphQL as the caller (operations/station-report-download.graphql:
// districts decides who reads which district, and answers for a month not closed) a page at a
// time, and written in a worker thread (xlsx-writer.ts); all writers busy: 503 with Retry-After.
import type { ApolloServer } from "@apollo/server";
import type { FastifyReply, FastifyRequest } from "fastify";
import { badInput, HubError } from "../../runtime/errors";
import type { Route } from "../../runtime/http/server";
import type { Logger } from "../../runtime/log";
import type { GatewayContext } from "../context";
import type { Identity } from "../identity";
import { stationMonthlyWorkbook, type StationMonthlyRow } from "../render/xlsx-reports";
import type { XlsxWriter } from "../xlsx-writer";
import { answerError, routeOperation, runOperation } from "./operation";
import { sendWorkbook, signedInContext } from "./xlsx-reply";

export const STATION_REPORT_PATH = "/reports/stations/:file";
const STATION_REPORT = routeOperation("station-report-download");
const PAGE = 100;

interface Page {
  stationMonthlyReports: {
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: StationMonthlyRow[];
  };
}

/** The month from the file name and the district from the query; anything else is refused. */
export function reportRequest(
  url: string,
  file: string,
  query: Record<string, unknown>,
): { month: string; district?: string; revision?: number } {
  const match = /^(\d{4})-(\d{2})\.xlsx$/i.exec(file);
  if (!match || Number(match[2]) < 1 || Number(match[2]) > 12)
    throw new HubError(
      "ROUTE_NOT_FOUND",
      `not found: ${url.split("?")[0]}; a month's report is /reports/stations/<YYYY-MM>.xlsx`,
    );
  for (const key of Object.keys(query))
    if (key !== "district" && key !== "revision")
      throw badInput(`unknown parameter "${key}": the report takes district and revision`);
  const { district, revision } = query;
  if (district !== undefined && (typeof district !== "string" || !/^\d{6}$/.test(district)))
    throw badInput(`district must be a 6-digit district code, e.g. ?district=440305 (南山区)`);
  if (revision !== undefined && (typeof revision !== "string" || !/^[1-9]\d{0,5}$/.test(revision)))
    throw badInput(`revision must be a revision number from 1, e.g. ?revision=1`);
  return {
    month: `${match[1]}-${match[2]}`,
    district: district,
    revision: revision === undefined ? undefined : Number(revision),
  };
}

async function readReport(
  apollo: ApolloServer<GatewayContext>,
  context: GatewayContext,
  month: string,
  district?: string,
  revision?: number,
): Promise<StationMonthlyRow[]> {
  const rows: StationMonthlyRow[] = [];
  let after: string | null = null;
  for (;;) {
    const page: Page = await runOperation<Page>(apollo, STATION_REPORT, {
      variables: { month, districtCode: district, revision, first: PAGE, after },
      context,
    });
    rows.push(...page.stationMonthlyReports.nodes);
    const { hasNextPage, endCursor } = page.stationMonthlyReports.pageInfo;
    if (!hasNextPage || !endCursor) return rows;
    after = endCursor;
  }
}

export function stationReportRoutes(
  apollo: ApolloServer<GatewayContext>,
  log: Logger,
  writer: XlsxWriter,
  identity: Identity,
): Route[] {
  async function handler(request: FastifyRequest, reply: FastifyReply) {
    const { file } = request.params as { file: string };
    try {
      const { month, district, revision } = reportRequest(
        request.url,
        file,
        request.query as Record<string, unknown>,
      );
      const context = await signedInContext(request, identity, "a report");
      const rows = await readReport(apollo, context, month, district, revision);
      const xlsx = await writer.write(stationMonthlyWorkbook(month, rows));
      const scope = district ? (rows[0]?.station.district.name ?? district) : "全市";
      return sendWorkbook(reply, xlsx, {
        chinese: `工作站月报_${scope}_${month}.xlsx`,
        ascii: `stations_${district ?? "city"}_${month}.xlsx`,
      });
    } catch (error) {
      return answerError(request, reply, error, { log });
    }
  }
  return [{ method: "GET", path: STATION_REPORT_PATH, handler }];
}
