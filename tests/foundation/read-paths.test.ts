// The three read paths of the foundation, through the gateway, checked against the demo data.
import { businessDate, daysFromToday } from "../../runtime/dates";
import { bootFederation, type Federation } from "../helpers/federation";
import { contractOperation, execute } from "../helpers/graphql";

type Node = { id: string; [field: string]: unknown };
type Page = {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string };
  nodes: Node[];
};
type Stations = { district: { stations: Page } };
type Platforms = { platforms: Page };
type Stories = { caseStories: Page };

let fed: Federation;
beforeAll(async () => {
  fed = await bootFederation();
});
afterAll(() => fed?.stop());

describe("DistrictStations", () => {
  const query = contractOperation("DistrictStations");

  it("shows the public only FILED stations, with demand figures, across pages", async () => {
    const filed = fed.demo.stations.filter(
      (s) => s.districtCode === "440305" && s.status === "FILED",
    );
    const first = await execute<Stations>(fed.gatewayUrl, {
      query,
      variables: { districtCode: "440305", first: 3 },
    });
    expect(first.district).toMatchObject({ code: "440305", name: "南山区" });
    expect(first.district.stations.totalCount).toBe(filed.length);
    expect(first.district.stations.pageInfo.hasNextPage).toBe(filed.length > 3);
    expect(first.district.stations.nodes.map((n) => Number(n.id))).toEqual(
      filed.slice(0, 3).map((s) => s.id),
    );

    const seen: number[] = [];
    let after: string | null = null;
    do {
      const page: Stations = await execute<Stations>(fed.gatewayUrl, {
        query,
        variables: { districtCode: "440305", first: 4, after },
      });
      seen.push(...page.district.stations.nodes.map((n) => Number(n.id)));
      after = page.district.stations.pageInfo.hasNextPage
        ? page.district.stations.pageInfo.endCursor
        : null;
    } while (after);
    expect(seen).toEqual(filed.map((s) => s.id));

    const node = first.district.stations.nodes[0];
    const station = filed[0];
    const demands = fed.demo.demands.filter((d) => d.stationId === station.id);
    expect(node).toMatchObject({
      externalId: station.externalId,
      name: station.name,
      hostType: station.hostType,
      status: "FILED",
      address: station.address,
      categories: station.categories,
      openDemandCount: demands.filter((d) => d.status === "OPEN").length,
    });
    const last = demands
      .map((d) => d.collectedOn)
      .sort()
      .pop();
    expect(node.lastDemandAt).toBe(last ? `${last}T00:00:00.000Z` : null);
    expect(typeof node.idle).toBe("boolean");
  });

  it("ignores the status an anonymous caller asks for", async () => {
    const data = await execute<Stations>(fed.gatewayUrl, {
      query,
      variables: { districtCode: "440305", status: "SUBMITTED" },
    });
    expect(data.district.stations.nodes.every((n) => n.status === "FILED")).toBe(true);
  });

  it("lets a signed-in operator filter by any status", async () => {
    const token = await fed.token("DISTRICT_OPERATOR", { district: "440306" });
    const expected = fed.demo.stations.filter(
      (s) => s.districtCode === "440306" && s.status === "UNDER_REVIEW",
    );
    const data = await execute<Stations>(fed.gatewayUrl, {
      query,
      token,
      variables: { districtCode: "440306", status: "UNDER_REVIEW", first: 50 },
    });
    expect(data.district.stations.totalCount).toBe(expected.length);
    expect(data.district.stations.nodes.map((n) => n.externalId)).toEqual(
      expected.map((s) => s.externalId),
    );
  });

  it("marks filed stations without a demand for 90 days idle", async () => {
    const token = await fed.token("CITY_ADMIN");
    // Dates are Shenzhen's (UTC+8).
    const cutoff = daysFromToday(-90);
    for (const code of ["440305", "440306", "440307"]) {
      const data = await execute<Stations>(fed.gatewayUrl, {
        query,
        token,
        variables: { districtCode: code, status: "FILED", first: 100 },
      });
      for (const node of data.district.stations.nodes) {
        const station = fed.demo.stations.find((s) => s.id === Number(node.id))!;
        const latest = [
          ...fed.demo.demands.filter((d) => d.stationId === station.id).map((d) => d.collectedOn),
          businessDate(new Date(station.filedAt!)),
        ]
          .sort()
          .pop()!;
        expect({ id: node.id, idle: node.idle }).toEqual({ id: node.id, idle: latest < cutoff });
      }
    }
  });

  it("answers null for an unknown district", async () => {
    const data = await execute<Stations>(fed.gatewayUrl, {
      query,
      variables: { districtCode: "999999" },
    });
    expect(data.district).toBeNull();
  });
});

