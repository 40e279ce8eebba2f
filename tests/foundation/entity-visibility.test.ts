// Entity lookups apply the visibility rules of the root queries (issue 17, item 2): whoever asks
// for a Volunteer, an Activity or a Station by reference (the gateway resolving a story's or a
// platform's references, or _entities) sees what the root query would show the same caller. An
// anonymous caller sees appointed (serving) volunteers only, as volunteer(id) shows them; a
// hidden entity resolves to null.
import { bootFederation, type Federation } from "../helpers/federation";
import { execute, send } from "../helpers/graphql";

let fed: Federation;
beforeAll(async () => {
  fed = await bootFederation();
});
afterAll(() => fed?.stop());

const FIELDS = {
  corps: "... on Volunteer { id name status }",
  districts: "... on Activity { id title } ... on Station { id status }",
};

/** _entities straight at a subgraph, as the gateway sends it: anonymous unless a token is given. */
async function entities(subgraph: keyof typeof FIELDS, reps: object[], token?: string) {
  const data = await execute<{ _entities: unknown[] }>(
    fed.subgraphs[subgraph].url,
    await fed.asGateway(subgraph, {
      query: `query ($representations: [_Any!]!) { _entities(representations: $representations) { ${FIELDS[subgraph]} } }`,
      variables: { representations: reps },
      token,
    }),
  );
  return data._entities;
}

const volunteerOf = (status: string) => fed.demo.volunteers.find((v) => v.status === status)!;

describe("Volunteer references (corps)", () => {
  it("show anonymous callers appointed volunteers only, like volunteer(id)", async () => {
    const ids = ["APPOINTED", "APPLIED", "SUSPENDED", "WITHDRAWN"].map((s) =>
      String(volunteerOf(s).id),
    );
    const reps = ids.map((id) => ({ __typename: "Volunteer", id }));
    expect(await entities("corps", reps)).toEqual([
      { id: ids[0], name: volunteerOf("APPOINTED").name, status: "APPOINTED" },
      null,
      null,
      null,
    ]);
    // The root query agrees, id by id.
    for (const [i, id] of ids.entries()) {
      const data = await execute<{ volunteer: unknown }>(fed.gatewayUrl, {
        query: `query ($id: ID!) { volunteer(id: $id) { id } }`,
        variables: { id },
      });
      expect(data.volunteer === null).toBe(i > 0);
    }
  });

  it("show signed-in callers every volunteer, as the root query does", async () => {
    const reps = ["SUSPENDED", "WITHDRAWN"].map((s) => ({
      __typename: "Volunteer",
      id: String(volunteerOf(s).id),
    }));
    const result = await entities("corps", reps, await fed.token("DASHBOARD_VIEWER"));
    expect(result.map((v: any) => v.status)).toEqual(["SUSPENDED", "WITHDRAWN"]);
  });

  it("resolve ids that name no row to null instead of failing", async () => {
    const reps = ["abc", "99999999", "-1"].map((id) => ({ __typename: "Volunteer", id }));
    expect(await entities("corps", reps)).toEqual([null, null, null]);
  });

  it("keep a suspended volunteer's name and status out of a published story's answer", async () => {
    // A volunteer of a published story, suspended now.
    const story = fed.demo.stories.find((s) => s.status === "PUBLISHED" && s.volunteerIds.length)!;
    const volunteer = fed.demo.volunteers[story.volunteerIds[0] - 1];
    await execute(fed.gatewayUrl, {
      query: `mutation ($id: ID!) { suspendVolunteer(id: $id, reason: "探针测试") { status } }`,
      variables: { id: String(volunteer.id) },
      token: await fed.token("CITY_ADMIN"),
    });
    const response = await send(fed.gatewayUrl, {
      query: `{ caseStories(first: 50) { nodes { id volunteers { id name status } } } }`,
    });
    // corps resolves the volunteer to null for an anonymous caller. Until publicity lets
    // CaseStory.volunteers hold null items ([Volunteer]!), the gateway nulls the answer above it;
    // either way, nothing of the suspended volunteer reaches the public.
    const text = JSON.stringify(response.data ?? null);
    expect(text).not.toContain("SUSPENDED");
    expect(text).not.toContain("WITHDRAWN");
    expect(text).not.toContain(`"name":"${volunteer.name}"`);
    // Signed in, the story still lists the volunteer as suspended.
    const admin = await execute<{
      caseStories: { nodes: Array<{ id: string; volunteers: unknown[] }> };
    }>(fed.gatewayUrl, {
      query: `{ caseStories(first: 50) { nodes { id volunteers { id status } } } }`,
      token: await fed.token("PUBLICITY_EDITOR"),
    });
    const node = admin.caseStories.nodes.find((n) => n.id === String(story.id))!;
    expect(node.volunteers).toContainEqual({ id: String(volunteer.id), status: "SUSPENDED" });
  });
});

describe("Activity, Station and District references (districts)", () => {
  it("resolve ids that name no row to null instead of failing", async () => {
    const reps = [
      { __typename: "Activity", id: "abc" },
      { __typename: "Activity", id: "99999999" },
      { __typename: "Station", id: "1.5" },
    ];
    expect(await entities("districts", reps)).toEqual([null, null, null]);
  });

  it("hide a station that is not filed from anonymous callers, as the station list does", async () => {
    const unfiled = fed.demo.stations.find((s) => s.status !== "FILED")!;
    const filed = fed.demo.stations.find((s) => s.status === "FILED")!;
    const reps = [unfiled, filed].map((s) => ({ __typename: "Station", id: String(s.id) }));
    expect(await entities("districts", reps)).toEqual([
      null,
      { id: String(filed.id), status: "FILED" },
    ]);
  });
});
