// The response cache's invalidation by entity (gateway/entity-versions.ts), on the real federation:
// the anonymous CaseStories with every subgraph's fields is answered from the cache on the second
// read; a district's publish (a station corrected, a new demand at a station, an activity corrected
// with its crew deleted) invalidates exactly the anonymous story pages that show what it changed,
// the derived figures included (a station's openDemandCount), and leaves the others cached; in
// memory and with Redis.
import { today } from "../../runtime/dates";
import { creditCodeCheckChar } from "../../subgraphs/shared/validation/credit-code";
import { bootFederation, type Federation } from "../helpers/federation";
import { contractOperation, execute, send } from "../helpers/graphql";

const PAGE = `query StoryPage($id: ID!) {
  caseStory(id: $id) {
    id
    title
    district { code name }
    volunteers { id name expertType }
    stations { id name openDemandCount district { name } }
    platforms { id name kind }
    activities { id title heldOn }
  }
}`;

/** What the city sees of a story's stations and activities, to publish them again. */
const SOURCES = `query StorySources($id: ID!) {
  caseStory(id: $id) {
    stations {
      id externalId name hostType address categories contactName contactPhone venue equipment
      district { code }
    }
    activities {
      id externalId type category title heldOn enterprisesServed
      station { externalId }
      district { code }
    }
  }
}`;

interface Page {
  caseStory: {
    id: string;
    title: string;
    stations: Array<{ id: string; name: string; openDemandCount: number } | null>;
    activities: Array<{ id: string; title: string } | null>;
  };
}
interface Sources {
  caseStory: {
    stations: Array<Record<string, unknown> & { id: string; district: { code: string } }>;
    activities: Array<
      Record<string, unknown> & {
        id: string;
        station: { externalId: string } | null;
        district: { code: string };
      }
    >;
  };
}
type Published = { created: number; updated: number; rejected: unknown[] };

const STORES: Array<[string, Record<string, string>]> = [
  ["in memory", {}],
  ["with Redis", { REDIS_URL: "redis://127.0.0.1:6379" }],
];