describe("Platforms", () => {
  const query = contractOperation("Platforms");

  it("lists platforms with district, source station and mentors from three subgraphs", async () => {
    const token = await fed.token("DASHBOARD_VIEWER");
    const data = await execute<Platforms>(fed.gatewayUrl, {
      query,
      token,
      variables: { first: 50 },
    });
    expect(data.platforms.totalCount).toBe(fed.demo.platforms.length);
    expect(data.platforms.nodes).toHaveLength(40);
    for (const node of data.platforms.nodes) {
      const platform = fed.demo.platforms.find((p) => p.id === Number(node.id))!;
      const source = platform.sourceStationId
        ? fed.demo.stations.find((s) => s.id === platform.sourceStationId)!
        : null;
      const minimum = { COMPREHENSIVE_BASE: 3, SPECIALISED_BASE: 1, PUBLIC_SERVICE: 0 }[
        platform.kind
      ]!;
      expect(node).toEqual({
        id: String(platform.id),
        name: platform.name,
        kind: platform.kind,
        status: platform.status,
        level: platform.level,
        district: { code: platform.districtCode, name: expect.any(String) },
        sourceStation: source ? { id: String(source.id), name: source.name } : null,
        mentorMinimum: minimum,
        mentorRequirementMet: platform.mentorIds.length >= minimum,
        mentors: platform.mentorIds.map((id) => {
          const v = fed.demo.volunteers[id - 1];
          return { id: String(id), name: v.name, expertType: v.expertType };
        }),
      });
    }
    // The demo data flags at least one base below its mentor minimum, and it is listed, not hidden.
    expect(data.platforms.nodes.some((n) => !n.mentorRequirementMet)).toBe(true);
  });

  it("counts only APPOINTED mentors toward the minimum (status from corps, via @requires)", async () => {
    const admin = await fed.token("CITY_ADMIN");
    const platform = fed.demo.platforms.find(
      (p) => p.kind === "COMPREHENSIVE_BASE" && p.mentorIds.length === 3,
    )!;
    const before = await execute<Platforms>(fed.gatewayUrl, {
      query,
      token: admin,
      variables: { first: 50 },
    });
    expect(
      before.platforms.nodes.find((n) => n.id === String(platform.id))!.mentorRequirementMet,
    ).toBe(true);
    await execute(fed.gatewayUrl, {
      query: `mutation ($id: ID!) { withdrawVolunteer(id: $id, reason: "本人申请退出") { id status } }`,
      token: admin,
      variables: { id: String(platform.mentorIds[0]) },
    });
    const after = await execute<Platforms>(fed.gatewayUrl, {
      query,
      token: admin,
      variables: { first: 50 },
    });
    const node = after.platforms.nodes.find((n) => n.id === String(platform.id));
    expect(node!.mentorRequirementMet).toBe(false);
    expect(node!.mentors).toHaveLength(3); // flagged, not hidden: the group as recorded
  });

  it("filters by district and pages with a cursor", async () => {
    const token = await fed.token("CITY_ADMIN");
    const inDistrict = fed.demo.platforms.filter((p) => p.districtCode === "440305");
    const page1 = await execute<Platforms>(fed.gatewayUrl, {
      query,
      token,
      variables: { districtCode: "440305", first: 2 },
    });
    expect(page1.platforms.totalCount).toBe(inDistrict.length);
    const page2 = await execute<Platforms>(fed.gatewayUrl, {
      query,
      token,
      variables: { districtCode: "440305", first: 50, after: page1.platforms.pageInfo.endCursor },
    });
    expect([...page1.platforms.nodes, ...page2.platforms.nodes].map((n) => Number(n.id))).toEqual(
      inDistrict.map((p) => p.id),
    );
    expect(page2.platforms.pageInfo.hasNextPage).toBe(false);
  });
});

