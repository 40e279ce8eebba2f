// Trainings, periodic evaluations (考评) and commendations (褒奖): recorded by the corps office,
// listed on the volunteer, loaded in batches (one IN query per list, however many volunteers).
import { today } from "../../runtime/dates";
import { bootFederation, type Federation } from "../helpers/federation";
import { execute, executeExpectingError, expectRefusedUnchanged } from "../helpers/graphql";
import { appoint, corpsCounts, register } from "./fixtures";

let fed: Federation;
let admin: string;
beforeAll(async () => {
  fed = await bootFederation();
  admin = await fed.token("CITY_ADMIN");
});
afterAll(() => fed?.stop());

const TRAINING = `mutation ($volunteerId: ID!, $input: TrainingInput!) { recordTraining(volunteerId: $volunteerId, input: $input) { id title provider completedOn hours } }`;
const EVALUATION = `mutation ($volunteerId: ID!, $input: EvaluationInput!) { recordEvaluation(volunteerId: $volunteerId, input: $input) { id period score grade comment } }`;
const COMMENDATION = `mutation ($volunteerId: ID!, $input: CommendationInput!) { recordCommendation(volunteerId: $volunteerId, input: $input) { id title awardedOn awardedBy } }`;
const RECORDS = `query ($id: ID!) { volunteer(id: $id) {
  trainings { title provider completedOn hours }
  evaluations { period score grade comment }
  commendations { title awardedOn awardedBy }
} }`;

/** token: the CITY_ADMIN's unless given; null sends none. */
async function refused(
  query: string,
  variables: Record<string, unknown>,
  code: string,
  token: string | null = admin,
) {
  return expectRefusedUnchanged(
    fed.gatewayUrl,
    { query, variables, token: token ?? undefined },
    code,
    () => corpsCounts(fed),
  );
}

