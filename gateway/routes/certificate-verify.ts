// GET /certificates/verify/<number>: the public page a printed certificate's QR code opens. It
// reads verifyCertificate through the hub's own GraphQL as the public (the name stays masked) and
// answers a small HTML page in Chinese: what the certificate says, or that no certificate has that
// number (404). Nothing on it comes from elsewhere; every value is escaped. A number the hub
// refuses (a control character in it) is the client's mistake, answered with its code's status
// (400), never as the hub being unavailable; a failure of the hub is 503 SERVICE_UNAVAILABLE.
// Refusals are a line of text for the person reading, with the table's status (operation.ts).
import type { ApolloServer } from "@apollo/server";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { HubConfig } from "../../runtime/config";
import { httpStatusOf, HubError, isHubFailure } from "../../runtime/errors";
import type { Route } from "../../runtime/http/server";
import type { Logger } from "../../runtime/log";
import { anonymousContext, type GatewayContext } from "../context";
import { answerError, routeOperation, runOperation } from "./operation";

export const VERIFY_PATH = "/certificates/verify/:number";
const VERIFY = routeOperation("certificate-verify");

interface Verification {
  number: string;
  volunteerName: string;
  hours: number;
  issuedOn: string;
  issuer: string;
}

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );

/** The page: pure, from what verifyCertificate answered (null: no such certificate). */
export function verificationPage(number: string, found: Verification | null): string {
  const body = found
    ? `<p class="ok">✔ 该志愿服务证明真实有效</p>
<table>
<tr><th>证明编号</th><td>${escape(found.number)}</td></tr>
<tr><th>志愿者</th><td>${escape(found.volunteerName)}</td></tr>
<tr><th>累计服务时长</th><td>${escape(String(found.hours))} 小时</td></tr>
<tr><th>出具单位</th><td>${escape(found.issuer)}</td></tr>
<tr><th>出具日期</th><td>${escape(found.issuedOn)}</td></tr>
</table>`
    : `<p class="no">✘ 未找到编号为 ${escape(number)} 的志愿服务证明</p>`;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>志愿服务证明核验</title>
<style>body{font-family:sans-serif;margin:2em auto;max-width:32em;padding:0 1em}th{text-align:left;padding-right:1em}.ok{color:#1a7f37}.no{color:#9b1c1c}</style>
</head><body><h1>志愿服务证明核验</h1>
${body}
<p><small>深圳市中小企业志愿服务总队 · 姓名已部分隐去以保护个人信息</small></p>
</body></html>
`;
}

/** The hub's own failure is told to the person as the check being unavailable for now. */
const unavailableIfFailed = (error: unknown) =>
  error instanceof HubError && isHubFailure(error.code)
    ? new HubError("SERVICE_UNAVAILABLE", `verification is unavailable: ${error.message}`)
    : error;

/** What the person reading the page is told, in a line of text. */
function refusalText(error: HubError): string {
  if (error.code === "BAD_USER_INPUT")
    return `证明编号无效 (this is not a certificate number: ${error.message})`;
  if (error.code === "SERVICE_UNAVAILABLE")
    return "证明核验暂不可用，请稍后再试 (verification is unavailable; try again later)";
  return `无法核验 (${error.message})`;
}

export function certificateVerifyRoutes(
  apollo: ApolloServer<GatewayContext>,
  hub: HubConfig,
  log: Logger,
): Route[] {
  async function handler(request: FastifyRequest, reply: FastifyReply) {
    const { number } = request.params as { number: string };
    const wanted = number.trim().toUpperCase().slice(0, 32);
    let found: Verification | null;
    try {
      const data = await runOperation<{ verifyCertificate: Verification | null }>(apollo, VERIFY, {
        variables: { number: wanted },
        context: anonymousContext(request),
      });
      found = data.verifyCertificate;
    } catch (error) {
      return answerError(request, reply, unavailableIfFailed(error), { log, text: refusalText });
    }
    return reply
      .code(found ? 200 : httpStatusOf("NOT_FOUND"))
      .type("text/html; charset=utf-8")
      .header("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'")
      .header("cache-control", "public, max-age=300")
      .send(verificationPage(wanted, found));
  }
  return [{ method: "GET", path: VERIFY_PATH, handler }];
}
