// Entity references that read only a card's columns (a page of stories asks its volunteers' names,
// its stations' names and districts, its activities' titles and days): a reference reads fewer
// columns only when every field asked is answered from them, and answers exactly what the whole
// row answers. Asked for any other field (directly, in a fragment, under @include), it reads the
// whole row, and that field's value is the root lookup's.
import { bootFederation, type Federation } from "../helpers/federation";
import { execute } from "../helpers/graphql";

let fed: Federation;
let admin: string;
beforeAll(async () => {
  fed = await bootFederation();
  admin = await fed.token("CITY_ADMIN");
});
afterAll(() => fed?.stop());

type Subgraph = "corps" | "districts";

/** _entities straight at a subgraph, as the gateway sends it. */
async function entities(
  subgraph: Subgraph,
  selection: string,
  reps: object[],
  options: { token?: string; fragments?: string; variables?: object } = {},
) {
  const data = await execute<{ _entities: Array<Record<string, unknown> | null> }>(
    fed.subgraphs[subgraph].url,
    await fed.asGateway(subgraph, {
      query: `query ($representations: [_Any!]!${selection.includes("$more") ? ", $more: Boolean!" : ""}) { _entities(representations: $representations) { ${selection} } } ${options.fragments ?? ""}`,
      variables: { representations: reps, ...options.variables },
      token: options.token,
    }),
  );
  return data._entities;
}

/** The answer's values of `fields` only (null stays null). */
const pick = (rows: Array<Record<string, unknown> | null>, fields: string[]) =>
  rows.map((row) => row && Object.fromEntries(fields.map((f) => [f, row[f]])));

describe("Volunteer references (corps)", () => {
  const reps = () =>
    fed.demo.volunteers.slice(0, 40).map((v) => ({ __typename: "Volunteer", id: String(v.id) }));
  const CARD = ["id", "name", "expertType", "categories", "status"];
  const MORE = "letterNumber appointedOn profile listedInDirectory retired employer";

  it("answer a card as the whole row answers it, anonymous (withdrawn: null) and signed in", async () => {
    for (const token of [undefined, admin]) {
      const card = await entities("corps", `... on Volunteer { ${CARD.join(" ")} }`, reps(), {
        token,
      });
      const whole = await entities(
        "corps",
        `... on Volunteer { ${CARD.join(" ")} ${MORE} }`,
        reps(),
        {
          token,
        },
      );
      expect(card).toEqual(pick(whole, CARD));
      expect(card.some((v) => v === null)).toBe(!token);
      expect(card.some((v) => v !== null)).toBe(true);
    }
  });

  it("read the whole row when another field is asked, directly, in a fragment or under @include", async () => {
    const ids = reps().map((r) => r.id);
    const root = await execute<{ volunteersByIds: Array<Record<string, unknown> | null> }>(
      fed.gatewayUrl,
      {
        query: `query ($ids: [ID!]!) { volunteersByIds(ids: $ids) { id ${MORE} } }`,
        variables: { ids },
        token: admin,
      },
    );
    const expected = pick(root.volunteersByIds, MORE.split(" "));
    expect(expected.some((v) => v?.letterNumber)).toBe(true);
    const asked = [
      { selection: `... on Volunteer { name ${MORE} }` },
      {
        selection: `... on Volunteer { name ...More }`,
        fragments: `fragment More on Volunteer { ${MORE} }`,
      },
      {
        selection: `... on Volunteer { name ... @include(if: $more) { ${MORE} } }`,
        variables: { more: true },
      },
    ];
    for (const { selection, ...options } of asked) {
      const answer = await entities("corps", selection, reps(), { token: admin, ...options });
      expect(pick(answer, MORE.split(" "))).toEqual(expected);
    }
  });
});

describe("Station and Activity references (districts)", () => {
  const stationReps = () =>
    fed.demo.stations.slice(0, 40).map((s) => ({ __typename: "Station", id: String(s.id) }));
  const activityReps = () =>
    fed.demo.activities.slice(0, 40).map((a) => ({ __typename: "Activity", id: String(a.id) }));

  it("answer a card as the whole row answers it, anonymous (not filed: null) and signed in", async () => {
    for (const token of [undefined, admin]) {
      const card = await entities(
        "districts",
        `... on Station { id name status district { name } }`,
        stationReps(),
        { token },
      );
      const whole = await entities(
        "districts",
        `... on Station { id name status district { name } address venue }`,
        stationReps(),
        { token },
      );
      expect(card).toEqual(pick(whole, ["id", "name", "status", "district"]));
      expect(card.some((s) => s === null)).toBe(!token);
      const activities = await entities(
        "districts",
        `... on Activity { id title heldOn type category district { code } station { id } }`,
        activityReps(),
        { token },
      );
      const wholeActivities = await entities(
        "districts",
        `... on Activity { id title heldOn type category district { code } station { id } enterprisesServed online }`,
        activityReps(),
        { token },
      );
      expect(activities).toEqual(
        pick(wholeActivities, ["id", "title", "heldOn", "type", "category", "district", "station"]),
      );
      expect(activities.some((a) => a?.station)).toBe(true);
    }
  });

  it("read the whole row when another field is asked", async () => {
    const ids = stationReps().map((r) => r.id);
    const root = await execute<{ stationsByIds: Array<Record<string, unknown> | null> }>(
      fed.gatewayUrl,
      {
        query: `query ($ids: [ID!]!) { stationsByIds(ids: $ids) { id address venue externalId } }`,
        variables: { ids },
        token: admin,
      },
    );
    const stations = await entities("districts", `... on Station { name ...More }`, stationReps(), {
      token: admin,
      fragments: `fragment More on Station { id address venue externalId }`,
    });
    expect(pick(stations, ["id", "address", "venue", "externalId"])).toEqual(root.stationsByIds);
    const activityIds = activityReps().map((r) => r.id);
    const rootActivities = await execute<{
      activitiesByIds: Array<Record<string, unknown> | null>;
    }>(fed.gatewayUrl, {
      query: `query ($ids: [ID!]!) { activitiesByIds(ids: $ids) { id enterprisesServed online externalId } }`,
      variables: { ids: activityIds },
      token: admin,
    });
    const activities = await entities(
      "districts",
      `... on Activity { title ... @include(if: $more) { id enterprisesServed online externalId } }`,
      activityReps(),
      {
        token: admin,
        variables: { more: true },
      },
    );
    expect(pick(activities, ["id", "enterprisesServed", "online", "externalId"])).toEqual(
      rootActivities.activitiesByIds,
    );
  });
});
