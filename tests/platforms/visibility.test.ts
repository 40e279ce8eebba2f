// Who sees which platform, on every path (issue #17 item 2): signed-in callers see every platform;
// anonymous callers (the public reading a published story) see CERTIFIED platforms only, whether
// they ask by id, reach one by entity reference (_entities, as the gateway does for a story's
// platforms) or through a volunteer's mentoring; the list itself needs a signed-in caller.
import { bootFederation, type Federation } from "../helpers/federation";
import { contractOperation, execute, executeExpectingError } from "../helpers/graphql";
import { platformIn } from "./fixtures";

let fed: Federation;
let ids: Record<string, string>;
beforeAll(async () => {
  fed = await bootFederation();
  ids = {};
  for (const status of ["APPLIED", "CERTIFIED", "REJECTED", "REVOKED"] as const)
    ids[status] = await platformIn(fed, status);
});
afterAll(() => fed?.stop());

const ENTITIES = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Platform { id status } } }`;
const BY_ID = `query ($id: ID!) { platform(id: $id) { id status } }`;

describe("anonymous callers", () => {
  it("see a CERTIFIED platform by id, and null for every other status", async () => {
    for (const [status, id] of Object.entries(ids)) {
      const data = await execute<{ platform: unknown }>(fed.gatewayUrl, {
        query: BY_ID,
        variables: { id },
      });
      expect(data.platform).toEqual(status === "CERTIFIED" ? { id, status } : null);
    }
  });

  it("get null for a hidden platform reached by entity reference, as a story's platforms are", async () => {
    const representations = Object.values(ids).map((id) => ({ __typename: "Platform", id }));
    const data = await execute<{ _entities: unknown[] }>(
      fed.subgraphs.platforms.url,
      await fed.asGateway("platforms", {
        query: ENTITIES,
        variables: { representations },
      }),
    );
    expect(data._entities).toEqual([null, { id: ids.CERTIFIED, status: "CERTIFIED" }, null, null]);
  });

  it("read a published story's certified platforms through the gateway", async () => {
    const story = fed.demo.stories.find((s) => s.status === "PUBLISHED" && s.platformIds.length)!;
    const data = await execute<{
      caseStories: { nodes: Array<{ id: string; platforms: unknown }> };
    }>(fed.gatewayUrl, {
      query: `{ caseStories(first: 50) { nodes { id platforms { id status name } } } }`,
    });
    const node = data.caseStories.nodes.find((n) => n.id === String(story.id))!;
    expect(node.platforms).toEqual(
      story.platformIds.map((id) => ({
        id: String(id),
        status: "CERTIFIED",
        name: fed.demo.platforms[id - 1].name,
      })),
    );
  });

  it("cannot list platforms, nor look them up in bulk", async () => {
    await executeExpectingError(
      fed.gatewayUrl,
      { query: contractOperation("Platforms"), variables: {} },
      "UNAUTHENTICATED",
    );
    await executeExpectingError(
      fed.gatewayUrl,
      { query: `{ platformsByIds(ids: ["1"]) { id } }` },
      "UNAUTHENTICATED",
    );
  });
});

describe("signed-in callers", () => {
  it.each([
    ["CITY_ADMIN", {}],
    ["DASHBOARD_VIEWER", {}],
    ["PUBLICITY_EDITOR", {}],
    ["DISTRICT_OPERATOR", { district: "440303" }],
    ["PLATFORM_OPERATOR", { platform: "1" }],
  ] as const)("%s sees every status on every path", async (role, extra) => {
    const token = await fed.token(role, extra);
    const all = Object.values(ids);
    for (const id of all) {
      const data = await execute<{ platform: { id: string } | null }>(fed.gatewayUrl, {
        query: BY_ID,
        variables: { id },
        token,
      });
      expect(data.platform?.id).toBe(id);
    }
    const entities = await execute<{ _entities: Array<{ id: string }> }>(
      fed.subgraphs.platforms.url,
      await fed.asGateway("platforms", {
        query: ENTITIES,
        variables: { representations: all.map((id) => ({ __typename: "Platform", id })) },
        token,
      }),
    );
    expect(entities._entities.map((e) => e.id)).toEqual(all);
    const lookup = await execute<{ platformsByIds: Array<{ id: string }> }>(fed.gatewayUrl, {
      query: `query ($ids: [ID!]!) { platformsByIds(ids: $ids) { id } }`,
      variables: { ids: all },
      token,
    });
    expect(lookup.platformsByIds.map((p) => p.id)).toEqual(all);
  });
});
