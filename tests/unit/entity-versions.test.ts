// The response cache's versions per entity (gateway/entity-versions.ts), driven step by step on the
// in-memory shared store, without a server: when an answer may be written and under which key,
// and which writes change the key of an answer that contains which entities.
import { createSharedStore } from "../../gateway/shared-store";
import { EntityVersions } from "../../gateway/entity-versions";
import { createLogger } from "../../runtime/log";

const LIST = "entities:q";

/** A request context as the gateway's plugins see it: what its subgraphs reported, its answer. */
const request = () => ({
  contextValue: { caller: null, ip: "", requestId: "r" } as Record<string, unknown>,
  response: { body: { kind: "single", singleResult: { data: { x: 1 } } } },
  overallCachePolicy: {
    restrict: () => undefined,
    policyIfCacheable: () => ({ maxAge: 30, scope: "PUBLIC" }),
  },
});
type Request = ReturnType<typeof request>;
const read = (ctx: Request, ...entities: string[]) => {
  const log = ctx.contextValue.entities as { read: Set<string> };
  for (const e of entities) log.read.add(e);
};

function setup() {
  const store = createSharedStore({ url: null, keyPrefix: "t", tlsCaFile: null }, log, "secret");
  return new EntityVersions(store, 30);
}
const log = createLogger("test", { level: "silent" });

/** One request: looks up, then answers with `entities`; returns its keys and whether it was written. */
async function answer(versions: EntityVersions, entities: string[], between?: () => Promise<void>) {
  const ctx = request();
  const lookup = await versions.keyData(ctx as never, LIST);
  read(ctx, ...entities);
  await between?.();
  const written = await versions.mayWrite(ctx as never, LIST);
  const key = versions.finalKey(ctx as never, { extra: { entities: lookup } }) as {
    extra: { entities: string };
  };
  return { lookup, written, key: key.extra.entities };
}

describe("entity versions", () => {
  it("writes a first answer under its entities' versions, which the next lookup finds", async () => {
    const versions = setup();
    const first = await answer(versions, ["Station:1", "District:440305"]);
    expect(first.written).toBe(true);
    expect(first.key).not.toBe(first.lookup);
    const second = await answer(versions, ["Station:1", "District:440305"]);
    expect(second.lookup).toBe(first.key);
  });

  it("does not write a first answer when a write was reported while it ran", async () => {
    const versions = setup();
    const first = await answer(versions, ["Station:1"], () =>
      versions.invalidate(["district:440305", "city"], ["Station:1"]),
    );
    expect(first.written).toBe(false);
    // Listed now: the next answer is written under the versions read before it ran.
    const second = await answer(versions, ["Station:1"]);
    expect(second.written).toBe(true);
    expect(second.key).toBe(second.lookup);
    expect((await answer(versions, ["Station:1"])).lookup).toBe(second.key);
  });

  it("changes the key of the answers containing a reported entity, and only theirs", async () => {
    const versions = setup();
    await answer(versions, ["Station:1", "Station:2"]);
    const before = (await answer(versions, ["Station:1", "Station:2"])).lookup;
    await versions.invalidate(["district:440305", "city"], ["Station:3"]);
    expect((await answer(versions, ["Station:1", "Station:2"])).lookup).toBe(before);
    await versions.invalidate(["district:440305", "city"], ["Station:2"]);
    expect((await answer(versions, ["Station:1", "Station:2"])).lookup).not.toBe(before);
  });

  it("changes the key of every answer with entities after a write that did not report", async () => {
    const versions = setup();
    await answer(versions, ["Station:1"]);
    const before = (await answer(versions, ["Station:1"])).lookup;
    await versions.invalidate(["district:440305", "city"], null);
    expect((await answer(versions, ["Station:1"])).lookup).not.toBe(before);
  });

  it("does not write an answer with entities for a caller it looked up without them", async () => {
    const versions = setup();
    const ctx = request();
    await versions.none(ctx as never);
    read(ctx, "Station:1");
    expect(await versions.mayWrite(ctx as never, LIST)).toBe(false);
  });
});