describe("CaseStories", () => {
  const query = contractOperation("CaseStories");
  /** Newest publication first, id breaking ties, as the public list is ordered. */
  const byPublication = (
    a: { publishedAt: string | null; id: number },
    b: { publishedAt: string | null; id: number },
  ) => (b.publishedAt ?? "").localeCompare(a.publishedAt ?? "") || b.id - a.id;

  it("shows the public published stories, newest first, resolved across all four subgraphs", async () => {
    const published = fed.demo.stories.filter((s) => s.status === "PUBLISHED").sort(byPublication);
    const data = await execute<Stories>(fed.gatewayUrl, { query, variables: { first: 50 } });
    expect(data.caseStories.totalCount).toBe(published.length);
    expect(data.caseStories.nodes.map((n) => Number(n.id))).toEqual(published.map((s) => s.id));
    const node = data.caseStories.nodes[0];
    const story = published[0];
    expect(node).toMatchObject({
      title: story.title,
      summary: story.summary,
      status: "PUBLISHED",
      publishedAt: story.publishedAt,
      categories: story.categories,
      district: { code: story.districtCode },
      volunteers: story.volunteerIds.map((id) => ({
        id: String(id),
        name: fed.demo.volunteers[id - 1].name,
        expertType: fed.demo.volunteers[id - 1].expertType,
      })),
      stations: story.stationIds.map((id) => ({
        id: String(id),
        name: fed.demo.stations[id - 1].name,
        district: { name: expect.any(String) },
      })),
      platforms: story.platformIds.map((id) => ({
        id: String(id),
        name: fed.demo.platforms[id - 1].name,
        kind: fed.demo.platforms[id - 1].kind,
      })),
      activities: story.activityIds.map((id) => ({
        id: String(id),
        title: fed.demo.activities[id - 1].title,
        heldOn: fed.demo.activities[id - 1].heldOn,
      })),
      coverage: story.coverage,
    });
  });

  it("filters by district, category, volunteer and search words", async () => {
    const published = fed.demo.stories.filter((s) => s.status === "PUBLISHED");
    const story = published[0];
    const cases: Array<[Record<string, unknown>, typeof published]> = [
      [
        { districtCode: story.districtCode },
        published.filter((s) => s.districtCode === story.districtCode),
      ],
      [
        { category: story.categories[0] },
        published.filter((s) => s.categories.includes(story.categories[0])),
      ],
      [
        { volunteerId: String(story.volunteerIds[0]) },
        published.filter((s) => s.volunteerIds.includes(story.volunteerIds[0])),
      ],
      [
        { stationId: String(story.stationIds[0]) },
        published.filter((s) => s.stationIds.includes(story.stationIds[0])),
      ],
      [
        { search: story.title.slice(0, 4) },
        published.filter((s) =>
          `${s.title}${s.summary}${s.body}`.includes(story.title.slice(0, 4)),
        ),
      ],
      [{ search: "100%_!" }, []],
    ];
    for (const [filter, expected] of cases) {
      const data = await execute<Stories>(fed.gatewayUrl, {
        query,
        variables: { filter, first: 50 },
      });
      expect({ filter, ids: data.caseStories.nodes.map((n) => Number(n.id)) }).toEqual({
        filter,
        ids: [...expected].sort(byPublication).map((s) => s.id),
      });
    }
  });

  it("shows editors the stories in every state", async () => {
    const token = await fed.token("PUBLICITY_EDITOR");
    const data = await execute<Stories>(fed.gatewayUrl, { query, token, variables: { first: 50 } });
    expect(data.caseStories.totalCount).toBe(fed.demo.stories.length);
    const drafts = await execute<Stories>(fed.gatewayUrl, {
      query,
      token,
      variables: { filter: { status: "DRAFT" } },
    });
    expect(drafts.caseStories.totalCount).toBe(
      fed.demo.stories.filter((s) => s.status === "DRAFT").length,
    );
  });

  it("pages through the stories without gaps or repeats", async () => {
    const ids: number[] = [];
    let after: string | null = null;
    do {
      const page: Stories = await execute<Stories>(fed.gatewayUrl, {
        query,
        variables: { first: 7, after },
      });
      ids.push(...page.caseStories.nodes.map((n) => Number(n.id)));
      after = page.caseStories.pageInfo.hasNextPage ? page.caseStories.pageInfo.endCursor : null;
    } while (after);
    expect(ids).toEqual(
      fed.demo.stories
        .filter((s) => s.status === "PUBLISHED")
        .sort(byPublication)
        .map((s) => s.id),
    );
  });
});
