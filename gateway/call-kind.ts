// Whether a subgraph call may be sent twice, decided once: by the data source (datasource.ts), from
// the operation the query planner built for that call (its parsed document), and carried in an
// internal header to the two layers that try again (subgraph-calls.ts after a network failure,
// subgraph-fetcher.ts on a fresh connection after a stale socket). The wire layer takes the header
// off; no subgraph ever sees it. A call nobody marked is never sent twice.
import { Kind, type DocumentNode, type OperationTypeNode } from "graphql";
import type { Fetcher } from "./subgraph-fetcher";

type Init = NonNullable<Parameters<Fetcher>[1]>;

export const CALL_KIND_HEADER = "x-hub-call-kind";

/** The kind of the call's own operation, else the client's (a mutation's calls then all count). */
export function callKindOf(
  document: DocumentNode | undefined,
  incoming: OperationTypeNode | undefined,
): OperationTypeNode | "unknown" {
  const own = document?.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (own?.kind === Kind.OPERATION_DEFINITION) return own.operation;
  return incoming ?? "unknown";
}

const headersOf = (init: Init | undefined) =>
  (init?.headers ?? {}) as Record<string, string | undefined>;

/** True for a call marked a query: only a query may be sent again. */
export const isRetryable = (init: Init | undefined): boolean =>
  headersOf(init)[CALL_KIND_HEADER] === "query";

/** The headers as they leave the gateway: the call's kind taken off. */
export function wireHeaders(init: Init): Init["headers"] {
  const headers = headersOf(init);
  if (!(CALL_KIND_HEADER in headers)) return init.headers;
  const { [CALL_KIND_HEADER]: _, ...rest } = headers;
  return rest as Init["headers"];
}