describe("recording", () => {
  it("records a training, evaluations and a commendation and lists them on the volunteer", async () => {
    const { id } = await register(fed);
    await appoint(fed, id);
    const send = (query: string, input: Record<string, unknown>) =>
      execute<Record<string, unknown>>(fed.gatewayUrl, {
        query,
        variables: { volunteerId: id, input },
        token: admin,
      });

    const training = await send(TRAINING, {
      title: "中小企业政策解读培训",
      provider: "市中小企业服务局",
      completedOn: "2025-06-01",
      hours: 3.5,
    });
    expect(training.recordTraining).toMatchObject({
      title: "中小企业政策解读培训",
      completedOn: "2025-06-01",
      hours: 3.5,
    });
    await send(TRAINING, { title: "  线上义诊实务  ", completedOn: today(), hours: 2 });

    const cases: Array<[string, number, string]> = [
      ["2024", 95, "EXCELLENT"],
      ["2025-H1", 80, "GOOD"],
      ["2025-Q3", 60, "PASS"],
      ["2025-Q4", 59, "FAIL"],
    ];
    for (const [period, score, grade] of cases) {
      const data = await send(EVALUATION, { period, score, comment: "服务认真" });
      expect(data.recordEvaluation).toMatchObject({ period, score, grade, comment: "服务认真" });
    }
    await send(COMMENDATION, {
      title: "优秀专家志愿者",
      awardedOn: "2025-12-01",
      awardedBy: "深圳市中小企业服务局",
    });

    const data = await execute<{ volunteer: unknown }>(fed.gatewayUrl, {
      query: RECORDS,
      variables: { id },
      token: admin,
    });
    expect(data.volunteer).toEqual({
      trainings: [
        { title: "线上义诊实务", provider: null, completedOn: today(), hours: 2 },
        {
          title: "中小企业政策解读培训",
          provider: "市中小企业服务局",
          completedOn: "2025-06-01",
          hours: 3.5,
        },
      ],
      evaluations: [
        { period: "2025-Q4", score: 59, grade: "FAIL", comment: "服务认真" },
        { period: "2025-Q3", score: 60, grade: "PASS", comment: "服务认真" },
        { period: "2025-H1", score: 80, grade: "GOOD", comment: "服务认真" },
        { period: "2024", score: 95, grade: "EXCELLENT", comment: "服务认真" },
      ],
      commendations: [
        { title: "优秀专家志愿者", awardedOn: "2025-12-01", awardedBy: "深圳市中小企业服务局" },
      ],
    });
  });

  it("a second evaluation for the same period is a CONFLICT", async () => {
    const { id } = await register(fed);
    await execute(fed.gatewayUrl, {
      query: EVALUATION,
      variables: { volunteerId: id, input: { period: "2025", score: 88 } },
      token: admin,
    });
    const error = await refused(
      EVALUATION,
      { volunteerId: id, input: { period: "2025", score: 70 } },
      "CONFLICT",
    );
    expect(error.message).toMatch(/already has an evaluation for 2025/);
  });

  it.each([
    [EVALUATION, { period: "2025", score: 101 }, /score must be between 0 and 100/],
    [EVALUATION, { period: "2025", score: -1 }, /score must be between 0 and 100/],
    [EVALUATION, { period: "last year", score: 80 }, /period must be a year/],
    [TRAINING, { title: "培训", completedOn: "2025-01-01", hours: 0 }, /hours must be at least/],
    [TRAINING, { title: " ", completedOn: "2025-01-01", hours: 1 }, /title must not be blank/],
    [
      TRAINING,
      { title: "培训", completedOn: "2999-01-01", hours: 1 },
      /completedOn 2999-01-01 is in the future/,
    ],
    [
      COMMENDATION,
      { title: "优秀", awardedOn: "2999-01-01", awardedBy: "市局" },
      /awardedOn 2999-01-01 is in the future/,
    ],
    [
      COMMENDATION,
      { title: "优秀", awardedOn: "2025-01-01", awardedBy: "" },
      /awardedBy must not be blank/,
    ],
  ])("bad input is BAD_USER_INPUT with nothing written (%#)", async (query, input, message) => {
    const error = await refused(query, { volunteerId: "1", input }, "BAD_USER_INPUT");
    expect(error.message).toMatch(message);
  });

  it("an unknown volunteer is NOT_FOUND; other roles are FORBIDDEN, anonymous UNAUTHENTICATED", async () => {
    const input = { title: "优秀", awardedOn: "2025-01-01", awardedBy: "市局" };
    await refused(COMMENDATION, { volunteerId: "999999", input }, "NOT_FOUND");
    await refused(
      COMMENDATION,
      { volunteerId: "1", input },
      "FORBIDDEN",
      await fed.token("DASHBOARD_VIEWER"),
    );
    await refused(COMMENDATION, { volunteerId: "1", input }, "UNAUTHENTICATED", null);
  });

  it("evaluations are for signed-in callers; trainings and commendations are public", async () => {
    // Anonymous callers see serving (APPOINTED) volunteers only.
    const id = fed.demo.volunteers.find((v) => v.status === "APPOINTED")!.id;
    const publicData = await execute<{ volunteer: { trainings: unknown; commendations: unknown } }>(
      fed.gatewayUrl,
      {
        query: `{ volunteer(id: "${id}") { trainings { title } commendations { title } } }`,
      },
    );
    expect(
      Array.isArray(publicData.volunteer.trainings) &&
        Array.isArray(publicData.volunteer.commendations),
    ).toBe(true);
    await executeExpectingError(
      fed.gatewayUrl,
      { query: `{ volunteer(id: "${id}") { evaluations { score } } }` },
      "UNAUTHENTICATED",
    );
  });
});

describe("batching", () => {
  const ENTITIES = `query ($representations: [_Any!]!) { _entities(representations: $representations) {
    ... on Volunteer { id history { toStatus } trainings { title } evaluations { score } commendations { title } certificates { number } transfers { reason } }
  } }`;

  async function statementsFor(ids: number[]) {
    const before = fed.subgraphs.corps.queryCount();
    const data = await execute<{ _entities: unknown[] }>(
      fed.subgraphs.corps.url,
      await fed.asGateway("corps", {
        query: ENTITIES,
        variables: {
          representations: ids.map((id) => ({ __typename: "Volunteer", id: String(id) })),
        },
        token: admin,
      }),
    );
    expect(data._entities).toHaveLength(ids.length);
    return fed.subgraphs.corps.queryCount() - before;
  }

  it("the volunteer's lists cost one query each, for 2 volunteers as for 50", async () => {
    const two = await statementsFor([1, 2]);
    const fifty = await statementsFor(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(two).toBe(7); // the volunteers, then one IN query per list
    expect(fifty).toBe(two);
  });
});
