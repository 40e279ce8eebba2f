// Trusted documents: the hub's own clients (its pages, its routes, the subgraphs' reads through the
// gateway) send the id of a document in schema/trusted-documents.json, as Apollo's
// extensions.persistedQuery.sha256Hash or as a plain documentId; this resolves the id to its
// document before Apollo Server parses anything. TRUSTED_DOCUMENTS says what else may run:
//   off        any document
//   log        any document; one not in the manifest is logged (once per text) and counted
//   anonymous  callers without a token: manifest ids only; signed-in callers: any document
//   all        manifest ids only, for every caller
// A refused document is never parsed: the request goes on with a one-field stand-in that answers
// the refusal (400, a code of runtime/errors.ts) before anything is planned or sent to a subgraph.
// Registering a document at run time (APQ) is never allowed to callers without a token.
import type { ApolloServerPlugin, GraphQLRequest } from "@apollo/server";
import { Kind, parse } from "graphql";
import { Counter, type Registry } from "prom-client";
import type { Caller } from "../../runtime/auth";
import type { TrustedDocumentsMode } from "../../runtime/config";
import { graphQLError, HubError } from "../../runtime/errors";
import type { Logger } from "../../runtime/log";
import {
  clientDocumentId,
  documentId,
  type TrustedDocuments,
} from "../../runtime/trusted-documents/manifest";
import type { GatewayContext } from "../context";

export interface TrustedDocumentsOptions {
  mode: TrustedDocumentsMode;
  documents: TrustedDocuments;
  /** INTROSPECTION=1: introspection-only documents run for anyone (GraphiQL reads the schema). */
  introspection: boolean;
  /** The gateway's parse limits, for the introspection check. */
  parseOptions: { maxTokens: number };
  registry: Registry;
  log: Logger;
}

export type CallerKind = "anonymous" | "signed-in" | "service";

export const callerKind = (caller: Caller | null): CallerKind =>
  !caller ? "anonymous" : caller.role === "SERVICE" ? "service" : "signed-in";

/** The stand-in a refused request runs instead of its own document. */
const STAND_IN = "TrustedDocumentRefused";

type Refusal = HubError;

const required = (kind: CallerKind): Refusal =>
  new HubError(
    "TRUSTED_DOCUMENT_REQUIRED",
    kind === "anonymous"
      ? "callers without a token may run only the hub's own operations: send the documentId " +
          "of one in schema/trusted-documents.json, or sign in to send a query of your own"
      : "this hub runs only its own operations (TRUSTED_DOCUMENTS=all): send the documentId of " +
          "one in schema/trusted-documents.json",
  );

const notFound = (id: string): Refusal =>
  new HubError(
    "PERSISTED_DOCUMENT_NOT_FOUND",
    `document ${id.slice(0, 80)} is not one of the hub's trusted documents: the client is ` +
      "older or newer than the hub; reload it, or send the query text where you may",
  );

/** The documentId of a GET's query string or a POST's body (Apollo Server keeps neither). */
function plainDocumentId(request: GraphQLRequest): unknown {
  const http = request.http;
  if (!http) return undefined;
  if (http.method === "GET") return new URLSearchParams(http.search).get("documentId") ?? undefined;
  const body = http.body;
  return body && typeof body === "object"
    ? (body as { documentId?: unknown }).documentId
    : undefined;
}

/** True for a document that only asks for __schema, __type and __typename. */
function introspectionOnly(text: string, parseOptions: { maxTokens: number }): boolean {
  if (!text.includes("__schema") && !text.includes("__type")) return false;
  try {
    return parse(text, parseOptions).definitions.every(
      (d) =>
        d.kind === Kind.FRAGMENT_DEFINITION ||
        (d.kind === Kind.OPERATION_DEFINITION &&
          d.selectionSet.selections.every(
            (s) => s.kind === Kind.FIELD && s.name.value.startsWith("__"),
          )),
    );
  } catch {
    return false;
  }
}

