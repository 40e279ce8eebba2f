// The two self-service roles reach nothing of anybody else (issue 27, item 2): every query of the
// contract, sent through the gateway as an ENTERPRISE and as a VOLUNTEER, answers exactly the data
// an anonymous caller gets (refusals are FORBIDDEN or UNAUTHENTICATED, never data); every mutation
// of the contract is FORBIDDEN to them and writes nothing; and every entity a subgraph resolves by
// reference shows them what it shows the public. Operations of the contract that do not validate
// yet (tests/helpers/contract.ts PENDING_OPERATIONS) must keep failing validation for them: when
// one lands, take it off that list and say here what its caller may see of its own.
// Landed: MyDemands gives an ENTERPRISE its own demands, and RateDemand lets it rate its own
// RESOLVED demand (tests/districts/follow-up.test.ts proves both reach only its own); a VOLUNTEER
// is refused both. MyVolunteerRecord gives a VOLUNTEER its own record, RequestRecordCorrection
// lets it ask about its own hours (tests/self-service/volunteer-record.test.ts); an ENTERPRISE
// gets the public's null and is refused the request. An APPLICANT (signed in without a hub role,
// not appointed) gets what the public gets everywhere (tests/self-service/applicants.test.ts).
import { OperationTypeNode, print } from "graphql";
import { exampleGroups } from "../../ide/src/examples";
import { SUBGRAPHS } from "../../runtime/config";
import { bootFederation, type Federation } from "../helpers/federation";
import { contractOperations, PENDING_OPERATIONS } from "../helpers/contract";
import { execute, send, type GraphQLResponse } from "../helpers/graphql";

let fed: Federation;
let callers: Record<"ENTERPRISE" | "VOLUNTEER" | "APPLICANT", string>;

beforeAll(async () => {
  fed = await bootFederation();
  // An enterprise with demands in the demo data, and a serving volunteer, each its own record.
  const demand = fed.demo.demands[0];
  const volunteer = fed.demo.volunteers.find((v) => v.status === "APPOINTED")!;
  callers = {
    ENTERPRISE: await fed.token("ENTERPRISE", { creditCode: demand.creditCode }),
    VOLUNTEER: await fed.token("VOLUNTEER", { volunteerId: String(volunteer.id) }),
    // A person signed in without a hub role, not appointed: it may only apply for itself.
    APPLICANT: await fed.token("APPLICANT", { sub: "provider|reach-applicant" }),
  };
});
afterAll(() => fed?.stop());

const samples = Object.fromEntries(
  exampleGroups()
    .flatMap((g) => g.examples)
    .map((e) => [e.name, e.variables]),
);
/** The operations meant for each self-service role: they answer it about its own records. */
const OWN: Record<"ENTERPRISE" | "VOLUNTEER" | "APPLICANT", readonly string[]> = {
  ENTERPRISE: ["MyDemands", "RateDemand"],
  VOLUNTEER: ["MyVolunteerRecord", "RequestRecordCorrection"],
  APPLICANT: [],
};
const operations = contractOperations();
const queries = operations.filter((o) => o.definition.operation === OperationTypeNode.QUERY);
const mutations = operations.filter((o) => o.definition.operation === OperationTypeNode.MUTATION);
const codes = (response: GraphQLResponse) =>
  [...new Set((response.errors ?? []).map((e) => e.extensions?.code))].sort();

/** Database rows of every subgraph: what a refused mutation must leave as it was. */
async function rowCounts() {
  const counts: Record<string, number> = {};
  for (const name of SUBGRAPHS) {
    const db = fed.subgraphs[name].db;
    for (const table of db.entityMetadatas.map((m) => m.tableName)) {
      const [row] = await db.query(`SELECT COUNT(*) AS n FROM ${table}`);
      counts[`${name}.${table}`] = Number(row.n);
    }
  }
  return counts;
}

describe.each(["ENTERPRISE", "VOLUNTEER", "APPLICANT"] as const)("signed in as %s", (role) => {
  it.each(queries.map((q) => [q.name, q] as const))(
    "query %s answers what the public gets, and no more",
    async (name, op) => {
      const request = { query: print(op.definition), variables: samples[name] ?? {} };
      const anonymous = await send(fed.gatewayUrl, request);
      const signedIn = await send(fed.gatewayUrl, { ...request, token: callers[role] });
      if (PENDING_OPERATIONS.includes(name)) {
        expect(codes(signedIn)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
        return;
      }
      if (OWN[role].includes(name)) {
        // Its own records: answered without error, and not what the public gets (refused, or null).
        expect(codes(signedIn)).toEqual([]);
        expect(signedIn.data).not.toEqual(anonymous.data);
        return;
      }
      expect(signedIn.data).toEqual(anonymous.data);
      // Where the public is asked to sign in, a signed-in self-service caller is refused.
      for (const code of codes(signedIn)) expect(["FORBIDDEN", "UNAUTHENTICATED"]).toContain(code);
      if (codes(anonymous).includes("UNAUTHENTICATED"))
        expect(codes(signedIn)).toContain("FORBIDDEN");
    },
  );

  it("is refused every mutation of the contract, which writes nothing", async () => {
    const before = await rowCounts();
    for (const op of mutations.filter((m) => !OWN[role].includes(m.name))) {
      const response = await send(fed.gatewayUrl, {
        query: print(op.definition),
        variables: samples[op.name] ?? {},
        token: callers[role],
      });
      const expected = PENDING_OPERATIONS.includes(op.name)
        ? ["GRAPHQL_VALIDATION_FAILED"]
        : ["FORBIDDEN"];
      expect({ name: op.name, codes: codes(response) }).toEqual({ name: op.name, codes: expected });
      expect(Object.values(response.data ?? {}).every((v) => v === null)).toBe(true);
    }
    expect(await rowCounts()).toEqual(before);
  });

  it("sees entities resolved by reference as the public does", async () => {
    const demo = fed.demo;
    const cases = [
      {
        subgraph: "corps" as const,
        type: "Volunteer",
        id: demo.volunteers.find((v) => v.status !== "APPOINTED")!.id,
        fields: "id status",
      },
      {
        subgraph: "districts" as const,
        type: "Station",
        id: demo.stations.find((s) => s.status !== "FILED")!.id,
        fields: "id status",
      },
      {
        subgraph: "platforms" as const,
        type: "Platform",
        id: demo.platforms.find((p) => p.status !== "CERTIFIED")!.id,
        fields: "id status",
      },
      {
        subgraph: "publicity" as const,
        type: "CaseStory",
        id: demo.stories.find((s) => s.status !== "PUBLISHED")!.id,
        fields: "id status",
      },
    ];
    for (const { subgraph, type, id, fields } of cases) {
      const request = {
        query: `query ($r: [_Any!]!) { _entities(representations: $r) { ... on ${type} { ${fields} } } }`,
        variables: { r: [{ __typename: type, id: String(id) }] },
      };
      const url = fed.subgraphs[subgraph].url;
      const staff = await execute<{ _entities: unknown[] }>(
        url,
        await fed.asGateway(subgraph, { ...request, token: await fed.token("CITY_ADMIN") }),
      );
      expect(staff._entities[0]).toMatchObject({ id: String(id) });
      const anonymous = await execute<{ _entities: unknown[] }>(
        url,
        await fed.asGateway(subgraph, request),
      );
      expect(anonymous._entities).toEqual([null]);
      const signedIn = await execute<{ _entities: unknown[] }>(
        url,
        await fed.asGateway(subgraph, { ...request, token: callers[role] }),
      );
      expect({ type, entities: signedIn._entities }).toEqual({ type, entities: [null] });
    }
  });
});
