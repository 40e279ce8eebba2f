// The publicity office's workflow through the gateway: drafting with references checked by their
// owners, the transition table with four eyes, optimistic updates, the audit history, and media
// coverage. Every refused request leaves the publicity tables as they were.
import { createHash } from "node:crypto";
import { publicity } from "../../subgraphs/publicity";
import { Coverage } from "../../subgraphs/publicity/entities/coverage.entity";
import { Outlet } from "../../subgraphs/publicity/vocabulary";
import { bootFederation, type Federation } from "../helpers/federation";
import { contractOperation, execute, executeExpectingError, send } from "../helpers/graphql";
import { daysFromToday, today } from "../../runtime/dates";
import {
  draft,
  HISTORY,
  publicityCounts,
  publish,
  publishedStory,
  storyInput,
  submit,
} from "./fixtures";

type Event = {
  actor: string;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  comment: string | null;
  at: string;
};

let fed: Federation;
let alice: string; // an editor
let bob: string; // another editor
let admin: string;

beforeAll(async () => {
  fed = await bootFederation();
  alice = await fed.token("PUBLICITY_EDITOR", { sub: "editor-alice" });
  bob = await fed.token("PUBLICITY_EDITOR", { sub: "editor-bob" });
  admin = await fed.token("CITY_ADMIN", { sub: "admin-carol" });
});
afterAll(() => fed?.stop());

const UPDATE = /* GraphQL */ `
  mutation ($id: ID!, $input: CaseStoryInput!, $expectedVersion: Int) {
    updateStory(id: $id, input: $input, expectedVersion: $expectedVersion) {
      id
      status
      version
      title
    }
  }
`;
const RETURN = /* GraphQL */ `
  mutation ($id: ID!, $comment: String!, $expectedVersion: Int) {
    returnStory(id: $id, comment: $comment, expectedVersion: $expectedVersion) {
      id
      status
      version
    }
  }
`;
const RETRACT = /* GraphQL */ `
  mutation ($id: ID!, $reason: String!) {
    retractStory(id: $id, reason: $reason) {
      id
      status
      publishedAt
    }
  }
`;

async function history(id: string, token = admin) {
  return (
    await execute<{ caseStory: { status: string; version: number; history: Event[] } }>(
      fed.gatewayUrl,
      { query: HISTORY, variables: { id }, token },
    )
  ).caseStory;
}

