// In-flight deduplication: while a query runs, an identical one (same document, operation name and
// variables) from a caller who sees the same data (anonymous callers all alike; a signed-in caller
// only with the same subject, role and binding) waits for it and is answered with its
// result instead of being planned and fetched again. Fifty dashboards opened at nine o'clock cost
// one round of subgraph calls. Only queries; only error-free results are shared (an error carries
// the request id of the request that met it), otherwise the waiting request runs itself. The
// response cache comes first: a cached answer never waits.
// A query never joins one that started before a write: every mutation that wrote (answered some
// data) starts a new generation, part of the key, so that whoever reads after their own publish
// sees it. The subgraphs' service checks (role SERVICE) read live data before they allow a write:
// they never share. The generation is this process's: behind several gateway replicas, a read sent
// to another replica right after a write may still join a query that started there before it
// (for as long as that query runs).
import type { ApolloServerPlugin, GraphQLRequestContext, GraphQLResponse } from "@apollo/server";
import { HeaderMap } from "@apollo/server";
import { Counter, type Registry } from "prom-client";
import { callerScope } from "../../runtime/auth";
import type { GatewayContext } from "../context";
import { OperationTypeNode } from "graphql";
import { mutationMayHaveWritten } from "../cache-entities";

type Ctx = GraphQLRequestContext<GatewayContext>;
type Shared = Record<string, unknown> | null;

/** Who sees the same answer to the same query. */
const audienceOf = (ctx: Ctx) => {
  const caller = ctx.contextValue.caller;
  return caller ? JSON.stringify([caller.sub, callerScope(caller)]) : "anonymous";
};

export const dedupKeyOf = (ctx: Ctx, generation = 0) =>
  JSON.stringify([
    generation,
    audienceOf(ctx),
    ctx.request.operationName ?? "",
    ctx.source ?? "",
    ctx.request.variables ?? {},
  ]);

export function inflightDedupPlugin(registry: Registry): ApolloServerPlugin<GatewayContext> {
  const inflight = new Map<string, Promise<Shared>>();
  let generation = 0;
  const shared = new Counter({
    name: "hub_inflight_shared_total",
    help: "Queries answered with the result of an identical query already running",
    registers: [registry],
  });
  return {
    async requestDidStart() {
      let key: string | undefined;
      let settle: ((data: Shared) => void) | undefined;
      return {
        async responseForOperation(ctx): Promise<GraphQLResponse | null> {
          if (ctx.operation?.operation !== OperationTypeNode.QUERY) return null;
          if (ctx.contextValue.caller?.role === "SERVICE") return null;
          key = dedupKeyOf(ctx, generation);
          const running = inflight.get(key);
          if (running) {
            const data = await running;
            if (!data) return null;
            shared.inc();
            return {
              body: { kind: "single", singleResult: { data } },
              http: { status: undefined, headers: new HeaderMap() },
            };
          }
          inflight.set(key, new Promise<Shared>((resolve) => (settle = resolve)));
          return null;
        },
        async willSendResponse(ctx) {
          if (ctx.operation?.operation === OperationTypeNode.MUTATION) {
            // A refused mutation wrote nothing (and must not let anyone defeat sharing).
            const body = ctx.response.body;
            const result = body.kind === "single" ? body.singleResult : undefined;
            if (mutationMayHaveWritten(ctx.contextValue, result)) generation += 1;
            return;
          }
          if (!settle || key === undefined) return;
          inflight.delete(key);
          const body = ctx.response.body;
          const result = body.kind === "single" ? body.singleResult : undefined;
          settle(result?.data && !result.errors?.length ? result.data : null);
          settle = undefined;
        },
      };
    },
  };
}
