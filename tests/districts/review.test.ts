// The station review lifecycle: every legal transition, every illegal one (CONFLICT, nothing
// changed), who may review, and the audit trail in Station.history. Each test publishes the
// stations it reviews; none claims a demo row.
import { bootFederation, type Federation } from "../helpers/federation";
import { contractOperation, execute, executeExpectingError } from "../helpers/graphql";

type Page = {
  district: {
    stations: {
      nodes: Array<{ id: string; externalId: string }>;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  };
};
type History = { _entities: Array<{ history: unknown[] }> };

let fed: Federation;
beforeAll(async () => {
  fed = await bootFederation();
});
afterAll(() => fed?.stop());

const REVIEW = contractOperation("ReviewStation");
const PUBLISH = contractOperation("PublishStations");
const STATIONS = contractOperation("DistrictStations");
const DECISIONS = ["ACCEPT", "REJECT", "FILE", "SUSPEND", "REVOKE"] as const;
const LEGAL: Record<string, Record<string, string>> = {
  SUBMITTED: { ACCEPT: "UNDER_REVIEW", REJECT: "REJECTED" },
  UNDER_REVIEW: { REJECT: "REJECTED", FILE: "FILED" },
  FILED: { SUSPEND: "SUSPENDED", REVOKE: "REVOKED" },
  SUSPENDED: { FILE: "FILED", REVOKE: "REVOKED" },
  REJECTED: {},
  REVOKED: {},
};
/** The legal decisions that take a newly published station to each status. */
const ROUTE: Record<string, string[]> = {
  SUBMITTED: [],
  UNDER_REVIEW: ["ACCEPT"],
  FILED: ["ACCEPT", "FILE"],
  SUSPENDED: ["ACCEPT", "FILE", "SUSPEND"],
  REJECTED: ["REJECT"],
  REVOKED: ["ACCEPT", "FILE", "REVOKE"],
};

const HISTORY = `query ($id: ID!) { _entities(representations: [{ __typename: "Station", id: $id }]) { ... on Station { status history { actor fromStatus toStatus comment at } } } }`;

/** The stations these tests review are their own: published here, in this district. */
const DISTRICT = "440304";
const OTHER_DISTRICT = "440303";
let published = 0;

/** The id of a SUBMITTED station of DISTRICT, found page by page through the gateway. */
async function submittedStationId(externalId: string, admin: string): Promise<string> {
  let after: string | null = null;
  for (;;) {
    const data: Page = await execute<Page>(fed.gatewayUrl, {
      query: STATIONS,
      token: admin,
      variables: { districtCode: DISTRICT, status: "SUBMITTED", first: 100, after },
    });
    const { nodes, pageInfo } = data.district.stations;
    const node = nodes.find((n: { externalId: string }) => n.externalId === externalId);
    if (node) return node.id;
    if (!pageInfo.hasNextPage) throw new Error(`station ${externalId} was not published`);
    after = pageInfo.endCursor;
  }
}

/** Publishes a new station through the gateway and reviews it into `status`; returns its id. */
async function stationIn(status: string): Promise<string> {
  const admin = await fed.token("CITY_ADMIN");
  published += 1;
  const externalId = `RV-TEST-${published}`;
  const result = await execute<{ publishStations: unknown }>(fed.gatewayUrl, {
    query: PUBLISH,
    token: admin,
    variables: {
      districtCode: DISTRICT,
      stations: [
        {
          externalId,
          name: `审核测试工作站${published}`,
          hostType: "SME_PARK",
          address: `深圳市罗湖区测试路${published}号`,
          categories: ["POLICY"],
          contactName: "林晓东",
          contactPhone: "13800138000",
        },
      ],
    },
  });
  expect(result.publishStations).toMatchObject({ created: 1, rejected: [] });
  const id = await submittedStationId(externalId, admin);
  for (const decision of ROUTE[status]) {
    await execute(fed.gatewayUrl, { query: REVIEW, token: admin, variables: { id, decision } });
  }
  return id;
}

describe("ReviewStation", () => {
  it.each(Object.keys(LEGAL))(
    "from %s: legal decisions move it, the others are CONFLICT",
    async (status) => {
      const admin = await fed.token("CITY_ADMIN");
      const operator = await fed.token("DISTRICT_OPERATOR", { district: DISTRICT, sub: "clerk-1" });
      // A legal decision uses up a station of its own; the illegal ones share one, left as it was.
      let untouched: string | undefined;
      for (const decision of DECISIONS) {
        const to = LEGAL[status][decision];
        const id = to ? await stationIn(status) : (untouched ??= await stationIn(status));
        const variables = { id, decision, comment: `${decision} test` };
        const before = await execute<History>(
          fed.subgraphs.districts.url,
          await fed.asGateway("districts", {
            query: HISTORY,
            token: admin,
            variables: { id },
          }),
        );
        if (to) {
          const data = await execute<{ reviewStation: unknown }>(fed.gatewayUrl, {
            query: REVIEW,
            token: operator,
            variables,
          });
          expect(data.reviewStation).toEqual({ id, status: to });
          const trail = await execute<History>(
            fed.subgraphs.districts.url,
            await fed.asGateway("districts", {
              query: HISTORY,
              token: admin,
              variables: { id },
            }),
          );
          expect(trail._entities[0].history).toHaveLength(before._entities[0].history.length + 1);
          expect(trail._entities[0].history.at(-1)).toMatchObject({
            actor: "clerk-1",
            fromStatus: status,
            toStatus: to,
            comment: `${decision} test`,
          });
        } else {
          const response = await executeExpectingError(
            fed.gatewayUrl,
            { query: REVIEW, token: operator, variables },
            "CONFLICT",
          );
          expect(response.errors![0].message).toContain(`it is ${status}`);
          const trail = await execute<History>(
            fed.subgraphs.districts.url,
            await fed.asGateway("districts", {
              query: HISTORY,
              token: admin,
              variables: { id },
            }),
          );
          expect(trail._entities[0]).toEqual(before._entities[0]);
          expect(before._entities[0].history.at(-1)).toMatchObject({ toStatus: status });
        }
      }
    },
  );

  it("lets only the station's own district operator or the city admin review", async () => {
    const variables = { id: await stationIn("SUBMITTED"), decision: "ACCEPT" };
    await executeExpectingError(
      fed.gatewayUrl,
      {
        query: REVIEW,
        token: await fed.token("DISTRICT_OPERATOR", { district: OTHER_DISTRICT }),
        variables,
      },
      "FORBIDDEN",
    );
    await executeExpectingError(
      fed.gatewayUrl,
      { query: REVIEW, token: await fed.token("DASHBOARD_VIEWER"), variables },
      "FORBIDDEN",
    );
    await executeExpectingError(fed.gatewayUrl, { query: REVIEW, variables }, "UNAUTHENTICATED");
    const data = await execute<{ reviewStation: { status: string } }>(fed.gatewayUrl, {
      query: REVIEW,
      token: await fed.token("CITY_ADMIN"),
      variables,
    });
    expect(data.reviewStation.status).toBe("UNDER_REVIEW");
  });

  it("answers NOT_FOUND for an unknown station", async () => {
    await executeExpectingError(
      fed.gatewayUrl,
      {
        query: REVIEW,
        token: await fed.token("CITY_ADMIN"),
        variables: { id: "987654", decision: "ACCEPT" },
      },
      "NOT_FOUND",
    );
  });
});