export function trustedDocumentsPlugin(
  options: TrustedDocumentsOptions,
): ApolloServerPlugin<GatewayContext> {
  const { mode, documents } = options;
  const seen = new UnknownTexts(options);

  /** The refusal of a request without a trusted id, or null when its text may run. */
  function judgeText(request: GraphQLRequest, kind: CallerKind): Refusal | null {
    const text = request.query ?? "";
    if (mode === "off") return null;
    if (mode === "log") {
      seen.note(text, request.operationName, kind);
      return null;
    }
    if (mode === "anonymous" && kind !== "anonymous") return null;
    if (options.introspection && introspectionOnly(text, options.parseOptions)) return null;
    return required(kind);
  }

  /** Resolves a trusted id into its document; returns the refusal, or null to go on. */
  function judge(request: GraphQLRequest, kind: CallerKind): Refusal | null {
    const apq = request.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined;
    const id = clientDocumentId(apq ? apq.sha256Hash : plainDocumentId(request));
    const body = id === null ? undefined : documents.body(id);
    if (body !== undefined) {
      request.query = body;
      if (apq) request.extensions = withoutPersistedQuery(request.extensions);
      return null;
    }
    if (id !== null && request.query === undefined) {
      // An id alone that the manifest does not know: Apollo's APQ cache may (a document a
      // signed-in caller registered), where the mode lets this caller run such documents.
      const strict = mode === "all" || (mode === "anonymous" && kind === "anonymous");
      return apq && !strict ? null : notFound(id);
    }
    // No registration for callers without a token: the text runs (or not) as a text.
    if (apq && kind === "anonymous") request.extensions = withoutPersistedQuery(request.extensions);
    return request.query === undefined ? null : judgeText(request, kind);
  }

  return {
    async requestDidStart({ request, contextValue }) {
      const kind = callerKind(contextValue.caller);
      const refusal = judge(request, kind);
      if (!refusal) return;
      seen.refused(kind);
      request.query = `query ${STAND_IN} { __typename }`;
      request.operationName = STAND_IN;
      request.variables = undefined;
      request.extensions = withoutPersistedQuery(request.extensions);
      return {
        async didResolveOperation() {
          throw graphQLError(refusal.code, refusal.message, { http: true });
        },
      };
    },
  };
}

function withoutPersistedQuery(extensions: GraphQLRequest["extensions"]) {
  if (!extensions?.persistedQuery) return extensions;
  const { persistedQuery: _dropped, ...rest } = extensions;
  return rest;
}

/**
 * Documents run without a trusted id (log mode): counted on /metrics by caller kind, and logged
 * once per text (never the text itself, which can hold personal data: its hash and the name).
 */
class UnknownTexts {
  private readonly judged = new Map<string, boolean>();
  private readonly counter: Counter<"caller" | "outcome">;

  constructor(private readonly options: TrustedDocumentsOptions) {
    this.counter = new Counter({
      name: "hub_untrusted_documents_total",
      help: "Requests whose document is not a trusted one, by caller kind: logged (ran) or refused",
      labelNames: ["caller", "outcome"],
      registers: [options.registry],
    });
  }

  note(text: string, operationName: string | undefined, kind: CallerKind) {
    const hash = documentId(text);
    const key = `${hash} ${operationName ?? ""}`;
    let trusted = this.judged.get(key);
    if (trusted === undefined) {
      trusted = this.options.documents.hasText(text, operationName);
      // A bounded memory of texts judged: a client inventing texts cannot grow it for ever.
      if (this.judged.size >= 1000) this.judged.clear();
      this.judged.set(key, trusted);
      if (!trusted)
        this.options.log.warn(
          { caller: kind, operation: operationName ?? null, textHash: hash },
          "untrusted document ran (TRUSTED_DOCUMENTS=log)",
        );
    }
    if (!trusted) this.counter.inc({ caller: kind, outcome: "logged" });
  }

  refused(kind: CallerKind) {
    this.counter.inc({ caller: kind, outcome: "refused" });
  }
}
