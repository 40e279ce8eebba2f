// The in-flight dedup plugin's rules, driven hook by hook without a server: who joins a running
// query, and that nobody joins one that started before a write (the reviewer's stale read).
import { Registry } from "prom-client";
import { inflightDedupPlugin } from "../../gateway/plugins/inflight-dedup";

type Hooks = {
  responseForOperation(ctx: unknown): Promise<unknown>;
  willSendResponse(ctx: unknown): Promise<void>;
};

const context = (
  operation: "query" | "mutation",
  data?: Record<string, unknown> | null,
  role?: string,
) => ({
  operation: { operation },
  contextValue: { caller: role ? { sub: "s", role } : null },
  request: { operationName: "Q", variables: { first: 5 } },
  source: operation === "query" ? "query Q { x }" : "mutation M { m }",
  response: { body: { kind: "single", singleResult: { data: data ?? undefined } } },
});

async function start(plugin: ReturnType<typeof inflightDedupPlugin>): Promise<Hooks> {
  return (await plugin.requestDidStart!({} as never)) as unknown as Hooks;
}

const pending = Symbol("pending");
const settled = (promise: Promise<unknown>) =>
  Promise.race([promise, new Promise((resolve) => setImmediate(() => resolve(pending)))]);

describe("in-flight dedup", () => {
  it("lets an identical query join a running one and answers it with the leader's data", async () => {
    const plugin = inflightDedupPlugin(new Registry());
    const leader = await start(plugin);
    expect(await leader.responseForOperation(context("query"))).toBeNull();
    const follower = (await start(plugin)).responseForOperation(context("query"));
    expect(await settled(follower)).toBe(pending);
    await leader.willSendResponse(context("query", { x: 1 }));
    expect(await follower).toMatchObject({ body: { singleResult: { data: { x: 1 } } } });
  });

  it("never lets a query sent after a write join one that started before it", async () => {
    const plugin = inflightDedupPlugin(new Registry());
    const leader = await start(plugin);
    await leader.responseForOperation(context("query"));
    const before = (await start(plugin)).responseForOperation(context("query"));
    await (await start(plugin)).willSendResponse(context("mutation", { publish: { created: 1 } }));
    // After the write: runs on its own at once (null), instead of waiting for the old answer.
    const after = await settled((await start(plugin)).responseForOperation(context("query")));
    expect(after).toBeNull();
    await leader.willSendResponse(context("query", { x: "before the write" }));
    expect(await before).toMatchObject({
      body: { singleResult: { data: { x: "before the write" } } },
    });
  });

  it("keeps sharing after a refused mutation, which wrote nothing", async () => {
    const plugin = inflightDedupPlugin(new Registry());
    const leader = await start(plugin);
    await leader.responseForOperation(context("query"));
    await (await start(plugin)).willSendResponse(context("mutation", { publish: null }));
    const follower = (await start(plugin)).responseForOperation(context("query"));
    expect(await settled(follower)).toBe(pending);
    await leader.willSendResponse(context("query", { x: 1 }));
    expect(await follower).not.toBeNull();
  });

  it("never shares the subgraphs' service checks, which must read live data", async () => {
    const plugin = inflightDedupPlugin(new Registry());
    const leader = await start(plugin);
    await leader.responseForOperation(context("query", undefined, "SERVICE"));
    const check = await settled(
      (await start(plugin)).responseForOperation(context("query", undefined, "SERVICE")),
    );
    expect(check).toBeNull();
  });

  it("lets nobody wait on a leader whose answer had errors", async () => {
    const plugin = inflightDedupPlugin(new Registry());
    const leader = await start(plugin);
    await leader.responseForOperation(context("query"));
    const follower = (await start(plugin)).responseForOperation(context("query"));
    const failed = context("query", { x: null });
    (failed.response.body.singleResult as Record<string, unknown>).errors = [{ message: "no" }];
    await leader.willSendResponse(failed);
    expect(await follower).toBeNull();
  });
});
