// Every entity of every subgraph resolves through _entities, and references are batched: a page of
// 50 stories costs the same number of SQL statements as a page of 5.
import { bootFederation, type Federation } from "../helpers/federation";
import { contractOperation, execute } from "../helpers/graphql";

let fed: Federation;
beforeAll(async () => {
  fed = await bootFederation();
});
afterAll(() => fed?.stop());

const ENTITIES = `query ($representations: [_Any!]!) { _entities(representations: $representations) { __typename ...F } }`;

async function entities(
  subgraph: keyof Federation["subgraphs"],
  fragment: string,
  representations: object[],
) {
  const token = await fed.token("CITY_ADMIN");
  const data = await execute<{ _entities: unknown[] }>(
    fed.subgraphs[subgraph].url,
    await fed.asGateway(subgraph, {
      query: `${ENTITIES} ${fragment}`,
      variables: { representations },
      token,
    }),
  );
  return data._entities;
}

describe("_entities", () => {
  it("districts resolves District, Station, Activity and Volunteer", async () => {
    const v = fed.demo.volunteers.find((x) => x.status === "APPOINTED")!;
    const hours = fed.demo.activities
      .flatMap((a) => a.participants)
      .filter((p) => p.volunteerId === v.id)
      .reduce((s, p) => s + p.hours, 0);
    const result = await entities(
      "districts",
      `fragment F on _Entity { ... on District { code name } ... on Station { id name } ... on Activity { id title heldOn } ... on Volunteer { id serviceHours } }`,
      [
        { __typename: "District", code: "440304" },
        { __typename: "Station", id: "7" },
        { __typename: "Activity", id: "11" },
        { __typename: "Volunteer", id: String(v.id) },
        { __typename: "Station", id: "99999" },
      ],
    );
    expect(result).toEqual([
      { __typename: "District", code: "440304", name: "福田区" },
      { __typename: "Station", id: "7", name: fed.demo.stations[6].name },
      {
        __typename: "Activity",
        id: "11",
        title: fed.demo.activities[10].title,
        heldOn: fed.demo.activities[10].heldOn,
      },
      { __typename: "Volunteer", id: String(v.id), serviceHours: hours },
      null,
    ]);
  });

  it("corps resolves Volunteer and contributes District.volunteerCount", async () => {
    const serving = fed.demo.volunteers.filter((v) => v.status === "APPOINTED");
    const regional = (code: string) =>
      serving.filter((v) => fed.demo.branches[v.branchId - 1].districtCode === code).length;
    const result = await entities(
      "corps",
      `fragment F on _Entity { ... on Volunteer { id name expertType } ... on District { code volunteerCount } }`,
      [
        { __typename: "Volunteer", id: "3" },
        { __typename: "District", code: "440305" },
        { __typename: "District", code: "440392" },
      ],
    );
    expect(result).toEqual([
      {
        __typename: "Volunteer",
        id: "3",
        name: fed.demo.volunteers[2].name,
        expertType: fed.demo.volunteers[2].expertType,
      },
      { __typename: "District", code: "440305", volunteerCount: regional("440305") },
      { __typename: "District", code: "440392", volunteerCount: regional("440392") },
    ]);
  });

  it("platforms resolves Platform and contributes District.certifiedPlatformCount", async () => {
    const certified = (code: string) =>
      fed.demo.platforms.filter((p) => p.districtCode === code && p.status === "CERTIFIED").length;
    const result = await entities(
      "platforms",
      `fragment F on _Entity { ... on Platform { id name kind } ... on District { code certifiedPlatformCount } }`,
      [
        { __typename: "Platform", id: "2" },
        { __typename: "District", code: "440305" },
      ],
    );
    expect(result).toEqual([
      {
        __typename: "Platform",
        id: "2",
        name: fed.demo.platforms[1].name,
        kind: fed.demo.platforms[1].kind,
      },
      { __typename: "District", code: "440305", certifiedPlatformCount: certified("440305") },
    ]);
  });

  it("publicity resolves CaseStory and contributes District.publishedStoryCount", async () => {
    const published = (code: string) =>
      fed.demo.stories.filter((s) => s.districtCode === code && s.status === "PUBLISHED").length;
    const story = fed.demo.stories[0];
    const result = await entities(
      "publicity",
      `fragment F on _Entity { ... on CaseStory { id title } ... on District { code publishedStoryCount } }`,
      [
        { __typename: "CaseStory", id: String(story.id) },
        { __typename: "District", code: story.districtCode },
      ],
    );
    expect(result).toEqual([
      { __typename: "CaseStory", id: String(story.id), title: story.title },
      {
        __typename: "District",
        code: story.districtCode,
        publishedStoryCount: published(story.districtCode),
      },
    ]);
  });

  it("the gateway joins District fields contributed by all four subgraphs", async () => {
    const data = await execute<{ district: unknown }>(fed.gatewayUrl, {
      query: `{ district(code: "440305") { code name volunteerCount certifiedPlatformCount publishedStoryCount stationCount(status: FILED) } }`,
      token: await fed.token("DASHBOARD_VIEWER"),
    });
    expect(data.district).toEqual({
      code: "440305",
      name: "南山区",
      volunteerCount: fed.demo.volunteers.filter(
        (v) =>
          v.status === "APPOINTED" && fed.demo.branches[v.branchId - 1].districtCode === "440305",
      ).length,
      certifiedPlatformCount: fed.demo.platforms.filter(
        (p) => p.districtCode === "440305" && p.status === "CERTIFIED",
      ).length,
      publishedStoryCount: fed.demo.stories.filter(
        (s) => s.districtCode === "440305" && s.status === "PUBLISHED",
      ).length,
      stationCount: fed.demo.stations.filter(
        (s) => s.districtCode === "440305" && s.status === "FILED",
      ).length,
    });
  });
});

describe("batching", () => {
  async function statementsFor(query: string, variables: Record<string, unknown>, token?: string) {
    const before = fed.sqlCount();
    await execute(fed.gatewayUrl, { query, variables, token });
    return fed.sqlCount() - before;
  }

  it("CaseStories(first: 50) costs as many SQL statements as first: 5", async () => {
    const query = contractOperation("CaseStories");
    const editor = await fed.token("PUBLICITY_EDITOR");
    const small = await statementsFor(query, { first: 5 }, editor);
    const large = await statementsFor(query, { first: 50 }, editor);
    expect(small).toBeGreaterThan(0);
    expect(large).toBe(small);
  });

  it("Platforms(first: 40) costs as many SQL statements as a small page with the same joins", async () => {
    // The small page must reach the same subgraphs (a source station, mentors) for a fair comparison.
    const small = fed.demo.platforms.findIndex((p) => p.sourceStationId !== null) + 1;
    expect(fed.demo.platforms.slice(0, small).some((p) => p.mentorIds.length)).toBe(true);
    const query = contractOperation("Platforms");
    const token = await fed.token("CITY_ADMIN");
    expect(await statementsFor(query, { first: 40 }, token)).toBe(
      await statementsFor(query, { first: Math.max(small, 2) }, token),
    );
  });

  it("all districts with their stations cost as many statements as one district", async () => {
    const token = await fed.token("CITY_ADMIN");
    const fields = `code name volunteerCount certifiedPlatformCount publishedStoryCount stations(first: 10) { totalCount nodes { id name openDemandCount idle } }`;
    const one = await statementsFor(`{ district(code: "440305") { ${fields} } }`, {}, token);
    const all = await statementsFor(`{ districts { ${fields} } }`, {}, token);
    expect(all).toBe(one);
  });
});
