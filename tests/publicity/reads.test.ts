// Reading case stories through the gateway: who sees what (also when a story is reached by
// reference), every filter of CaseStories with Chinese text search, a story whose volunteer was
// withdrawn and whose station was revoked, the stories contributed to other subgraphs' entities,
// batching, and the response cache of public story reads.
import { bootFederation, type Federation } from "../helpers/federation";
import { contractOperation, execute, send } from "../helpers/graphql";
import { daysFromToday, today } from "../../runtime/dates";
import { appoint, register } from "../corps/fixtures";
import { draft, publish, publishedStory, storyInput, submit } from "./fixtures";

type Ref = { id: string } | null;
type List = { caseStories: { totalCount: number; nodes: Array<{ id: string }> } };
type Stories = { stories: Array<{ id: string; status?: string }> };
type Contributed = {
  volunteersByIds: Stories[];
  stationsByIds: Stories[];
  platformsByIds: Stories[];
  district: { publishedStoryCount: number };
};

let fed: Federation;
let alice: string;
let bob: string;
let admin: string;
/** In every story of this file, so that a search finds only them. */
const MARK = `标记${process.pid}`;
const ids: Record<string, string> = {};
const demo = () => fed.demo;

const LIST = /* GraphQL */ `
  query ($filter: CaseStoryFilter, $first: Int, $after: String) {
    caseStories(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
      }
    }
  }
`;

async function listed(filter: Record<string, unknown>, token?: string): Promise<string[]> {
  const data = await execute<List>(fed.gatewayUrl, {
    query: LIST,
    variables: { filter, first: 100 },
    token,
  });
  expect(data.caseStories.totalCount).toBe(data.caseStories.nodes.length);
  return data.caseStories.nodes.map((n: { id: string }) => n.id);
}

beforeAll(async () => {
  fed = await bootFederation();
  alice = await fed.token("PUBLICITY_EDITOR", { sub: "editor-alice" });
  bob = await fed.token("PUBLICITY_EDITOR", { sub: "editor-bob" });
  admin = await fed.token("CITY_ADMIN");
  const [v1, v2] = demo().volunteers.filter((v) => v.status === "APPOINTED");
  const station = demo().stations.find((s) => s.status === "FILED")!;
  const platform = demo().platforms[0];
  const base = { stationIds: [], platformIds: [], activityIds: [] };
  ids.nanshan = await publishedStory(
    fed,
    alice,
    bob,
    storyInput(fed, {
      ...base,
      title: `南山融资案例${MARK}`,
      body: `专家在工作站举办融资对接会，${MARK}，帮助三家企业获得贷款。`,
      districtCode: "440305",
      categories: ["FINANCING"],
      volunteerIds: [String(v1.id)],
      stationIds: [String(station.id)],
      platformIds: [String(platform.id)],
    }),
  );
  ids.baoan = await publishedStory(
    fed,
    alice,
    bob,
    storyInput(fed, {
      ...base,
      title: `宝安知识产权案例${MARK}`,
      summary: "律师志愿者讲解知识产权保护。",
      body: `完成率100%的法律服务。${MARK}`,
      districtCode: "440306",
      categories: ["LEGAL", "POLICY"],
      volunteerIds: [String(v2.id)],
    }),
  );
  ids.draft = await draft(
    fed,
    alice,
    storyInput(fed, { ...base, title: `草稿${MARK}`, volunteerIds: [] }),
  );
  ids.retracted = await publishedStory(
    fed,
    alice,
    bob,
    storyInput(fed, { ...base, title: `撤回${MARK}`, volunteerIds: [String(v1.id)] }),
  );
  await execute(fed.gatewayUrl, {
    query: `mutation ($id: ID!) { retractStory(id: $id, reason: "信息有误") { status } }`,
    variables: { id: ids.retracted },
    token: bob,
  });
});
afterAll(() => fed?.stop());

