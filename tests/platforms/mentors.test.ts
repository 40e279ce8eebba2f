// Mentor groups (docs/domain.md rule 5): SetMentors replaces a group in one transaction after one
// batched check with corps through the gateway; unknown or non-appointed volunteers are refused by
// id and the group stays as it was; the minimum of each kind, re-evaluated on every read (a mentor
// suspended later makes it false); the Platforms filters; Volunteer.mentoring.
import { bootFederation, type Federation } from "../helpers/federation";
import {
  contractOperation,
  execute,
  executeExpectingError,
  expectRefusedUnchanged,
  type Request,
} from "../helpers/graphql";
import { register } from "../corps/fixtures";
import {
  applied,
  appointedVolunteer,
  platform,
  platformIn,
  platformsState,
  serviceRequests,
  whileUnreachable,
} from "./fixtures";

type Mentored = { mentorRequirementMet: boolean; mentors: Array<{ id: string }> };
type Page = {
  platforms: {
    totalCount: number;
    nodes: unknown[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};

let fed: Federation;
let admin: string;
beforeAll(async () => {
  fed = await bootFederation();
  admin = await fed.token("CITY_ADMIN");
});
afterAll(() => fed?.stop());

const SET = contractOperation("SetMentors");
const PLATFORMS = contractOperation("Platforms");
const SUSPEND = `mutation ($id: ID!) { suspendVolunteer(id: $id, reason: "违反服务协议") { id status } }`;
const REINSTATE = `mutation ($id: ID!) { reinstateVolunteer(id: $id) { id status } }`;
const STATE = `query ($id: ID!) { platform(id: $id) { id mentorMinimum mentorRequirementMet mentors { id status } } }`;

const refused = (request: Request, code: string) =>
  expectRefusedUnchanged(fed.gatewayUrl, request, code, () => platformsState(fed));

async function setMentors(platformId: string, volunteerIds: string[], token = admin) {
  return (
    await execute<{ setMentors: Mentored }>(fed.gatewayUrl, {
      query: SET,
      variables: { platformId, volunteerIds },
      token,
    })
  ).setMentors;
}

async function state(id: string) {
  return (
    await execute<{ platform: Mentored }>(fed.gatewayUrl, {
      query: STATE,
      variables: { id },
      token: admin,
    })
  ).platform;
}

async function appointed(n: number) {
  const ids: string[] = [];
  for (let i = 0; i < n; i += 1) ids.push(await appointedVolunteer(fed));
  return ids;
}

describe("SetMentors", () => {
  it("replaces the group, with one request to corps, and keeps the change in the history", async () => {
    const id = await applied(fed, { kind: "COMPREHENSIVE_BASE" });
    const [a, b, c, d] = await appointed(4);
    const asked = serviceRequests(fed, "MentorStandings");
    const first = await setMentors(id, [a, b, c]);
    expect(serviceRequests(fed, "MentorStandings")).toBe(asked + 1);
    expect(first).toEqual({
      id,
      mentorMinimum: 3,
      mentorRequirementMet: true,
      mentors: [a, b, c].map((v) => ({ id: v, name: "林晓梅", expertType: "FINANCE" })),
    });
    const second = await setMentors(id, [d, b]);
    expect(second.mentors.map((m: { id: string }) => m.id)).toEqual([b, d]);
    expect(second.mentorRequirementMet).toBe(false);
    const { history } = await platform(fed, id);
    expect(history.slice(1).map((e: any) => [e.action, e.comment])).toEqual([
      ["SET_MENTORS", `added ${a}, ${b}, ${c}`],
      ["SET_MENTORS", `added ${d}; removed ${a}, ${c}`],
    ]);
  });

  it("takes an id given twice once; an unchanged group writes no event", async () => {
    const id = await applied(fed, { kind: "SPECIALISED_BASE" });
    const [a] = await appointed(1);
    const data = await setMentors(id, [a, a, ` ${a}`, `00${a}`]);
    expect(data.mentors).toEqual([{ id: a, name: "林晓梅", expertType: "FINANCE" }]);
    const events = (await platform(fed, id)).history.length;
    await setMentors(id, [a]);
    expect((await platform(fed, id)).history).toHaveLength(events);
  });

  it("refuses unknown and non-appointed volunteers by id, and leaves the group as it was", async () => {
    const id = await applied(fed, { kind: "COMPREHENSIVE_BASE" });
    const [a, b, c] = await appointed(3);
    await setMentors(id, [a, b, c]);
    const { id: applicant } = await register(fed); // APPLIED, never appointed
    const [suspended] = await appointed(1);
    await execute(fed.gatewayUrl, { query: SUSPEND, variables: { id: suspended }, token: admin });
    const error = await refused(
      {
        query: SET,
        variables: { platformId: id, volunteerIds: [a, "999999", applicant, suspended, "x1"] },
        token: admin,
      },
      "BAD_USER_INPUT",
    );
    expect(error.message).toBe(
      `4 of the 5 volunteers cannot mentor, so the mentor group is unchanged: ` +
        `volunteer 999999 is not known to the corps; ` +
        `volunteer ${applicant} (林晓梅) is APPLIED, not APPOINTED; ` +
        `volunteer ${suspended} (林晓梅) is SUSPENDED, not APPOINTED; ` +
        `volunteer x1 is not known to the corps`,
    );
    expect((error.extensions!.refused as Array<{ id: string }>).map((r) => r.id)).toEqual([
      "999999",
      applicant,
      suspended,
      "x1",
    ]);
    expect((await state(id)).mentors.map((m: { id: string }) => m.id)).toEqual([a, b, c]);
    const one = await refused(
      { query: SET, variables: { platformId: id, volunteerIds: ["999999"] }, token: admin },
      "BAD_USER_INPUT",
    );
    expect(one.message).toBe(
      "the volunteer cannot mentor, so the mentor group is unchanged: volunteer 999999 is not known to the corps",
    );
  });

  it("an empty list clears the group: the base is then flagged, not hidden", async () => {
    const id = await applied(fed, { kind: "SPECIALISED_BASE" });
    const [a] = await appointed(1);
    await setMentors(id, [a]);
    const asked = serviceRequests(fed, "MentorStandings");
    const data = await setMentors(id, []);
    expect(serviceRequests(fed, "MentorStandings")).toBe(asked); // nothing to ask corps
    expect(data).toMatchObject({ mentorRequirementMet: false, mentors: [] });
  });

  it("refuses more than 100 volunteers before asking corps", async () => {
    const id = await applied(fed);
    const ids = Array.from({ length: 101 }, (_, i) => String(100_000 + i));
    const error = await refused(
      { query: SET, variables: { platformId: id, volunteerIds: ids }, token: admin },
      "BAD_USER_INPUT",
    );
    expect(error.message).toBe("a mentor group has at most 100 volunteers; this names 101");
  });

  it("a rejected or revoked platform keeps no mentor group: CONFLICT", async () => {
    const [a] = await appointed(1);
    for (const status of ["REJECTED", "REVOKED"] as const) {
      const id = await platformIn(fed, status);
      const error = await refused(
        { query: SET, variables: { platformId: id, volunteerIds: [a] }, token: admin },
        "CONFLICT",
      );
      expect(error.message).toContain(`it is ${status}`);
    }
  });

  it("a PLATFORM_OPERATOR sets its own group, and is FORBIDDEN another's", async () => {
    const own = await applied(fed, { kind: "SPECIALISED_BASE" });
    const other = await applied(fed, { kind: "SPECIALISED_BASE" });
    const [a] = await appointed(1);
    const operator = await fed.token("PLATFORM_OPERATOR", { platform: own, sub: "op-own" });
    expect((await setMentors(own, [a], operator)).mentorRequirementMet).toBe(true);
    expect((await platform(fed, own)).history.at(-1)).toMatchObject({
      actor: "op-own",
      action: "SET_MENTORS",
    });
    const error = await refused(
      { query: SET, variables: { platformId: other, volunteerIds: [a] }, token: operator },
      "FORBIDDEN",
    );
    expect(error.message).toBe(`you operate platform ${own} and cannot write platform ${other}`);
    for (const role of ["DISTRICT_OPERATOR", "DASHBOARD_VIEWER", "PUBLICITY_EDITOR"] as const) {
      const token = await fed.token(role, { district: "440305" });
      await refused(
        { query: SET, variables: { platformId: own, volunteerIds: [a] }, token },
        "FORBIDDEN",
      );
    }
  });

  it("when corps cannot answer, refuses with CONFLICT and leaves the group as it was", async () => {
    const id = await applied(fed, { kind: "SPECIALISED_BASE" });
    const [a, b] = await appointed(2);
    await setMentors(id, [a]);
    await whileUnreachable(fed, "corps", async () => {
      const error = await refused(
        { query: SET, variables: { platformId: id, volunteerIds: [b] }, token: admin },
        "CONFLICT",
      );
      expect(error.message).toMatch(/^cannot check the volunteers with the corps right now/);
      const filter = await executeExpectingError(
        fed.gatewayUrl,
        { query: PLATFORMS_FILTERED, variables: { met: false }, token: admin },
        "CONFLICT",
      );
      expect(filter.errors![0].message).toMatch(/^cannot filter on mentorRequirementMet/);
    });
    expect((await state(id)).mentors).toEqual([{ id: a, status: "APPOINTED" }]);
  });
});

describe("mentor minimums", () => {
  it.each([
    ["COMPREHENSIVE_BASE", 3],
    ["SPECIALISED_BASE", 1],
    ["PUBLIC_SERVICE", 0],
  ] as const)("a %s needs %i appointed mentors", async (kind, minimum) => {
    const id = await applied(fed, { kind });
    expect(await state(id)).toMatchObject({
      mentorMinimum: minimum,
      mentorRequirementMet: minimum === 0,
    });
    const ids = await appointed(minimum + 1);
    if (minimum > 0) {
      const short = await setMentors(id, ids.slice(0, minimum - 1));
      expect(short.mentorRequirementMet).toBe(false);
    }
    const enough = await setMentors(id, ids.slice(0, minimum));
    expect(enough.mentorRequirementMet).toBe(true);
  });

  it("a mentor suspended after being set makes it false on the next read, reinstated true again", async () => {
    const id = await platformIn(fed, "CERTIFIED", {
      kind: "COMPREHENSIVE_BASE",
      districtCode: "440392",
    });
    const ids = await appointed(3);
    expect((await setMentors(id, ids)).mentorRequirementMet).toBe(true);
    await execute(fed.gatewayUrl, { query: SUSPEND, variables: { id: ids[1] }, token: admin });
    const after = await state(id);
    expect(after.mentorRequirementMet).toBe(false);
    // The contract's list shows it flagged, with its whole group.
    const listed = await execute<{ platforms: { nodes: Array<{ id: string }> } }>(fed.gatewayUrl, {
      query: PLATFORMS,
      variables: { districtCode: "440392", first: 100 },
      token: admin,
    });
    expect(listed.platforms.nodes.find((n: { id: string }) => n.id === id)).toMatchObject({
      status: "CERTIFIED",
      mentorMinimum: 3,
      mentorRequirementMet: false,
      mentors: ids.map((v) => ({ id: v, name: "林晓梅", expertType: "FINANCE" })),
    });
    // Flagged, not hidden: the group as recorded, the suspended mentor among it.
    expect(after.mentors).toEqual([
      { id: ids[0], status: "APPOINTED" },
      { id: ids[1], status: "SUSPENDED" },
      { id: ids[2], status: "APPOINTED" },
    ]);
    await execute(fed.gatewayUrl, { query: REINSTATE, variables: { id: ids[1] }, token: admin });
    expect((await state(id)).mentorRequirementMet).toBe(true);
  });
});

const PLATFORMS_FILTERED = `query ($district: ID, $kind: PlatformKind, $status: PlatformStatus, $met: Boolean, $first: Int, $after: String) {
  platforms(districtCode: $district, kind: $kind, status: $status, mentorRequirementMet: $met, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { id kind status mentorRequirementMet district { code } }
  } }`;

/** Every page of a filtered list, `first` at a time. */
async function allPages(variables: Record<string, unknown>, first: number) {
  const nodes: any[] = [];
  let after: string | null = null;
  let totalCount = -1;
  for (;;) {
    const data: Page = await execute<Page>(fed.gatewayUrl, {
      query: PLATFORMS_FILTERED,
      variables: { ...variables, first, after },
      token: admin,
    });
    totalCount = data.platforms.totalCount;
    nodes.push(...data.platforms.nodes);
    if (!data.platforms.pageInfo.hasNextPage) break;
    after = data.platforms.pageInfo.endCursor;
  }
  return { totalCount, nodes };
}

describe("Platforms filters", () => {
  it("mentorRequirementMet splits the list exactly, paged with exact totals and cursors", async () => {
    // A district of the tests' own: a base short of mentors, one whose mentor is later suspended,
    // one that meets its minimum, and a public-service platform (no minimum).
    const district = "440391";
    const [a, b] = await appointed(2);
    const short = await applied(fed, { kind: "COMPREHENSIVE_BASE", districtCode: district });
    await setMentors(short, [a, b]);
    const suspendedLater = await applied(fed, { kind: "SPECIALISED_BASE", districtCode: district });
    const [c] = await appointed(1);
    await setMentors(suspendedLater, [c]);
    await execute(fed.gatewayUrl, { query: SUSPEND, variables: { id: c }, token: admin });
    const met = await applied(fed, { kind: "SPECIALISED_BASE", districtCode: district });
    await setMentors(met, [a]);
    const open = await applied(fed, { kind: "PUBLIC_SERVICE", districtCode: district });

    const everything = await allPages({ district }, 100);
    const truth = new Map(everything.nodes.map((n) => [n.id, n.mentorRequirementMet]));
    expect(truth.get(short)).toBe(false);
    expect(truth.get(suspendedLater)).toBe(false);
    expect(truth.get(met)).toBe(true);
    expect(truth.get(open)).toBe(true);
    for (const wanted of [true, false]) {
      const paged = await allPages({ district, met: wanted }, 2);
      const expected = everything.nodes.filter((n) => n.mentorRequirementMet === wanted);
      expect(paged.totalCount).toBe(expected.length);
      expect(paged.nodes.map((n) => n.id)).toEqual(expected.map((n) => n.id));
      expect(paged.nodes.every((n) => n.mentorRequirementMet === wanted)).toBe(true);
    }
    // Together the two halves are the whole list: nothing below its minimum is hidden.
    expect(everything.totalCount).toBe(everything.nodes.length);
  });

  it("the city-wide filter agrees with the field on every platform, demo ones included", async () => {
    const all = await allPages({}, 100);
    for (const wanted of [true, false]) {
      const filtered = await allPages({ met: wanted }, 37);
      expect(filtered.nodes.map((n) => n.id)).toEqual(
        all.nodes.filter((n) => n.mentorRequirementMet === wanted).map((n) => n.id),
      );
    }
  });

  it("filters by kind, status and district together", async () => {
    const district = "440310";
    const target = await platformIn(fed, "CERTIFIED", {
      kind: "PUBLIC_SERVICE",
      districtCode: district,
    });
    await platformIn(fed, "APPLIED", { kind: "PUBLIC_SERVICE", districtCode: district });
    await platformIn(fed, "CERTIFIED", { kind: "SPECIALISED_BASE", districtCode: district });
    const page = await allPages(
      { district, kind: "PUBLIC_SERVICE", status: "CERTIFIED", met: true },
      10,
    );
    expect(page.nodes.map((n) => n.id)).toContain(target);
    expect(
      page.nodes.every(
        (n) =>
          n.kind === "PUBLIC_SERVICE" && n.status === "CERTIFIED" && n.district.code === district,
      ),
    ).toBe(true);
    const all = await allPages({ kind: "PUBLIC_SERVICE", status: "CERTIFIED" }, 100);
    expect(all.nodes.length).toBeGreaterThan(page.nodes.length);
  });

  it.each(["440305 ", " 440305"])(
    "reads districtCode %j as 440305: arguments are trimmed before they are checked, on every database alike",
    async (districtCode) => {
      const padded = await allPages({ district: districtCode }, 100);
      const plain = await allPages({ district: "440305" }, 100);
      expect(padded.nodes.map((n) => n.id)).toEqual(plain.nodes.map((n) => n.id));
      expect(plain.nodes.length).toBeGreaterThan(0);
    },
  );

  it.each(["abc", "440399", ""])(
    "refuses districtCode %j: BAD_USER_INPUT naming the field, on every database alike",
    async (districtCode) => {
      const response = await executeExpectingError(
        fed.gatewayUrl,
        { query: PLATFORMS, variables: { districtCode }, token: admin },
        "BAD_USER_INPUT",
      );
      expect(response.errors![0].message).toBe(
        "invalid input: districtCode must be one of Shenzhen's district codes, e.g. 440305 (南山区); the districts query lists them",
      );
    },
  );

  it("a district code of the city filters exactly", async () => {
    const id = await platformIn(fed, "APPLIED", { districtCode: "440311" });
    const page = await allPages({ district: "440311" }, 100);
    expect(page.nodes.map((n) => n.id)).toContain(id);
    expect(page.nodes.every((n) => n.district.code === "440311")).toBe(true);
  });

  it("filtered on mentorRequirementMet, first: 40 costs as many SQL statements as first: 5", async () => {
    const query = `query ($met: Boolean, $first: Int) { platforms(mentorRequirementMet: $met, first: $first) { totalCount nodes { id district { name } sourceStation { name } mentorRequirementMet mentors { name } } } }`;
    const statements = async (first: number, met: boolean) => {
      const before = fed.sqlCount();
      const data = await execute<Page>(fed.gatewayUrl, {
        query,
        variables: { met, first },
        token: admin,
      });
      expect(data.platforms.nodes.length).toBe(Math.min(first, data.platforms.totalCount));
      return fed.sqlCount() - before;
    };
    for (const met of [true, false])
      expect(await statements(40, met)).toBe(await statements(5, met));
  });

  it("asks corps once per request when filtering, at most 1,000 volunteers a request", async () => {
    const asked = serviceRequests(fed, "MentorStandings");
    await execute(fed.gatewayUrl, {
      query: PLATFORMS_FILTERED,
      variables: { met: true, first: 5 },
      token: admin,
    });
    expect(serviceRequests(fed, "MentorStandings")).toBe(asked + 1);
  });
});

describe("Volunteer.mentoring", () => {
  const MENTORING = `query ($id: ID!) { volunteer(id: $id) { id mentoring { id status } } }`;

  it("lists the platforms a volunteer mentors; anonymous callers see certified ones only", async () => {
    const [v] = await appointed(1);
    const certified = await platformIn(fed, "CERTIFIED", { kind: "SPECIALISED_BASE" });
    const applying = await applied(fed, { kind: "SPECIALISED_BASE" });
    await setMentors(certified, [v]);
    await setMentors(applying, [v]);
    const signedIn = await execute<{ volunteer: { mentoring: unknown } }>(fed.gatewayUrl, {
      query: MENTORING,
      variables: { id: v },
      token: admin,
    });
    expect(signedIn.volunteer.mentoring).toEqual([
      { id: certified, status: "CERTIFIED" },
      { id: applying, status: "APPLIED" },
    ]);
    const anonymous = await execute<{ volunteer: { mentoring: unknown } }>(fed.gatewayUrl, {
      query: MENTORING,
      variables: { id: v },
    });
    expect(anonymous.volunteer.mentoring).toEqual([{ id: certified, status: "CERTIFIED" }]);
  });

  it("is batched: the mentors of 20 platforms cost as many SQL statements as those of 3", async () => {
    const query = `{ platforms(first: 20) { nodes { mentors { id mentoring { id name } } } } }`;
    const small = `{ platforms(first: 3) { nodes { mentors { id mentoring { id name } } } } }`;
    const statements = async (q: string) => {
      const before = fed.sqlCount();
      await execute(fed.gatewayUrl, { query: q, token: admin });
      return fed.sqlCount() - before;
    };
    expect(await statements(query)).toBe(await statements(small));
  });
});
