// Lookups by many ids, which other subgraphs use to check references in one call per batch:
// answers in the order asked, null for unknown or malformed ids, the caller's visibility applied,
// a size limit, signed-in callers only, and one SQL statement however many ids are asked.
import { bootFederation, type Federation } from "../helpers/federation";
import { execute, executeExpectingError } from "../helpers/graphql";

type Ref = { id: string } | null;

let fed: Federation;
let admin: string;
beforeAll(async () => {
  fed = await bootFederation();
  admin = await fed.token("CITY_ADMIN");
});
afterAll(() => fed?.stop());

const LOOKUPS = /* GraphQL */ `
  query Lookups($stations: [ID!]!, $activities: [ID!]!, $platforms: [ID!]!) {
    stationsByIds(ids: $stations) {
      id
      status
    }
    activitiesByIds(ids: $activities) {
      id
      title
    }
    platformsByIds(ids: $platforms) {
      id
      name
    }
  }
`;

test("answers in the order asked, null for unknown and malformed ids", async () => {
  const [s1, s2] = fed.demo.stations;
  const [a1, a2] = fed.demo.activities;
  const [p1, p2] = fed.demo.platforms;
  const data = await execute<{
    stationsByIds: Ref[];
    activitiesByIds: Ref[];
    platformsByIds: Ref[];
  }>(fed.gatewayUrl, {
    query: LOOKUPS,
    token: admin,
    variables: {
      stations: [String(s2.id), "999999", String(s1.id), "abc"],
      activities: [String(a2.id), "-1", String(a1.id)],
      platforms: ["999999", String(p2.id), String(p1.id), "1.5"],
    },
  });
  expect(data.stationsByIds.map((s) => s?.id ?? null)).toEqual([
    String(s2.id),
    null,
    String(s1.id),
    null,
  ]);
  expect(data.activitiesByIds.map((a) => a?.id ?? null)).toEqual([
    String(a2.id),
    null,
    String(a1.id),
  ]);
  expect(data.platformsByIds.map((p) => p?.id ?? null)).toEqual([
    null,
    String(p2.id),
    String(p1.id),
    null,
  ]);
});

test("needs a signed-in caller", async () => {
  for (const field of ["stationsByIds", "activitiesByIds", "platformsByIds"]) {
    await executeExpectingError(
      fed.gatewayUrl,
      { query: `{ ${field}(ids: ["1"]) { id } }` },
      "UNAUTHENTICATED",
    );
  }
});

test("signed-in callers see stations in every status, as through District.stations", async () => {
  // A signed-in caller sees every station (as through District.stations); the rule for anonymous
  // callers is the one visibleStation applies everywhere, so the lookup needs no second copy.
  const hidden = fed.demo.stations.find((s) => s.status !== "FILED")!;
  const data = await execute<{ stationsByIds: unknown }>(fed.gatewayUrl, {
    query: `query($ids: [ID!]!) { stationsByIds(ids: $ids) { id status } }`,
    variables: { ids: [String(hidden.id)] },
    token: await fed.token("PUBLICITY_EDITOR"),
  });
  expect(data.stationsByIds).toEqual([{ id: String(hidden.id), status: hidden.status }]);
});

test("refuses more than 1000 ids, naming the limit", async () => {
  const ids = Array.from({ length: 1001 }, (_, i) => String(i + 1));
  const response = await executeExpectingError(
    fed.gatewayUrl,
    {
      query: `query($ids: [ID!]!) { stationsByIds(ids: $ids) { id } }`,
      variables: { ids },
      token: admin,
    },
    "BAD_USER_INPUT",
  );
  expect(response.errors![0].message).toMatch(/at most 1000 stations/);
});

test("one SQL statement per lookup, however many ids", async () => {
  const statements = async (count: number) => {
    const ids = fed.demo.stations.slice(0, count).map((s) => String(s.id));
    const before = fed.sqlCount();
    await execute(fed.gatewayUrl, {
      query: `query($ids: [ID!]!) { stationsByIds(ids: $ids) { id } }`,
      variables: { ids },
      token: admin,
    });
    return fed.sqlCount() - before;
  };
  const small = await statements(2);
  expect(small).toBeGreaterThan(0);
  expect(await statements(100)).toBe(small);
});
