// Service-to-service reads: a subgraph asks the gateway, with a short-lived SERVICE token of its
// own, for data another subgraph owns. It never reads another subgraph's tables. Every failure
// (unreachable, timeout, GraphQL errors) surfaces as ServiceUnavailable so callers can refuse
// rather than accept unchecked data.
import { signToken } from "../../runtime/auth";
import type { HubConfig, SubgraphName } from "../../runtime/config";

export class ServiceUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ServiceUnavailable";
  }
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
    let response: Response;
    try {
      response = await fetch(this.config.servers.gatewayUrl, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
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