describe("the lifecycle", () => {
  it("drafts, submits, publishes and retracts, keeping who, when, from, to and why", async () => {
    const started = Date.now() - 1000;
    const id = await draft(fed, alice);
    expect(await history(id)).toMatchObject({ status: "DRAFT", version: 1 });
    expect(await submit(fed, alice, id)).toEqual({ id, status: "IN_REVIEW" });
    const published = await publish(fed, bob, id);
    expect(published).toMatchObject({ id, status: "PUBLISHED" });
    expect(Date.parse(published.publishedAt)).toBeGreaterThanOrEqual(started);
    const retracted = await execute<{ retractStory: unknown }>(fed.gatewayUrl, {
      query: RETRACT,
      variables: { id, reason: "  企业名称有误  " },
      token: bob,
    });
    expect(retracted.retractStory).toEqual({
      id,
      status: "RETRACTED",
      publishedAt: published.publishedAt,
    });
    const story = await history(id);
    expect(story.version).toBe(4);
    expect(
      story.history.map((e) => [e.actor, e.action, e.fromStatus, e.toStatus, e.comment]),
    ).toEqual([
      ["editor-alice", "DRAFT", null, "DRAFT", null],
      ["editor-alice", "SUBMIT", "DRAFT", "IN_REVIEW", null],
      ["editor-bob", "PUBLISH", "IN_REVIEW", "PUBLISHED", null],
      ["editor-bob", "RETRACT", "PUBLISHED", "RETRACTED", "企业名称有误"],
    ]);
    for (const event of story.history) {
      expect(Date.parse(event.at)).toBeGreaterThanOrEqual(started);
      expect(Date.parse(event.at)).toBeLessThanOrEqual(Date.now() + 1000);
    }
  });

  it("returns a story to draft with a required comment; the draft can then be edited", async () => {
    const id = await draft(fed, alice);
    await submit(fed, alice, id);
    const before = await publicityCounts(fed);
    for (const comment of ["", "   ", "长".repeat(501)]) {
      await executeExpectingError(
        fed.gatewayUrl,
        { query: RETURN, variables: { id, comment }, token: bob },
        "BAD_USER_INPUT",
      );
    }
    expect(await publicityCounts(fed)).toEqual(before);
    const back = await execute<{ returnStory: unknown }>(fed.gatewayUrl, {
      query: RETURN,
      variables: { id, comment: "请补充服务成效数据" },
      token: bob,
    });
    expect(back.returnStory).toMatchObject({ id, status: "DRAFT", version: 3 });
    const edited = await execute<{ updateStory: unknown }>(fed.gatewayUrl, {
      query: UPDATE,
      variables: { id, input: storyInput(fed, { title: "修改后的标题" }), expectedVersion: 3 },
      token: alice,
    });
    expect(edited.updateStory).toMatchObject({
      status: "DRAFT",
      version: 4,
      title: "修改后的标题",
    });
    const events = (await history(id)).history;
    expect(events.slice(2).map((e) => [e.action, e.fromStatus, e.toStatus, e.comment])).toEqual([
      ["RETURN", "IN_REVIEW", "DRAFT", "请补充服务成效数据"],
      ["EDIT", "DRAFT", "DRAFT", "changed title"],
    ]);
  });

  it("four eyes: the author may not publish, an editor who edited it neither; CITY_ADMIN may", async () => {
    const id = await draft(fed, alice);
    await submit(fed, alice, id);
    const before = await publicityCounts(fed);
    const refused = await executeExpectingError(
      fed.gatewayUrl,
      { query: contractOperation("PublishStory"), variables: { id }, token: alice },
      "FORBIDDEN",
    );
    expect(refused.errors![0].message).toMatch(/four eyes/);
    expect(await publicityCounts(fed)).toEqual(before);
    expect((await history(id)).status).toBe("IN_REVIEW");

    // Bob edits the draft: he is an author now, and Alice still is.
    const edited = await draft(fed, alice);
    await execute(fed.gatewayUrl, {
      query: UPDATE,
      variables: { id: edited, input: storyInput(fed, { summary: "鲍勃改写的摘要" }) },
      token: bob,
    });
    await submit(fed, alice, edited);
    for (const token of [alice, bob]) {
      await executeExpectingError(
        fed.gatewayUrl,
        { query: contractOperation("PublishStory"), variables: { id: edited }, token },
        "FORBIDDEN",
      );
    }
    const carol = await fed.token("PUBLICITY_EDITOR", { sub: "editor-dave" });
    expect(await publish(fed, carol, edited)).toMatchObject({ status: "PUBLISHED" });

    // The city admin may publish what the city admin wrote.
    const own = await draft(fed, admin);
    await submit(fed, admin, own);
    expect(await publish(fed, admin, own)).toMatchObject({ status: "PUBLISHED" });
  });

  it("refuses every illegal transition with CONFLICT, changing nothing", async () => {
    const mutations: Record<string, { query: string; extra: Record<string, string> }> = {
      submit: { query: contractOperation("SubmitStory"), extra: {} },
      publish: { query: contractOperation("PublishStory"), extra: {} },
      return: { query: RETURN, extra: { comment: "退回" } },
      retract: { query: RETRACT, extra: { reason: "撤回" } },
    };
    const legal: Record<string, string[]> = {
      DRAFT: ["submit"],
      IN_REVIEW: ["publish", "return"],
      PUBLISHED: ["retract"],
      RETRACTED: [],
    };
    const inStatus: Record<string, string> = {};
    inStatus.DRAFT = await draft(fed, alice);
    inStatus.IN_REVIEW = await draft(fed, alice);
    await submit(fed, alice, inStatus.IN_REVIEW);
    inStatus.PUBLISHED = await publishedStory(fed, alice, bob);
    inStatus.RETRACTED = await publishedStory(fed, alice, bob);
    await execute(fed.gatewayUrl, {
      query: RETRACT,
      variables: { id: inStatus.RETRACTED, reason: "撤回" },
      token: bob,
    });
    let refusals = 0;
    for (const [status, id] of Object.entries(inStatus)) {
      const before = await history(id);
      for (const [name, { query, extra }] of Object.entries(mutations)) {
        if (legal[status].includes(name)) continue;
        const response = await executeExpectingError(
          fed.gatewayUrl,
          { query, variables: { id, ...extra }, token: admin },
          "CONFLICT",
        );
        expect(response.errors![0].message).toContain(
          `cannot ${name} story ${id}: it is ${status}`,
        );
        expect(response.errors![0].extensions!.currentStatus).toBe(status);
        refusals += 1;
      }
      // Only drafts can be edited.
      if (status !== "DRAFT") {
        await executeExpectingError(
          fed.gatewayUrl,
          { query: UPDATE, variables: { id, input: storyInput(fed) }, token: admin },
          "CONFLICT",
        );
      }
      expect(await history(id)).toEqual(before);
    }
    expect(refusals).toBe(12);
  });

  it("optimistic updates: a stale version is refused, and of two publishers only one wins", async () => {
    const id = await draft(fed, alice);
    const stale = await send(fed.gatewayUrl, {
      query: UPDATE,
      variables: { id, input: storyInput(fed), expectedVersion: 7 },
      token: alice,
    });
    expect(stale.errors?.[0]).toMatchObject({
      extensions: { code: "CONFLICT", currentVersion: 1 },
    });
    await submit(fed, alice, id);
    const racers = await Promise.all(
      [bob, admin, bob, admin].map((token) =>
        send(fed.gatewayUrl, {
          query: contractOperation("PublishStory"),
          variables: { id },
          token,
        }),
      ),
    );
    const won = racers.filter((r) => !r.errors);
    expect(won).toHaveLength(1);
    for (const lost of racers.filter((r) => r.errors))
      expect(lost.errors![0].extensions!.code).toBe("CONFLICT");
    const events = (await history(id)).history;
    expect(events.filter((e) => e.action === "PUBLISH")).toHaveLength(1);
  });

  it("needs an editor: anonymous UNAUTHENTICATED, other roles FORBIDDEN", async () => {
    const before = await publicityCounts(fed);
    await executeExpectingError(
      fed.gatewayUrl,
      { query: contractOperation("DraftStory"), variables: { input: storyInput(fed) } },
      "UNAUTHENTICATED",
    );
    for (const role of ["DISTRICT_OPERATOR", "DASHBOARD_VIEWER", "PLATFORM_OPERATOR"] as const) {
      await executeExpectingError(
        fed.gatewayUrl,
        {
          query: contractOperation("DraftStory"),
          variables: { input: storyInput(fed) },
          token: await fed.token(role, { district: "440305", platform: "1" }),
        },
        "FORBIDDEN",
      );
    }
    expect(await publicityCounts(fed)).toEqual(before);
  });
});