describe.each(STORES)("%s", (_store, env) => {
  let fed: Federation;
  /** Two published stories that share no station and no activity. */
  let a: string;
  let b: string;
  let admin: string;
  beforeAll(async () => {
    fed = await bootFederation({ env });
    admin = await fed.token("CITY_ADMIN");
    const list = await execute<{
      caseStories: { nodes: Array<{ id: string; stations: Array<{ id: string } | null> }> };
    }>(fed.gatewayUrl, {
      query: "{ caseStories(first: 50) { nodes { id stations { id } activities { id } } } }",
    });
    const nodes = list.caseStories.nodes as Array<{
      id: string;
      stations: Array<{ id: string } | null>;
      activities: Array<{ id: string } | null>;
    }>;
    const ids = (n: (typeof nodes)[number]) =>
      new Set([...n.stations, ...n.activities].flatMap((e) => (e ? [e.id] : [])));
    const first = nodes.find((n) => n.stations.some(Boolean) && n.activities.some(Boolean))!;
    const other = nodes.find(
      (n) => n !== first && [...ids(n)].every((id) => !ids(first).has(id)) && ids(n).size > 0,
    )!;
    a = first.id;
    b = other.id;
  });
  afterAll(() => fed?.stop());

  const page = (id: string) => send<Page>(fed.gatewayUrl, { query: PAGE, variables: { id } });
  const hit = (answer: { headers: Headers }) => answer.headers.get("age") !== null;
  /** Reads both pages until cached (a first answer is written unless a write ran meanwhile). */
  async function warm() {
    for (const id of [a, b]) {
      await page(id);
      expect(hit(await page(id))).toBe(true);
    }
  }
  const sources = async () =>
    (await execute<Sources>(fed.gatewayUrl, { query: SOURCES, variables: { id: a }, token: admin }))
      .caseStory;
  async function publish(name: string, district: string, variables: Record<string, unknown>) {
    const token = await fed.token("DISTRICT_OPERATOR", { district });
    const data = await execute<Record<string, Published>>(fed.gatewayUrl, {
      query: contractOperation(name),
      variables: { districtCode: district, ...variables },
      token,
    });
    const result = Object.values(data)[0];
    expect(result.rejected).toEqual([]);
    return result;
  }

  it("answers the anonymous CaseStories with every subgraph's fields from the cache on the second read", async () => {
    const request = { query: contractOperation("CaseStories"), variables: { first: 50 } };
    const first = await send(fed.gatewayUrl, request);
    expect(first.errors).toBeUndefined();
    expect(first.headers.get("cache-control")).toMatch(/max-age=\d+, public/);
    // What the subgraphs told the gateway stays there.
    expect(JSON.stringify(first)).not.toContain("cacheEntities");
    const statements = fed.sqlCount();
    const second = await send(fed.gatewayUrl, request);
    expect(hit(second)).toBe(true);
    expect(second.data).toEqual(first.data);
    expect(fed.sqlCount()).toBe(statements);
    // A signed-in caller's read of the same stays uncached (entity fields carry no hint for it).
    await send(fed.gatewayUrl, { ...request, token: admin });
    expect(hit(await send(fed.gatewayUrl, { ...request, token: admin }))).toBe(false);
  });

  it("a station corrected in its district invalidates the pages that show it, and only those", async () => {
    await warm();
    const station = (await sources()).stations[0];
    const { id, district, ...input } = station;
    const name = `${String(input.name).slice(0, 40)} (更正 ${Date.now() % 10_000})`;
    expect(
      (await publish("PublishStations", district.code, { stations: [{ ...input, name }] })).updated,
    ).toBe(1);
    const shown = await page(a);
    expect(hit(shown)).toBe(false);
    expect(shown.data!.caseStory.stations.find((s) => s?.id === id)!.name).toBe(name);
    expect(hit(await page(b))).toBe(true);
  });

  it("a new demand at a station invalidates the pages that show the station (its openDemandCount)", async () => {
    await warm();
    const before = (await page(a)).data!.caseStory.stations.find(Boolean)!;
    const station = (await sources()).stations.find((s) => s.id === before.id)!;
    const n = Date.now() % 100_000;
    const body = `91440300MA5G${String(n).padStart(5, "0")}`;
    await publish("PublishDemands", station.district.code, {
      demands: [
        {
          externalId: `CACHE-DM-${n}`,
          stationExternalId: station.externalId,
          enterpriseName: `深圳市缓存测试有限公司${n}`,
          creditCode: body + creditCodeCheckChar(body),
          category: "FINANCING",
          description: "需要对接银行贷款",
          collectedOn: today(),
        },
      ],
    });
    const shown = await page(a);
    expect(hit(shown)).toBe(false);
    const after = shown.data!.caseStory.stations.find((s) => s?.id === before.id)!;
    expect(after.openDemandCount).toBe(before.openDemandCount + 1);
    expect(hit(await page(b))).toBe(true);
  });

  it("an activity corrected with its crew deleted invalidates the pages that show it, and only those", async () => {
    await warm();
    const activity = (await sources()).activities.find(Boolean)!;
    const { id, district, station, ...input } = activity;
    const title = `${String(input.title).slice(0, 40)} (更正 ${Date.now() % 10_000})`;
    expect(
      (
        await publish("PublishActivities", district.code, {
          activities: [
            {
              ...input,
              title,
              stationExternalId: station?.externalId ?? null,
              participants: [],
            },
          ],
        })
      ).updated,
    ).toBe(1);
    const shown = await page(a);
    expect(hit(shown)).toBe(false);
    expect(shown.data!.caseStory.activities.find((x) => x?.id === id)!.title).toBe(title);
    expect(hit(await page(b))).toBe(true);
  });

  it("a station written by a mutation whose later root field failed still invalidates what it changed", async () => {
    await warm();
    const stories = { query: "{ caseStories(first: 5) { totalCount nodes { id title } } }" };
    await send(fed.gatewayUrl, stories);
    expect(hit(await send(fed.gatewayUrl, stories))).toBe(true);
    // The first root field writes; the second is refused (another district), which nulls the
    // whole answer (its fields are non-null): the district's report still says what was written.
    const station = (await sources()).stations[0];
    const { id, district, ...input } = station;
    const name = `${String(input.name).slice(0, 40)} (再更正 ${Date.now() % 10_000})`;
    const other = district.code === "440303" ? "440305" : "440303";
    const answer = await send(fed.gatewayUrl, {
      query: `mutation Both($d: ID!, $o: ID!, $s: [StationInput!]!) {
        own: publishStations(districtCode: $d, stations: $s) { updated }
        other: publishStations(districtCode: $o, stations: $s) { updated }
      }`,
      variables: { d: district.code, o: other, s: [{ ...input, name }] },
      token: await fed.token("DISTRICT_OPERATOR", { district: district.code }),
    });
    expect(answer.data).toBeNull();
    expect(answer.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const shown = await page(a);
    expect(hit(shown)).toBe(false);
    expect(shown.data!.caseStory.stations.find((s) => s?.id === id)!.name).toBe(name);
    expect(hit(await page(b))).toBe(true);
    expect(hit(await send(fed.gatewayUrl, stories))).toBe(true);
  });
  // The gateway runs a mutation's plan to the end: publicity refuses its root field (a district
  // operator may not submit stories) and reports no writes, districts writes the station, and the
  // whole answer is nulled (non-null fields) with FORBIDDEN, whichever field comes first.
  it.each([
    ["later", "三更正"],
    ["earlier", "四更正"],
  ])(
    "a station written by a mutation whose %s root field, in another subgraph, was refused still invalidates",
    async (refused, mark) => {
      await warm();
      const station = (await sources()).stations[0];
      const { id, district, ...input } = station;
      const name = `${String(input.name).slice(0, 40)} (${mark} ${Date.now() % 10_000})`;
      const own = "own: publishStations(districtCode: $d, stations: $s) { updated }";
      const other = 'other: submitStory(id: "999999999") { id }';
      const answer = await send(fed.gatewayUrl, {
        query: `mutation Both($d: ID!, $s: [StationInput!]!) {
          ${refused === "later" ? `${own} ${other}` : `${other} ${own}`}
        }`,
        variables: { d: district.code, s: [{ ...input, name }] },
        token: await fed.token("DISTRICT_OPERATOR", { district: district.code }),
      });
      expect(answer.data).toBeNull();
      expect(answer.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
      // Written: a query never cached before (another text) shows the new name.
      const fresh = await send<Page>(fed.gatewayUrl, {
        query: PAGE.replace("title", "title __typename"),
        variables: { id: a },
      });
      expect(fresh.data!.caseStory.stations.find((s) => s?.id === id)!.name).toBe(name);
      const shown = await page(a);
      expect(shown.data!.caseStory.stations.find((s) => s?.id === id)!.name).toBe(name);
      // The city's own (signed-in) read of it, cached before the write, is not stale either.
      expect((await sources()).stations.find((s) => s.id === id)!.name).toBe(name);
    },
  );
});
