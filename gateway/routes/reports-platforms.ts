// GET /reports/platforms/<YYYY>.xlsx[?district=CODE][&revision=N]: a closed year of the certified
// platforms' annual report as an Excel workbook, a sheet per district (render/xlsx-reports.ts),
// read through the hub's own GraphQL as the caller (operations/platform-year-download.graphql:
// platforms decides who reads what, and answers for a year not closed) and written in a worker
// thread (xlsx-writer.ts); all writers busy: 503 with Retry-After.
import type { ApolloServer } from "@apollo/server";
import type { FastifyReply, FastifyRequest } from "fastify";
import { badInput, HubError } from "../../runtime/errors";
import type { Route } from "../../runtime/http/server";
import type { Logger } from "../../runtime/log";
import type { GatewayContext } from "../context";
import type { Identity } from "../identity";
import { platformYearWorkbook, type PlatformYearData } from "../render/xlsx-reports";
import type { XlsxWriter } from "../xlsx-writer";
import { answerError, routeOperation, runOperation } from "./operation";
import { sendWorkbook, signedInContext } from "./xlsx-reply";

export const PLATFORM_YEAR_PATH = "/reports/platforms/:file";
const PLATFORM_YEAR = routeOperation("platform-year-download");

function platformYearRequest(url: string, file: string, query: Record<string, unknown>) {
  const match = /^(\d{4})\.xlsx$/i.exec(file);
  if (!match)
    throw new HubError(
      "ROUTE_NOT_FOUND",
      `not found: ${url.split("?")[0]}; a year's platform report is /reports/platforms/<YYYY>.xlsx`,
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
    year: Number(match[1]),
    district: district,
    revision: revision === undefined ? undefined : Number(revision),
  };
}

export function platformYearRoutes(
  apollo: ApolloServer<GatewayContext>,
  log: Logger,
  writer: XlsxWriter,
  identity: Identity,
): Route[] {
  async function handler(request: FastifyRequest, reply: FastifyReply) {
    const { file } = request.params as { file: string };
    try {
      const { year, district, revision } = platformYearRequest(
        request.url,
        file,
        request.query as Record<string, unknown>,
      );
      const context = await signedInContext(request, identity, "a report");
      const { platformYear } = await runOperation<{ platformYear: PlatformYearData }>(
        apollo,
        PLATFORM_YEAR,
        { variables: { year, revision, districtCode: district }, context },
      );
      const xlsx = await writer.write(platformYearWorkbook(platformYear));
      const scope = district
        ? (platformYear.reports[0]?.platform.district?.name ?? district)
        : "全市";
      return sendWorkbook(reply, xlsx, {
        chinese: `示范平台年度报告_${scope}_${year}.xlsx`,
        ascii: `platforms_${district ?? "city"}_${year}.xlsx`,
      });
    } catch (error) {
      return answerError(request, reply, error, { log });
    }
  }
  return [{ method: "GET", path: PLATFORM_YEAR_PATH, handler }];
}
