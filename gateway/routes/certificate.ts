// GET /certificates/<number>.pdf: a stored service certificate (志愿服务证明) as a printable A4 PDF
// with a QR code of its public verification. Only the corps may print it: the corps office
// (CITY_ADMIN, the role the corps office's staff hold) and the corps' own service identity (a
// SERVICE token of subject service:corps); and the volunteer certified downloads its own
// (VOLUNTEER: another's certificate is not found for it). The certificate is read through the hub's own GraphQL
// as that caller (operations/certificate-print.graphql), so corps checks the caller again; the
// document is rendered by render/certificate-pdf.ts in a worker thread (pdf-renderer.ts), never on
// the event loop; when every thread is busy and the queue is full, the answer is 503 with
// Retry-After.
import type { ApolloServer } from "@apollo/server";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Caller } from "../../runtime/auth";
import type { HubConfig } from "../../runtime/config";
import { forbidden, HubError, notFound, unauthenticated } from "../../runtime/errors";
import type { Route } from "../../runtime/http/server";
import type { Logger } from "../../runtime/log";
import { gatewayContext, type GatewayContext } from "../context";
import type { Identity } from "../identity";
import { RendererBusy, type PdfRenderer } from "../pdf-renderer";
import type { PrintableCertificate } from "../render/certificate-pdf";
import { answerError, routeOperation, runOperation } from "./operation";

export const CERTIFICATE_PATH = "/certificates/:file";
const CERTIFICATE_PRINT = routeOperation("certificate-print");
const NUMBER = /^[A-Za-z0-9-]{1,32}$/;

/** Who may print: the corps office, the corps' own service, and a volunteer (its own: corps checks). */
export const mayPrint = (caller: Caller | null) =>
  caller?.role === "CITY_ADMIN" ||
  caller?.role === "VOLUNTEER" ||
  (caller?.role === "SERVICE" && caller.sub === "service:corps");

/** The public verification URL of a certificate, from CERTIFICATE_VERIFY_URL. */
export const verifyUrlOf = (template: string, number: string) =>
  template.replace("{number}", encodeURIComponent(number));

/** The certificate, read as the caller: corps checks again who may read it. */
async function readCertificate(
  apollo: ApolloServer<GatewayContext>,
  context: GatewayContext,
  number: string,
): Promise<PrintableCertificate> {
  const data = await runOperation<{ certificate: PrintableCertificate | null }>(
    apollo,
    CERTIFICATE_PRINT,
    { variables: { number }, context },
  );
  if (!data.certificate) throw notFound(`there is no certificate ${number}`);
  return data.certificate;
}

export function certificateRoutes(
  apollo: ApolloServer<GatewayContext>,
  hub: HubConfig,
  log: Logger,
  renderer: PdfRenderer,
  identity: Identity,
): Route[] {
  async function handler(request: FastifyRequest, reply: FastifyReply) {
    const { file } = request.params as { file: string };
    try {
      const match = /^(.+)\.pdf$/i.exec(file);
      if (!match || !NUMBER.test(match[1]))
        throw new HubError(
          "ROUTE_NOT_FOUND",
          `not found: ${request.url.split("?")[0]}; a certificate is /certificates/<number>.pdf`,
        );
      const number = match[1].toUpperCase();
      const context = await gatewayContext(request, identity);
      if (!context.caller)
        throw unauthenticated(
          "downloading a certificate needs a sign-in: as the corps office (CITY_ADMIN) or as the volunteer the certificate belongs to",
        );
      if (!mayPrint(context.caller))
        throw forbidden(
          `certificates are printed by the corps office (CITY_ADMIN) and by the volunteer certified; you are ${context.caller.role}`,
        );
      const certificate = await readCertificate(apollo, context, number);
      const pdf = await renderer
        .render(certificate, {
          verifyUrl: verifyUrlOf(hub.clinic.certificateVerifyUrl, certificate.number),
        })
        .catch((error: unknown) => {
          if (!(error instanceof RendererBusy)) throw error;
          throw new HubError("SERVICE_UNAVAILABLE", error.message, {
            retryAfterSeconds: error.retryAfterSeconds,
          });
        });
      return (
        reply
          .type("application/pdf")
          .header("content-disposition", `inline; filename="${certificate.number}.pdf"`)
          // It names a person in full: never kept by a shared cache.
          .header("cache-control", "private, no-store")
          .send(pdf)
      );
    } catch (error) {
      return answerError(request, reply, error, { log });
    }
  }
  return [{ method: "GET", path: CERTIFICATE_PATH, handler }];
}
