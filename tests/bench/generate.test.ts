// The benchmark's data set (bench/data): the tiny scale, generated into the fresh databases of a
// federation booted without the demo data, is consistent across the four subgraphs (the SQL checks
// of bench/data/check.ts), its counts are the summary's, and the gateway resolves what it refers
// to across subgraphs: stories' volunteers, stations, platforms and activities for the public, the
// busiest volunteer's hours as the raw sum of its participation rows, a district's figures.
import { BENCH_SIZES, generateBenchData, type BenchDataSummary } from "../../bench/data/generate";
import { checkBenchData } from "../../bench/data/check";
import { SUBGRAPHS, type SubgraphName } from "../../runtime/config";
import { bootFederation, type Federation } from "../helpers/federation";
import { execute } from "../helpers/graphql";

let fed: Federation;
let summary: BenchDataSummary;
const lines: string[] = [];

beforeAll(async () => {
  fed = await bootFederation({ env: { SEED_DEMO: "0" } });
  summary = await generateBenchData(fed.config, "tiny", (line) => lines.push(line));
});
afterAll(() => fed?.stop());

const db = (name: SubgraphName) => fed.subgraphs[name].db;
const count = async (name: SubgraphName, sql: string, params: unknown[] = []) =>
  Number((await db(name).query(`SELECT COUNT(*) AS n FROM ${sql}`, params))[0].n);

describe("the tiny benchmark data set", () => {
  it("has the scale's sizes, and the summary counts what the databases hold", async () => {
    const sizes = BENCH_SIZES.tiny;
    expect(summary.rows.corps.volunteer).toBe(sizes.volunteers);
    expect(summary.rows.districts.station).toBe(sizes.stations);
    expect(summary.rows.districts.demand).toBe(sizes.demands);
    expect(summary.rows.districts.activity).toBe(sizes.activities);
    expect(summary.rows.districts.participation).toBe(sizes.participations);
    expect(summary.rows.platforms.platform).toBe(sizes.platforms);
    const stories = Object.values(sizes.stories).reduce((a, b) => a + b, 0);
    expect(summary.rows.publicity.case_story).toBe(stories);
    for (const name of SUBGRAPHS) {
      for (const [table, n] of Object.entries(summary.rows[name])) {
        expect({ table, n: await count(name, table) }).toEqual({ table, n });
      }
    }
    expect(summary.totalRows).toBeGreaterThan(2000);
    expect(summary.dateRange.to).toBe(fed.config.demo.anchor);
    expect(lines.some((l) => l.startsWith("districts:"))).toBe(true);
  });

  it("is consistent within and across the four databases", async () => {
    const dbs = Object.fromEntries(SUBGRAPHS.map((n) => [n, db(n)])) as Record<
      SubgraphName,
      ReturnType<typeof db>
    >;
    expect(await checkBenchData(dbs, summary.dateRange)).toEqual([]);
  });

  it("shows the public every story's volunteers, stations, platforms and activities", async () => {
    type Status = { id: string; status: string } | null;
    const data = await execute<{
      caseStories: {
        totalCount: number;
        nodes: Array<{
          volunteers: Array<(Status & { name: string }) | null>;
          stations: Array<{ id: string; status: string }>;
          platforms: Status[];
          activities: unknown[];
        }>;
      };
    }>(fed.gatewayUrl, {
      query: `{ caseStories(first: 50) { totalCount nodes { id
        volunteers { id name status } stations { id name status } platforms { id status }
        activities { id heldOn station { id } } } } }`,
    });
    const published = await count("publicity", "case_story WHERE status = 'PUBLISHED'");
    expect(published).toBe(BENCH_SIZES.tiny.stories.published);
    expect(data.caseStories.totalCount).toBe(published);
    expect(data.caseStories.nodes).toHaveLength(published);
    for (const story of data.caseStories.nodes) {
      expect(story.volunteers.length).toBeGreaterThan(0);
      expect(story.volunteers.every((v) => v?.status === "APPOINTED" && v.name)).toBe(true);
      expect(story.stations).toEqual([expect.objectContaining({ status: "FILED" })]);
      expect(story.platforms.every((p) => p?.status === "CERTIFIED")).toBe(true);
      expect(story.activities).toEqual([
        expect.objectContaining({ station: { id: story.stations[0].id } }),
      ]);
    }
  });

  it("gives the busiest volunteer the hours its participation rows add up to", async () => {
    const { id, hours } = summary.ids.busyVolunteer;
    const [row] = await db("districts").query(
      "SELECT SUM(hours) AS hours, COUNT(*) AS n FROM participation WHERE volunteerId = ? AND verified = ?",
      [Number(id), 1],
    );
    const data = await execute<{
      volunteer: { status: string; serviceHours: number; activities: unknown[] };
    }>(fed.gatewayUrl, {
      query: `query ($id: ID!) { volunteer(id: $id) { id status serviceHours activities(first: 100) { id } } }`,
      variables: { id },
    });
    expect(data.volunteer.status).toBe("APPOINTED");
    expect(data.volunteer.serviceHours).toBe(Number(row.hours));
    expect(data.volunteer.serviceHours).toBe(hours);
    expect(data.volunteer.activities).toHaveLength(Math.min(100, Number(row.n)));
  });

  it("answers a district's figures from four subgraphs as their rows say", async () => {
    const { code, stations, filedStations } = summary.ids.busyDistrict;
    const data = await execute<{ district: Record<string, number> }>(fed.gatewayUrl, {
      token: await fed.token("CITY_ADMIN"),
      query: `query ($code: ID!) { district(code: $code) {
        stationCount filed: stationCount(status: FILED)
        volunteerCount certifiedPlatformCount publishedStoryCount } }`,
      variables: { code },
    });
    expect(data.district).toEqual({
      stationCount: stations,
      filed: filedStations,
      volunteerCount: await count(
        "corps",
        "volunteer v JOIN branch b ON b.id = v.branchId WHERE b.districtCode = ? AND v.status = 'APPOINTED'",
        [code],
      ),
      certifiedPlatformCount: await count(
        "platforms",
        "platform WHERE districtCode = ? AND status = 'CERTIFIED'",
        [code],
      ),
      publishedStoryCount: await count(
        "publicity",
        "case_story WHERE districtCode = ? AND status = 'PUBLISHED'",
        [code],
      ),
    });
  });

  it("resolves a certified platform's mentors with corps", async () => {
    const { id, mentors } = summary.ids.certifiedPlatform;
    const data = await execute<{
      platform: {
        status: string;
        mentors: Array<{ status: string } | null>;
        mentorRequirementMet: unknown;
      };
    }>(fed.gatewayUrl, {
      token: await fed.token("CITY_ADMIN"),
      query: `query ($id: ID!) { platform(id: $id) { status mentors { id status } mentorRequirementMet } }`,
      variables: { id },
    });
    expect(data.platform.status).toBe("CERTIFIED");
    expect(data.platform.mentors).toHaveLength(mentors);
    expect(data.platform.mentors.every((m) => m?.status === "APPOINTED")).toBe(true);
    expect(typeof data.platform.mentorRequirementMet).toBe("boolean");
  });
});
