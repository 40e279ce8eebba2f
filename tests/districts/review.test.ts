// The station review lifecycle: every legal transition, every illegal one (CONFLICT, nothing
// changed), who may review, and the audit trail in Station.history.
import { bootFederation, type Federation } from "../helpers/federation";
import { contractOperation, execute, executeExpectingError } from "../helpers/graphql";

let fed: Federation;
beforeAll(async () => {
  fed = await bootFederation();
});
afterAll(() => fed?.stop());

const REVIEW = contractOperation("ReviewStation");
const DECISIONS = ["ACCEPT", "REJECT", "FILE", "SUSPEND", "REVOKE"] as const;
const LEGAL: Record<string, Record<string, string>> = {
  SUBMITTED: { ACCEPT: "UNDER_REVIEW", REJECT: "REJECTED" },
  UNDER_REVIEW: { REJECT: "REJECTED", FILE: "FILED" },
  FILED: { SUSPEND: "SUSPENDED", REVOKE: "REVOKED" },
  SUSPENDED: { FILE: "FILED", REVOKE: "REVOKED" },
  REJECTED: {},
  REVOKED: {},
};

const HISTORY = `query ($id: ID!) { _entities(representations: [{ __typename: "Station", id: $id }]) { ... on Station { status history { actor fromStatus toStatus comment at } } } }`;

describe("ReviewStation", () => {
  it.each(Object.keys(LEGAL))(
    "from %s: legal decisions move it, the others are CONFLICT",
    async (status) => {
      const admin = await fed.token("CITY_ADMIN");
      for (const decision of DECISIONS) {
        // A legal decision uses up a station; an illegal one must leave it as it was.
        const station = fed.demo.stations.find((s) => s.status === status && !(s as any).used)!;
        if (LEGAL[status][decision]) (station as any).used = true;
        const operator = await fed.token("DISTRICT_OPERATOR", {
          district: station.districtCode,
          sub: "clerk-1",
        });
        const variables = { id: String(station.id), decision, comment: `${decision} test` };
        const to = LEGAL[status][decision];
        const before = await execute(fed.subgraphs.districts.url, {
          query: HISTORY,
          token: admin,
          variables: { id: String(station.id) },
        });
        if (to) {
          const data = await execute(fed.gatewayUrl, { query: REVIEW, token: operator, variables });
          expect(data.reviewStation).toEqual({ id: String(station.id), status: to });
          const trail = await execute(fed.subgraphs.districts.url, {
            query: HISTORY,
            token: admin,
            variables: { id: String(station.id) },
          });
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
          const trail = await execute(fed.subgraphs.districts.url, {
            query: HISTORY,
            token: admin,
            variables: { id: String(station.id) },
          });
          expect(trail._entities[0]).toEqual(before._entities[0]);
          expect(before._entities[0].history.at(-1)).toMatchObject({ toStatus: status });
        }
      }
    },
  );

  it("lets only the station's own district operator or the city admin review", async () => {
    const station = fed.demo.stations.find((s) => s.status === "SUBMITTED" && !(s as any).used)!;
    const variables = { id: String(station.id), decision: "ACCEPT" };
    const other = station.districtCode === "440303" ? "440304" : "440303";
    await executeExpectingError(
      fed.gatewayUrl,
      {
        query: REVIEW,
        token: await fed.token("DISTRICT_OPERATOR", { district: other }),
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
    const data = await execute(fed.gatewayUrl, {
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
