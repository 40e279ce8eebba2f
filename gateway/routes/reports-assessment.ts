// GET /reports/assessment/<YYYY>.xlsx[?district=CODE]: the stations' assessment (考核) of a year as
// an Excel workbook, a sheet per district by rank and the formula's weights
// (render/xlsx-reports.ts), read through the hub's own GraphQL as the caller
// (operations/assessment-download.graphql: districts decides who reads which district) and written
// in a worker thread (xlsx-writer.ts); all writers busy: 503 with Retry-After.
import type { ApolloServer } from "@apollo/server";
import type { FastifyReply, FastifyRequest } from "fastify";
import { badInput, HubError } from "../../runtime/errors";
import type { Route } from "../../runtime/http/server";
import type { Logger } from "../../runtime/log";
import type { GatewayContext } from "../context";
import type { Identity } from "../identity";
import { assessmentWorkbook, type AssessmentData } from "../render/xlsx-reports";
import type { XlsxWriter } from "../xlsx-writer";
import { answerError, routeOperation, runOperation } from "./operation";
import { sendWorkbook, signedInContext } from "./xlsx-reply";

export const ASSESSMENT_PATH = "/reports/assessment/:file";
const ASSESSMENT = routeOperation("assessment-download");

/** The year from the file name and the district from the query; anything else is refused. */
export function assessmentRequest(
  url: string,
  file: string,
  query: Record<string, unknown>,
): { year: number; district?: string } {
  const match = /^(\d{4})\.xlsx$/i.exec(file);
  if (!match)
    throw new HubError(
      "ROUTE_NOT_FOUND",
      `not found: ${url.split("?")[0]}; a year's assessment is /reports/assessment/<YYYY>.xlsx`,
    );
  for (const key of Object.keys(query))
    if (key !== "district")
      throw badInput(`unknown parameter "${key}": the assessment takes district`);
  const district = query.district;
  if (district !== undefined && (typeof district !== "string" || !/^\d{6}$/.test(district)))
    throw badInput(`district must be a 6-digit district code, e.g. ?district=440305 (南山区)`);
  return { year: Number(match[1]), district: district };
}

export function assessmentRoutes(
  apollo: ApolloServer<GatewayContext>,
  log: Logger,
  writer: XlsxWriter,
  identity: Identity,
): Route[] {
  async function handler(request: FastifyRequest, reply: FastifyReply) {
    const { file } = request.params as { file: string };
    try {
      const { year, district } = assessmentRequest(
        request.url,
        file,
        request.query as Record<string, unknown>,
      );
      const context = await signedInContext(request, identity, "the assessment");
      const { stationAssessment } = await runOperation<{ stationAssessment: AssessmentData }>(
        apollo,
        ASSESSMENT,
        { variables: { year, districtCode: district }, context },
      );
      const xlsx = await writer.write(assessmentWorkbook(stationAssessment));
      const scope = district
        ? (stationAssessment.stations[0]?.station.district.name ?? district)
        : "全市";
      return sendWorkbook(reply, xlsx, {
        chinese: `工作站考核_${scope}_${year}.xlsx`,
        ascii: `assessment_${district ?? "city"}_${year}.xlsx`,
      });
    } catch (error) {
      return answerError(request, reply, error, { log });
    }
  }
  return [{ method: "GET", path: ASSESSMENT_PATH, handler }];
}