describe("drafting checks", () => {
  it("refuses unknown references naming them, with nothing written", async () => {
    const before = await publicityCounts(fed);
    const input = storyInput(fed);
    const response = await executeExpectingError(
      fed.gatewayUrl,
      {
        query: contractOperation("DraftStory"),
        variables: {
          input: {
            ...input,
            volunteerIds: [...input.volunteerIds, "999991"],
            stationIds: ["999992"],
            activityIds: [...input.activityIds, "999993", "999994"],
          },
        },
        token: alice,
      },
      "BAD_USER_INPUT",
    );
    expect(response.errors![0].message).toBe(
      "unknown references (nothing was written): volunteerIds: no volunteer 999991; stationIds: no station 999992; activityIds: no activity 999993, 999994",
    );
    expect(response.errors![0].extensions!.unknown).toEqual({
      volunteerIds: ["999991"],
      stationIds: ["999992"],
      activityIds: ["999993", "999994"],
    });
    expect(await publicityCounts(fed)).toEqual(before);
    // An edit is checked the same way, and the draft stays as it was.
    const id = await draft(fed, alice);
    const drafted = await history(id);
    await executeExpectingError(
      fed.gatewayUrl,
      {
        query: UPDATE,
        variables: { id, input: { ...input, platformIds: ["999995"] } },
        token: alice,
      },
      "BAD_USER_INPUT",
    );
    expect(await history(id)).toEqual(drafted);
  });

  it("refuses when the owners cannot be asked (gateway unreachable), with nothing written", async () => {
    const before = await publicityCounts(fed);
    const gatewayUrl = fed.config.servers.gatewayUrl;
    fed.config.servers.gatewayUrl = "http://127.0.0.1:9/graphql"; // nothing listens there
    try {
      const response = await executeExpectingError(
        fed.gatewayUrl,
        {
          query: contractOperation("DraftStory"),
          variables: { input: storyInput(fed) },
          token: alice,
        },
        "CONFLICT",
      );
      expect(response.errors![0].message).toMatch(
        /cannot check the story's references right now .*nothing was written/,
      );
    } finally {
      fed.config.servers.gatewayUrl = gatewayUrl;
    }
    expect(await publicityCounts(fed)).toEqual(before);
    // A story without references needs nobody else.
    fed.config.servers.gatewayUrl = "http://127.0.0.1:9/graphql";
    try {
      await draft(
        fed,
        alice,
        storyInput(fed, { volunteerIds: [], stationIds: [], platformIds: [], activityIds: [] }),
      );
    } finally {
      fed.config.servers.gatewayUrl = gatewayUrl;
    }
  });

  // Each problem names its field once ("volunteerIds: …", never "volunteerIds: volunteerIds: …").
  it.each([
    ["a blank title", { title: "   " }, ["title must not be blank"]],
    [
      "a title over 200 characters",
      { title: "长".repeat(201) },
      ["title must be at most 200 characters"],
    ],
    [
      "a body over 10000 characters",
      { body: "字".repeat(10_001) },
      ["body must be at most 10000 characters"],
    ],
    ["no category", { categories: [] }, ["categories: choose at least one service category"]],
    [
      "a repeated category",
      { categories: ["LEGAL", "LEGAL"] },
      ["categories: each category may appear only once"],
    ],
    [
      "an unknown district",
      { districtCode: "440399" },
      ["districtCode must be one of Shenzhen's district codes, e.g. 440305 (南山区)"],
    ],
    [
      "a repeated id",
      { stationIds: ["1", "1"] },
      ["stationIds: each id may appear only once; 1 is given 2 times"],
    ],
    [
      "a malformed id",
      { volunteerIds: ["abc"] },
      ['volunteerIds: "abc" is not a numeric id; give ids such as "42"'],
    ],
    [
      "more than 50 references of a kind",
      { activityIds: Array.from({ length: 51 }, (_, i) => String(i + 1)) },
      ["activityIds: a story refers to at most 50 of them"],
    ],
  ])("refuses %s", async (_what, overrides, problems) => {
    const before = await publicityCounts(fed);
    const response = await executeExpectingError(
      fed.gatewayUrl,
      {
        query: contractOperation("DraftStory"),
        variables: { input: storyInput(fed, overrides) },
        token: alice,
      },
      "BAD_USER_INPUT",
    );
    expect(response.errors![0].extensions!.problems).toEqual(problems);
    expect(response.errors![0].message).toBe(`invalid input: ${problems.join("; ")}`);
    expect(await publicityCounts(fed)).toEqual(before);
  });

  it("takes an id written two ways as the same id: a repeat, refused naming it, draft and edit", async () => {
    const input = storyInput(fed);
    const references: Array<[string, string]> = [
      ["volunteerIds", input.volunteerIds[0]],
      ["stationIds", input.stationIds[0]],
      ["platformIds", String(fed.demo.platforms[0].id)],
      ["activityIds", input.activityIds[0]],
    ];
    const before = await publicityCounts(fed);
    for (const [field, id] of references) {
      for (const ids of [
        [id, `00${id}`],
        [`00${id}`, ` ${id}`, id],
      ]) {
        const response = await executeExpectingError(
          fed.gatewayUrl,
          {
            query: contractOperation("DraftStory"),
            variables: { input: { ...input, [field]: ids } },
            token: alice,
          },
          "BAD_USER_INPUT",
        );
        // Ids are trimmed before they are checked: " 225" is reported as "225".
        const spellings = ids.map((s) => JSON.stringify(s.trim())).join(", ");
        expect(response.errors![0].extensions!.problems).toEqual([
          `${field}: each id may appear only once; ${id} is given ${ids.length} times (as ${spellings})`,
        ]);
      }
    }
    expect(await publicityCounts(fed)).toEqual(before);
    const id = await draft(fed, alice, input);
    const drafted = await history(id);
    const [field, ref] = references[1];
    await executeExpectingError(
      fed.gatewayUrl,
      {
        query: UPDATE,
        variables: { id, input: { ...input, [field]: [`0${ref}`, ref] } },
        token: alice,
      },
      "BAD_USER_INPUT",
    );
    expect(await history(id)).toEqual(drafted);
    // Written once, with zeros or spaces around it, an id is the row it names.
    const padded = await draft(fed, alice, {
      ...input,
      volunteerIds: input.volunteerIds.map((v) => ` 0${v} `),
    });
    const read = await execute<{ caseStory: { volunteers: unknown } }>(fed.gatewayUrl, {
      query: `query ($id: ID!) { caseStory(id: $id) { volunteers { id } } }`,
      variables: { id: padded },
      token: alice,
    });
    expect(read.caseStory.volunteers).toEqual(input.volunteerIds.map((v) => ({ id: v })));
  });

  it("keeps the text tidy: single-line title, paragraphs kept", async () => {
    const id = await draft(
      fed,
      alice,
      storyInput(fed, { title: "  标题\n 第二行  ", body: "\n第一段  \r\n\r\n第二段\n" }),
    );
    const data = await execute<{ caseStory: unknown }>(fed.gatewayUrl, {
      query: `query ($id: ID!) { caseStory(id: $id) { title body } }`,
      variables: { id },
      token: alice,
    });
    expect(data.caseStory).toEqual({ title: "标题 第二行", body: "第一段\n\n第二段" });
  });
});

