// In-flight deduplication at the gateway: identical queries running at once are executed once and
// all answered with the same result; callers who see different data never share, mutations never
// do, and GATEWAY_DEDUP=0 runs each query on its own.
import { bootFederation, type Federation } from "../helpers/federation";
import { contractOperation, send } from "../helpers/graphql";

const STORIES = contractOperation("CaseStories");

async function sharedCount(fed: Federation) {
  const text = await (await fetch(`${fed.gatewayOrigin}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith("hub_inflight_shared_total"));
  return Number(line?.split(" ").pop() ?? 0);
}

describe("in-flight deduplication (on by default)", () => {
  let fed: Federation;
  beforeAll(async () => {
    fed = await bootFederation({ env: { RESPONSE_CACHE_TTL_SECONDS: "0" } });
  });
  afterAll(() => fed?.stop());

  it("runs 20 identical anonymous reads sent at once as far fewer executions, with one answer", async () => {
    const request = { query: STORIES, variables: { first: 50 } };
    const alone = fed.sqlCount();
    const single = await send(fed.gatewayUrl, request);
    const perRequest = fed.sqlCount() - alone;
    expect(single.errors).toBeUndefined();
    const sharedBefore = await sharedCount(fed);
    const before = fed.sqlCount();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => send(fed.gatewayUrl, request)),
    );
    const statements = fed.sqlCount() - before;
    for (const answer of answers) {
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toEqual(single.data);
    }
    expect((await sharedCount(fed)) - sharedBefore).toBeGreaterThan(0);
    // Twenty executions would cost 20 × perRequest statements.
    expect(statements).toBeLessThan(20 * perRequest);
  });

  it("never shares between callers who see different data", async () => {
    const query = "query Mine { districts { code } }";
    const operators = await Promise.all(
      ["440303", "440304", "440305"].map((district) =>
        fed.token("DISTRICT_OPERATOR", { district, sub: `op-${district}` }),
      ),
    );
    const sent = Array.from({ length: 30 }, (_, i) => i % 3);
    const answers = await Promise.all(
      sent.map((i) => send(fed.gatewayUrl, { query, token: operators[i] })),
    );
    answers.forEach((answer, n) => {
      expect(answer.errors).toBeUndefined();
      expect(answer.data.districts).toEqual([{ code: ["440303", "440304", "440305"][sent[n]] }]);
    });
  });

  it("never shares a mutation's answer", async () => {
    const token = await fed.token("DISTRICT_OPERATOR", { district: "440303", sub: "op-dedup" });
    const mutation = contractOperation("PublishStations");
    const rows = (n: number) => [
      {
        externalId: `DEDUP-${process.pid}-${n}`,
        name: `去重测试工作站${n}`,
        hostType: "INCUBATOR",
        address: "深圳市罗湖区测试路1号",
        categories: ["STARTUP"],
        contactName: "测试员",
        contactPhone: "13800138000",
      },
    ];
    const variables = { districtCode: "440303", stations: rows(1) };
    const answers = await Promise.all(
      [1, 2].map(() => send(fed.gatewayUrl, { query: mutation, variables, token })),
    );
    // Both ran: one created the row, the other found it there (or, racing, was refused as a
    // conflict); a shared answer would say "created" twice.
    const results = answers.map((a) => JSON.stringify(a.data ?? a.errors));
    expect(results[0]).not.toEqual(results[1]);
  });
});

describe("GATEWAY_DEDUP=0", () => {
  let fed: Federation;
  beforeAll(async () => {
    fed = await bootFederation({ env: { RESPONSE_CACHE_TTL_SECONDS: "0", GATEWAY_DEDUP: "0" } });
  });
  afterAll(() => fed?.stop());

  it("executes every query, identical or not", async () => {
    const request = { query: STORIES, variables: { first: 5 } };
    const before = fed.sqlCount();
    await send(fed.gatewayUrl, request);
    const perRequest = fed.sqlCount() - before;
    const start = fed.sqlCount();
    await Promise.all(Array.from({ length: 10 }, () => send(fed.gatewayUrl, request)));
    expect(fed.sqlCount() - start).toBe(10 * perRequest);
    expect(await sharedCount(fed)).toBe(0);
  });
});
