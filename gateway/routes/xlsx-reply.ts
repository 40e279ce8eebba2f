// What every Excel download route answers with: the caller must be signed in, and the workbook
// goes out as an attachment (a Chinese file name, with an ASCII fallback) that nothing caches.
import type { FastifyReply, FastifyRequest } from "fastify";
import { unauthenticated } from "../../runtime/errors";
import { attachment, XLSX_TYPE } from "../../runtime/xlsx/attachment";
import { gatewayContext, type GatewayContext } from "../context";
import type { Identity } from "../identity";

/** The request's context, refused (401) for an anonymous caller: reports are not public. */
export async function signedInContext(
  request: FastifyRequest,
  identity: Identity,
  what: string,
): Promise<GatewayContext> {
  const context = await gatewayContext(request, identity);
  if (!context.caller) throw unauthenticated(`downloading ${what} needs a signed-in token`);
  return context;
}

export function sendWorkbook(
  reply: FastifyReply,
  xlsx: Buffer,
  name: { chinese: string; ascii: string },
) {
  return reply
    .type(XLSX_TYPE)
    .header("content-disposition", attachment(name.chinese, name.ascii))
    .header("cache-control", "private, no-store")
    .send(xlsx);
}