describe("visibility", () => {
  it("shows anonymous callers published stories only; editors every state", async () => {
    expect((await listed({ search: MARK })).sort()).toEqual([ids.nanshan, ids.baoan].sort());
    const operator = await fed.token("DISTRICT_OPERATOR", { district: "440305" });
    expect((await listed({ search: MARK }, operator)).sort()).toEqual(
      [ids.nanshan, ids.baoan].sort(),
    );
    expect((await listed({ search: MARK }, alice)).sort()).toEqual(Object.values(ids).sort());
    expect(await listed({ search: MARK, status: "DRAFT" }, alice)).toEqual([ids.draft]);
    // A non-editor asking for drafts still gets published stories only.
    expect((await listed({ search: MARK, status: "DRAFT" })).sort()).toEqual(
      [ids.nanshan, ids.baoan].sort(),
    );
  });

  it("hides an unpublished story however it is reached: caseStory(id) and _entities", async () => {
    const one = `query ($id: ID!) { caseStory(id: $id) { id title } }`;
    for (const id of [ids.draft, ids.retracted]) {
      expect(
        (await execute<{ caseStory: unknown }>(fed.gatewayUrl, { query: one, variables: { id } }))
          .caseStory,
      ).toBeNull();
      expect(
        (
          await execute<{ caseStory: unknown }>(fed.gatewayUrl, {
            query: one,
            variables: { id },
            token: alice,
          })
        ).caseStory,
      ).toMatchObject({ id });
    }
    const entities = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on CaseStory { id title } } }`;
    const r = [ids.draft, ids.nanshan, "999999"].map((id) => ({ __typename: "CaseStory", id }));
    const publicAnswer = await execute<{ _entities: Ref[] }>(
      fed.subgraphs.publicity.url,
      await fed.asGateway("publicity", {
        query: entities,
        variables: { r },
      }),
    );
    expect(publicAnswer._entities.map((e) => e?.id ?? null)).toEqual([null, ids.nanshan, null]);
    const editorAnswer = await execute<{ _entities: Ref[] }>(
      fed.subgraphs.publicity.url,
      await fed.asGateway("publicity", {
        query: entities,
        variables: { r },
        token: alice,
      }),
    );
    expect(editorAnswer._entities.map((e) => e?.id ?? null)).toEqual([
      ids.draft,
      ids.nanshan,
      null,
    ]);
  });

  it("keeps the history to editors", async () => {
    const query = `query ($id: ID!) { caseStory(id: $id) { id history { action } } }`;
    const anonymous = await send(fed.gatewayUrl, { query, variables: { id: ids.nanshan } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const operator = await send(fed.gatewayUrl, {
      query,
      variables: { id: ids.nanshan },
      token: await fed.token("DASHBOARD_VIEWER"),
    });
    expect(operator.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});

describe("CaseStories filters", () => {
  it("filters by district, category and referenced volunteer, station or platform", async () => {
    const [first, second] = demo().volunteers.filter((v) => v.status === "APPOINTED");
    const station = demo().stations.find((s) => s.status === "FILED")!;
    const platform = demo().platforms[0];
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{ districtCode: "440305" }, [ids.nanshan]],
      [{ districtCode: "440306" }, [ids.baoan]],
      [{ districtCode: "440307" }, []],
      [{ category: "LEGAL" }, [ids.baoan]],
      [{ category: "FINANCING" }, [ids.nanshan]],
      [{ category: "SPACE" }, []],
      [{ volunteerId: String(first.id) }, [ids.nanshan]],
      [{ volunteerId: String(second.id) }, [ids.baoan]],
      [{ stationId: String(station.id) }, [ids.nanshan]],
      [{ platformId: String(platform.id) }, [ids.nanshan]],
      [{ platformId: "999999" }, []],
      [{ districtCode: "440305", category: "LEGAL" }, []],
    ];
    for (const [filter, expected] of cases) {
      expect({ filter, ids: (await listed({ ...filter, search: MARK })).sort() }).toEqual({
        filter,
        ids: expected.sort(),
      });
    }
  });

  it("searches Chinese text in the title, summary and body, every word, wildcards literal", async () => {
    const cases: Array<[string, string[]]> = [
      ["融资对接会", [ids.nanshan]], // body only
      ["知识产权保护", [ids.baoan]], // summary only
      ["宝安知识产权", [ids.baoan]], // title only
      [`融资 ${MARK}`, [ids.nanshan]],
      [`融资 知识产权 ${MARK}`, []],
      ["100%", [ids.baoan]],
      ["0%的", [ids.baoan]],
      ["%", [ids.baoan]],
      ["_", []],
      ["貸款", []], // traditional 貸 is another character than 贷
    ];
    for (const [search, expected] of cases) {
      const found = (await listed({ search: `${search} ${MARK}` })).sort();
      expect({ search, found }).toEqual({ search, found: expected.sort() });
    }
    const tooMany = await send(fed.gatewayUrl, {
      query: LIST,
      variables: { filter: { search: "一 二 三 四 五 六" } },
    });
    expect(tooMany.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("filters by publication window (Shenzhen dates, both inclusive)", async () => {
    const mine = [ids.nanshan, ids.baoan].sort();
    expect((await listed({ search: MARK, publishedFrom: today() })).sort()).toEqual(mine);
    expect((await listed({ search: MARK, publishedTo: today() })).sort()).toEqual(mine);
    expect(await listed({ search: MARK, publishedTo: daysFromToday(-1) })).toEqual([]);
    expect(await listed({ search: MARK, publishedFrom: daysFromToday(1) })).toEqual([]);
    const swapped = await send(fed.gatewayUrl, {
      query: LIST,
      variables: { filter: { publishedFrom: today(), publishedTo: daysFromToday(-1) } },
    });
    expect(swapped.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(swapped.errors![0].message).toMatch(/is after publishedTo/);
    // The demo's stories: the window matches what the demo published in it.
    const from = daysFromToday(-200);
    const to = daysFromToday(-100);
    const expected = demo()
      .stories.filter(
        (s) =>
          s.status === "PUBLISHED" &&
          s.publishedAt &&
          s.publishedAt.slice(0, 10) >= from &&
          s.publishedAt.slice(0, 10) <= to,
      )
      .map((s) => String(s.id))
      .sort();
    expect((await listed({ publishedFrom: from, publishedTo: to })).sort()).toEqual(expected);
  });
});

describe("references that were hidden or withdrawn", () => {
  it("a story whose volunteer was withdrawn and station revoked stays readable", async () => {
    const { id: volunteerId } = await register(fed);
    await appoint(fed, volunteerId);
    const stationId = await newFiledStation();
    const storyId = await publishedStory(
      fed,
      alice,
      bob,
      storyInput(fed, {
        title: `撤销引用${MARK}`,
        volunteerIds: [volunteerId],
        stationIds: [stationId],
        platformIds: [],
        activityIds: [],
      }),
    );
    const query = contractOperation("CaseStories");
    const read = async () =>
      (
        await execute<{
          caseStories: { nodes: Array<{ volunteers: unknown; stations: unknown }> };
        }>(fed.gatewayUrl, { query, variables: { filter: { volunteerId } } })
      ).caseStories;
    const before = await read();
    expect(before.nodes).toHaveLength(1);
    expect(before.nodes[0].volunteers).toEqual([expect.objectContaining({ id: volunteerId })]);
    expect(before.nodes[0].stations).toEqual([expect.objectContaining({ id: stationId })]);

    await execute(fed.gatewayUrl, {
      query: `mutation ($id: ID!) { withdrawVolunteer(id: $id, reason: "本人申请退出") { status } }`,
      variables: { id: volunteerId },
      token: admin,
    });
    await execute(fed.gatewayUrl, {
      query: contractOperation("ReviewStation"),
      variables: { id: stationId, decision: "REVOKE", comment: "不再符合条件" },
      token: admin,
    });
    const after = await read();
    expect(after.nodes).toHaveLength(1);
    expect(after.nodes[0]).toMatchObject({
      id: storyId,
      title: `撤销引用${MARK}`,
      stations: [null],
    });
    // The volunteer is shown as corps resolves it for the same anonymous caller: the story never
    // decides for corps, and a hidden (null) volunteer leaves the story readable.
    const corps = await execute<{ _entities: unknown }>(
      fed.subgraphs.corps.url,
      await fed.asGateway("corps", {
        query: `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Volunteer { id name expertType } } }`,
        variables: { r: [{ __typename: "Volunteer", id: volunteerId }] },
      }),
    );
    expect(after.nodes[0].volunteers).toEqual(corps._entities);
  });
});

describe("stories contributed to other subgraphs' entities", () => {
  it("Volunteer.stories, Station.stories, Platform.stories and District.publishedStoryCount", async () => {
    const [v1] = demo().volunteers.filter((v) => v.status === "APPOINTED");
    const station = demo().stations.find((s) => s.status === "FILED")!;
    const platform = demo().platforms[0];
    const query = /* GraphQL */ `
      query ($v: [ID!]!, $s: [ID!]!, $p: [ID!]!) {
        volunteersByIds(ids: $v) {
          id
          stories(first: 50) {
            id
            status
          }
        }
        stationsByIds(ids: $s) {
          id
          stories(first: 50) {
            id
          }
        }
        platformsByIds(ids: $p) {
          id
          stories(first: 50) {
            id
          }
        }
        district(code: "440305") {
          publishedStoryCount
        }
      }
    `;
    const variables = { v: [String(v1.id)], s: [String(station.id)], p: [String(platform.id)] };
    const expectedFor = (key: "volunteerIds" | "stationIds" | "platformIds", id: number) =>
      demo()
        .stories.filter((s) => s.status === "PUBLISHED" && s.publishedAt && s[key].includes(id))
        .map((s) => String(s.id));
    const operator = await fed.token("DASHBOARD_VIEWER");
    const data = await execute<Contributed>(fed.gatewayUrl, { query, variables, token: operator });
    const storiesOf = (list: Stories[]) => list[0].stories.map((s) => s.id).sort();
    expect(storiesOf(data.volunteersByIds)).toEqual(
      [ids.nanshan, ...expectedFor("volunteerIds", v1.id)].sort(),
    );
    expect(storiesOf(data.stationsByIds)).toEqual(
      [ids.nanshan, ...expectedFor("stationIds", station.id)].sort(),
    );
    expect(storiesOf(data.platformsByIds)).toEqual(
      [ids.nanshan, ...expectedFor("platformIds", platform.id)].sort(),
    );
    // Newest publication first: this file's story leads.
    expect(data.volunteersByIds[0].stories[0].id).toBe(ids.nanshan);
    expect(data.district.publishedStoryCount).toBe(
      demo().stories.filter((s) => s.status === "PUBLISHED" && s.districtCode === "440305").length +
        1,
    );
    // Editors also see the retracted story about the volunteer.
    const editor = await execute<Contributed>(fed.gatewayUrl, { query, variables, token: alice });
    expect(editor.volunteersByIds[0].stories.map((s) => s.id)).toContain(ids.retracted);
    expect(editor.volunteersByIds[0].stories.find((s) => s.id === ids.retracted)!.status).toBe(
      "RETRACTED",
    );
  });

  it("costs the same SQL for twenty volunteers as for two, and bounds `first`", async () => {
    const appointed = demo().volunteers.filter((v) => v.status === "APPOINTED");
    const query = `query ($v: [ID!]!) { volunteersByIds(ids: $v) { id stories(first: 3) { id title district { code } } } }`;
    const token = await fed.token("DASHBOARD_VIEWER");
    const statements = async (n: number) => {
      const before = fed.subgraphs.publicity.queryCount();
      await execute(fed.gatewayUrl, {
        query,
        variables: { v: appointed.slice(0, n).map((v) => String(v.id)) },
        token,
      });
      return fed.subgraphs.publicity.queryCount() - before;
    };
    expect(await statements(20)).toBe(await statements(2));
    const tooMany = await send(fed.gatewayUrl, {
      query: `{ volunteersByIds(ids: ["1"]) { stories(first: 51) { id } } }`,
      token,
    });
    expect(tooMany.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});

describe("batching and caching", () => {
  it("CaseStories(first: 50) costs the publicity subgraph as many statements as first: 5", async () => {
    const query = contractOperation("CaseStories");
    const count = async (first: number) => {
      const before = fed.subgraphs.publicity.queryCount();
      const all = fed.sqlCount();
      await execute(fed.gatewayUrl, { query, variables: { first }, token: alice });
      return [fed.subgraphs.publicity.queryCount() - before, fed.sqlCount() - all];
    };
    const [small] = await count(5);
    const [large] = await count(50);
    expect(large).toBe(small);
  });

  it("reads a page's references and coverage in a statement each, only when its stories ask", async () => {
    // Each text once: a repeated read could come from the gateway's cache.
    const statements = async (fields: string) => {
      const before = fed.subgraphs.publicity.queryCount();
      const data = await execute<List>(fed.gatewayUrl, {
        query: `{ caseStories(first: 20) { nodes { ${fields} } } }`,
        token: alice,
      });
      expect(data.caseStories.nodes.length).toBeGreaterThan(1);
      return fed.subgraphs.publicity.queryCount() - before;
    };
    const bare = await statements("id");
    expect(await statements("id title district { code }")).toBe(bare);
    expect(await statements("id volunteers { id }")).toBe(bare + 1);
    expect(await statements("id coverage { url }")).toBe(bare + 1);
    expect(
      await statements("stations { id } activities { id } platforms { id } coverage { url }"),
    ).toBe(bare + 2);
  });

  it("answers a repeated anonymous story read from the cache, fresh after a publication", async () => {
    const query = `query ($filter: CaseStoryFilter) { caseStories(filter: $filter, first: 10) { totalCount nodes { id title publishedAt categories district { code } coverage { url } } } }`;
    const variables = { filter: { search: MARK } };
    const read = (token?: string) => send<List>(fed.gatewayUrl, { query, variables, token });
    const first = await read();
    expect(first.errors).toBeUndefined();
    expect(first.headers.get("cache-control")).toMatch(/max-age=\d+, public/);
    const before = fed.subgraphs.publicity.queryCount();
    const second = await read();
    expect(second.headers.get("age")).not.toBeNull();
    expect(second.data).toEqual(first.data);
    expect(fed.subgraphs.publicity.queryCount()).toBe(before);

    // An editor's read is private and never answered from the anonymous entry, nor the reverse.
    const editor = await read(alice);
    expect(editor.headers.get("age")).toBeNull();
    expect(editor.data!.caseStories.totalCount).toBeGreaterThan(first.data!.caseStories.totalCount);
    expect((await read(alice)).headers.get("age")).not.toBeNull();
    expect((await read()).data).toEqual(first.data);

    // A publication through the gateway: the very next anonymous read shows it.
    const id = await draft(fed, alice, storyInput(fed, { title: `新发布${MARK}` }));
    await submit(fed, alice, id);
    await publish(fed, bob, id);
    const fresh = await read();
    expect(fresh.headers.get("age")).toBeNull();
    expect(fresh.data!.caseStories.totalCount).toBe(first.data!.caseStories.totalCount + 1);
    expect(fresh.data!.caseStories.nodes[0].id).toBe(id);
  });
});

let stationSerial = 0;
/** A new station of 440311, published and reviewed to FILED through the gateway; its id. */
async function newFiledStation(): Promise<string> {
  stationSerial += 1;
  const externalId = `PUB-${process.pid}-${stationSerial}`;
  const result = await execute<{ publishStations: unknown }>(fed.gatewayUrl, {
    query: contractOperation("PublishStations"),
    token: admin,
    variables: {
      districtCode: "440311",
      stations: [
        {
          externalId,
          name: `宣传测试工作站${stationSerial}`,
          hostType: "SME_PARK",
          address: `深圳市光明区测试路${stationSerial}号`,
          categories: ["POLICY"],
          contactName: "林晓东",
          contactPhone: "13800138000",
        },
      ],
    },
  });
  expect(result.publishStations).toMatchObject({ created: 1, rejected: [] });
  const page = await execute<{
    district: { stations: { nodes: Array<{ id: string; externalId: string }> } };
  }>(fed.gatewayUrl, {
    query: `query { district(code: "440311") { stations(status: SUBMITTED, first: 100) { nodes { id externalId } } } }`,
    token: admin,
  });
  const id = page.district.stations.nodes.find((n) => n.externalId === externalId)!.id;
  for (const decision of ["ACCEPT", "FILE"])
    await execute(fed.gatewayUrl, {
      query: contractOperation("ReviewStation"),
      variables: { id, decision },
      token: admin,
    });
  return id;
}