describe("RecordCoverage", () => {
  const record = (storyId: string, coverage: Record<string, unknown>, token = bob) =>
    send<{ recordCoverage: { coverage: unknown[] } }>(fed.gatewayUrl, {
      query: contractOperation("RecordCoverage"),
      variables: { storyId, coverage },
      token,
    });

  it("records coverage of a published story, once per link, as a change in its history", async () => {
    const id = await publishedStory(fed, alice, bob);
    const first = await record(id, {
      outlet: "SHENZHEN_SPECIAL_ZONE_DAILY",
      url: "https://www.SZNews.com/content/2025/案例.html#top",
      publishedOn: today(),
    });
    expect(first.errors).toBeUndefined();
    const url = "https://www.sznews.com/content/2025/%E6%A1%88%E4%BE%8B.html";
    expect(first.data!.recordCoverage).toEqual({
      id,
      coverage: [{ outlet: "SHENZHEN_SPECIAL_ZONE_DAILY", url, publishedOn: today() }],
    });
    const before = await publicityCounts(fed);
    // The same link, however it is written, is a duplicate.
    for (const again of [url, "HTTPS://www.sznews.com:443/content/2025/案例.html", `${url}#p2`]) {
      const duplicate = await record(id, {
        outlet: "ONLINE_MEDIA",
        url: again,
        publishedOn: today(),
      });
      expect(duplicate.errors?.[0]?.extensions?.code).toBe("CONFLICT");
      expect(duplicate.errors![0].message).toContain("already has coverage");
    }
    expect(await publicityCounts(fed)).toEqual(before);
    const second = await record(id, {
      outlet: "SELF_MEDIA",
      url: "http://mp.example.cn/s/abc",
      publishedOn: daysFromToday(-1),
    });
    expect(second.data!.recordCoverage.coverage).toHaveLength(2);
    const events = (await history(id)).history;
    expect(events.slice(-2).map((e) => [e.action, e.actor, e.fromStatus, e.toStatus])).toEqual([
      ["RECORD_COVERAGE", "editor-bob", "PUBLISHED", "PUBLISHED"],
      ["RECORD_COVERAGE", "editor-bob", "PUBLISHED", "PUBLISHED"],
    ]);
  });

  it("knows a link however it is written: an empty query, escaped letters, case, port, fragment", async () => {
    const id = await publishedStory(fed, alice, bob);
    const spellings = [
      ["https://a.b/ok2", "https://a.b/ok2?", "HTTPS://A.B:443/ok2?#x"],
      ["https://a.b/%7Efoo", "https://a.b/~foo", "https://a.b/%7efoo"],
      ["https://a.b/%e6%96%b0", "https://a.b/新", "https://a.b/%E6%96%B0?"],
    ];
    for (const [first, ...again] of spellings) {
      const recorded = await record(id, {
        outlet: "ONLINE_MEDIA",
        url: first,
        publishedOn: today(),
      });
      expect(recorded.errors).toBeUndefined();
      const before = await publicityCounts(fed);
      for (const url of again) {
        const duplicate = await record(id, { outlet: "ONLINE_MEDIA", url, publishedOn: today() });
        expect({ url, code: duplicate.errors?.[0]?.extensions?.code }).toEqual({
          url,
          code: "CONFLICT",
        });
      }
      expect(await publicityCounts(fed)).toEqual(before);
    }
    const story = await execute<{ caseStory: { coverage: Array<{ url: string }> } }>(
      fed.gatewayUrl,
      {
        query: `query ($id: ID!) { caseStory(id: $id) { coverage { url } } }`,
        variables: { id },
        token: bob,
      },
    );
    expect(story.caseStory.coverage.map((c) => c.url)).toEqual([
      "https://a.b/ok2",
      "https://a.b/~foo",
      "https://a.b/%E6%96%B0",
    ]);
  });

  it("brings coverage recorded under an older form of a link to its current key at start", async () => {
    const id = Number(await publishedStory(fed, alice, bob));
    const db = fed.subgraphs.publicity.db;
    const coverage = db.getRepository(Coverage);
    const sha = (url: string) => createHash("sha256").update(url).digest("hex");
    // As the older normalisation stored them: an empty query and %7E kept, keyed as written.
    const old = (url: string) => ({
      storyId: id,
      outlet: Outlet.ONLINE_MEDIA,
      url,
      urlKey: sha(url),
      publishedOn: today(),
    });
    for (const url of [
      "https://a.b/rekey?",
      "https://a.b/%7Erekey",
      "https://a.b/twice?",
      "https://a.b/twice", // the same article again, recorded later
      "https://a.b/%E6%96%B0",
    ])
      await coverage.insert(old(url));
    const rows = () => coverage.find({ where: { storyId: id }, order: { id: "ASC" } });
    const [first, second, twice, , kept] = await rows();
    await publicity.prepare!(db); // what every start of the subgraph runs
    const after = await rows();
    expect(after.map((r) => [r.id, r.url, r.urlKey])).toEqual([
      [first.id, "https://a.b/rekey", sha("https://a.b/rekey")],
      [second.id, "https://a.b/~rekey", sha("https://a.b/~rekey")],
      [twice.id, "https://a.b/twice", sha("https://a.b/twice")],
      [kept.id, kept.url, kept.urlKey],
    ]);
    // Idempotent: a second start changes nothing.
    await publicity.prepare!(db);
    expect(await rows()).toEqual(after);
    // The duplicate check meets them now.
    for (const url of ["https://a.b/rekey", "https://a.b/%7erekey?", "https://a.b/twice?"]) {
      const duplicate = await record(String(id), {
        outlet: "ONLINE_MEDIA",
        url,
        publishedOn: today(),
      });
      expect({ url, code: duplicate.errors?.[0]?.extensions?.code }).toEqual({
        url,
        code: "CONFLICT",
      });
    }
  });

  it.each([
    ["a link that is not http(s)", { url: "ftp://example.cn/a" }, /http\(s\)/],
    ["a host without a dot", { url: "http://x" }, /^url has the host "x", which is not a public/],
    [
      "the hub's own address",
      { url: "http://127.0.0.1:5001/graphql" },
      /^url points at a loopback address \(127.0.0.1\), which cannot be a media outlet's page/,
    ],
    ["localhost", { url: "http://localhost/news/1" }, /^url points at a local machine name/],
    ["a private address", { url: "http://192.168.1.20/news/1" }, /^url points at a private/],
    ["a link-local address", { url: "http://169.254.169.254/latest" }, /^url points at a link-/],
    ["text that is not a link", { url: "深圳特区报第三版" }, /is not a link/],
    ["a date in the future", { publishedOn: daysFromToday(1) }, /is in the future/],
    [
      "a link over 500 characters",
      { url: `https://example.cn/${"a".repeat(490)}` },
      /1-500 characters/,
    ],
  ])("refuses %s", async (_what, overrides, message) => {
    const id = await publishedStory(fed, alice, bob);
    const before = await publicityCounts(fed);
    const response = await record(id, {
      outlet: "ONLINE_MEDIA",
      url: "https://example.cn/news/1",
      publishedOn: today(),
      ...overrides,
    });
    expect(response.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(response.errors![0].message).toMatch(message);
    expect(await publicityCounts(fed)).toEqual(before);
  });

  it("is for published stories only, by editors", async () => {
    const id = await draft(fed, alice);
    const coverage = { outlet: "SZTV", url: "https://sztv.example.cn/1", publishedOn: today() };
    expect((await record(id, coverage)).errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect((await record("999999", coverage)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const operator = await fed.token("DISTRICT_OPERATOR", { district: "440305" });
    expect((await record(id, coverage, operator)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});
