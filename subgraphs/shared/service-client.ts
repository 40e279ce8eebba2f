// Service-to-service reads: a subgraph asks the gateway, with a short-lived SERVICE token of its
// own, for data another subgraph owns. It never reads another subgraph's tables. Every failure
// (unreachable, timeout, GraphQL errors) surfaces as ServiceUnavailable so callers can refuse
// rather than accept unchecked data. Each operation goes with its trusted document id (the
// gateway runs the manifest's document for it: gateway/plugins/trusted-documents.ts) and its text,
// which runs only where the gateway lets a signed-in caller send texts and the id is unknown.
import { signToken } from "../../runtime/auth";
import type { HubConfig, SubgraphName } from "../../runtime/config";
import { injectTraceContext } from "../../runtime/tracing";
import { operationId } from "../../runtime/trusted-documents/manifest";

export class ServiceUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ServiceUnavailable";
  }
}

/** The id of each operation text sent so far (the texts are the few of operations/ folders). */
const ids = new Map<string, string | null>();
function idOf(query: string): string | undefined {
  if (!ids.has(query)) {
    let id: string | null = null;
    try {
      id = operationId(query);
    } catch {
      // Not one operation: sent as a text alone (the gateway judges it as one).
    }
    ids.set(query, id);
  }
  return ids.get(query) ?? undefined;
}

export class ServiceClient {
  constructor(
    private readonly config: HubConfig,
    private readonly caller: SubgraphName,
    private readonly timeoutMs = 5000,
  ) {}

  async query<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const token = await signToken(
      { sub: `service:${this.caller}`, role: "SERVICE" },
      this.config.auth,
      60,
    );
    const headers = { "content-type": "application/json", authorization: `Bearer ${token}` };
    // The request being served goes on in the gateway's trace of this read (traceparent).
    injectTraceContext(headers);
    let response: Response;
    try {
      response = await fetch(this.config.servers.gatewayUrl, {
        method: "POST",
        headers,
        body: JSON.stringify({ documentId: idOf(query), query, variables }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new ServiceUnavailable(`gateway unreachable: ${(error as Error).message}`);
    }
    const body = (await response.json().catch(() => null)) as {
      data?: T;
      errors?: Array<{ message: string }>;
    } | null;
    if (!response.ok || !body || body.errors?.length || !body.data) {
      const reason = body?.errors?.map((e) => e.message).join("; ") || `HTTP ${response.status}`;
      throw new ServiceUnavailable(`gateway answered with an error: ${reason}`);
    }
    return body.data;
  }
}
