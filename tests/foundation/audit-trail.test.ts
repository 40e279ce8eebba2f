// docs/domain.md rule 8 through the gateway: every change a request makes leaves an audit event
// with the caller's role and the request's id (the x-request-id the gateway answered with), in
// whichever subgraph it lands; a batch publish records its events in a bounded number of
// statements; a refused change writes no event.
import { daysFromToday } from "../../runtime/dates";
import { creditCodeCheckChar } from "../../subgraphs/shared/validation/credit-code";
import { bootFederation, type Federation } from "../helpers/federation";
import { contractOperation, send, type Request } from "../helpers/graphql";

type Histories<K extends string> = Record<K, Array<{ history: unknown[] }>>;
type Published = { publishDemands: { created: number; updated: number } };

let fed: Federation;
let admin: string;
let operator: string;
beforeAll(async () => {
  fed = await bootFederation();
  admin = await fed.token("CITY_ADMIN");
  operator = await fed.token("DISTRICT_OPERATOR", { district: DISTRICT });
});
afterAll(() => fed?.stop());

const DISTRICT = "440308";
let serial = 0;
/** A request id of this test (what a client may send as x-request-id). */
const requestId = (what: string) => `audit-${what}-${++serial}-${process.pid}`;

/** Sends one request with its own id; checks the gateway answered with that id; returns data. */
async function run<T>(request: Request, id = requestId("run")) {
  const response = await send<T>(fed.gatewayUrl, {
    ...request,
    headers: { ...request.headers, "x-request-id": id },
  });
  expect(response.headers.get("x-request-id")).toBe(id);
  if (response.errors?.length || !response.data)
    throw new Error(`${request.query}\n${JSON.stringify(response.errors)}`);
  return response.data;
}

const EVENT = "action fromStatus toStatus actor actorRole comment requestId";
const stationRow = (n: number) => ({
  externalId: `AUDIT-ST-${n}`,
  name: `审计测试工作站${n}号`,
  hostType: "SME_PARK",
  address: `深圳市盐田区审计路${n}号`,
  categories: ["POLICY"],
});

async function stationId(externalId: string): Promise<string> {
  const [row] = await fed.subgraphs.districts.db.query(
    "SELECT id FROM station WHERE districtCode = ? AND externalId = ?",
    [DISTRICT, externalId],
  );
  return String(row.id);
}

async function publishStation(n: number, id: string) {
  await run(
    {
      query: contractOperation("PublishStations"),
      variables: { districtCode: DISTRICT, stations: [stationRow(n)] },
      token: operator,
    },
    id,
  );
  return stationId(`AUDIT-ST-${n}`);
}

const review = (id: string, decision: string, token = admin) => ({
  query: `mutation ($id: ID!, $decision: ReviewDecision!) { reviewStation(id: $id, decision: $decision, comment: "审核意见") { status } }`,
  variables: { id, decision },
  token,
});

describe("station events", () => {
  it("carry the request's id and the caller's role, for the publication and each review", async () => {
    const published = requestId("publish-station");
    const id = await publishStation(1, published);
    const accepted = requestId("review");
    const { reviewStation } = await run<{ reviewStation: { status: string } }>(
      review(id, "ACCEPT", operator),
      accepted,
    );
    expect(reviewStation.status).toBe("UNDER_REVIEW");
    const { stationsByIds } = await run<Histories<"stationsByIds">>({
      query: `query ($ids: [ID!]!) { stationsByIds(ids: $ids) { history { ${EVENT} } } }`,
      variables: { ids: [id] },
      token: admin,
    });
    expect(stationsByIds[0].history).toEqual([
      {
        action: "PUBLISH",
        fromStatus: null,
        toStatus: "SUBMITTED",
        actor: "test-district_operator",
        actorRole: "DISTRICT_OPERATOR",
        comment: "published",
        requestId: published,
      },
      {
        action: "ACCEPT",
        fromStatus: "SUBMITTED",
        toStatus: "UNDER_REVIEW",
        actor: "test-district_operator",
        actorRole: "DISTRICT_OPERATOR",
        comment: "审核意见",
        requestId: accepted,
      },
    ]);
  });

  it("show the request id to CITY_ADMIN only; other readers see the role", async () => {
    const id = await publishStation(2, requestId("publish-station"));
    const ask = (fields: string) =>
      send<Histories<"stationsByIds">>(fed.gatewayUrl, {
        query: `query ($ids: [ID!]!) { stationsByIds(ids: $ids) { history { ${fields} } } }`,
        variables: { ids: [id] },
        token: operator,
      });
    const refused = await ask("action requestId");
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const allowed = await ask("action actorRole");
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data!.stationsByIds[0].history).toEqual([
      { action: "PUBLISH", actorRole: "DISTRICT_OPERATOR" },
    ]);
  });

  it("a refused review (illegal, or racing another) is CONFLICT and writes no event", async () => {
    const id = await publishStation(3, requestId("publish-station"));
    const responses = await Promise.all(
      [1, 2, 3].map(() =>
        send<{ reviewStation: { status: string } }>(fed.gatewayUrl, review(id, "ACCEPT")),
      ),
    );
    expect(responses.filter((r) => r.data?.reviewStation?.status === "UNDER_REVIEW")).toHaveLength(
      1,
    );
    for (const refused of responses.filter((r) => r.errors))
      expect(refused.errors![0].extensions).toMatchObject({ code: "CONFLICT" });
    const illegal = await send(fed.gatewayUrl, review(id, "REVOKE"));
    expect(illegal.errors![0].extensions).toMatchObject({
      code: "CONFLICT",
      currentStatus: "UNDER_REVIEW",
      legalMoves: ["REJECT", "FILE"],
    });
    const [row] = await fed.subgraphs.districts.db.query(
      "SELECT COUNT(*) AS n FROM station_event WHERE stationId = ?",
      [Number(id)],
    );
    expect(Number(row.n)).toBe(2); // PUBLISH and one ACCEPT
  });
});

describe("demand events", () => {
  const code = (body: string) => body + creditCodeCheckChar(body);
  const demand = (n: number, extra: Record<string, unknown> = {}) => ({
    externalId: `AUDIT-DM-${n}`,
    stationExternalId: "AUDIT-ST-10",
    enterpriseName: `深圳市审计测试企业${n}有限公司`,
    creditCode: code(`91440300MA5G${String(n).padStart(5, "0")}`),
    category: "FINANCING",
    description: "需要对接银行贷款",
    collectedOn: "2025-03-01",
    ...extra,
  });
  const statements = async <T>(request: Request, id: string) => {
    const before = fed.subgraphs.districts.queryCount();
    const data = await run<T>(request, id);
    return { data, statements: fed.subgraphs.districts.queryCount() - before };
  };
  const publish = (rows: unknown[], id: string) =>
    statements<Published>(
      {
        query: contractOperation("PublishDemands"),
        variables: { districtCode: DISTRICT, demands: rows },
        token: operator,
      },
      id,
    );

  beforeAll(async () => {
    const id = await publishStation(10, requestId("publish-station"));
    for (const decision of ["ACCEPT", "FILE"]) await run(review(id, decision));
  });

  it("publishDemands records every status it sets, the creation included, with the request's id", async () => {
    const created = requestId("publish-demands");
    await publish([demand(1), demand(2, { status: "IN_SERVICE" })], created);
    const moved = requestId("publish-demands");
    const again = await publish(
      [demand(1, { status: "MATCHED" }), demand(2, { status: "IN_SERVICE" })],
      moved,
    );
    expect(again.data.publishDemands).toMatchObject({ updated: 1, unchanged: 1 });
    const { demandByExternalId } = await run<{ demandByExternalId: unknown }>({
      query: `query ($d: ID!, $e: String!) { demandByExternalId(districtCode: $d, externalId: $e) { status history { ${EVENT} } } }`,
      variables: { d: DISTRICT, e: "AUDIT-DM-1" },
      token: admin,
    });
    expect(demandByExternalId).toEqual({
      status: "MATCHED",
      history: [
        {
          action: "PUBLISH",
          fromStatus: null,
          toStatus: "OPEN",
          actor: "test-district_operator",
          actorRole: "DISTRICT_OPERATOR",
          comment: "published",
          requestId: created,
        },
        {
          action: "UPDATE",
          fromStatus: "OPEN",
          toStatus: "MATCHED",
          actor: "test-district_operator",
          actorRole: "DISTRICT_OPERATOR",
          comment: "published again as MATCHED",
          requestId: moved,
        },
      ],
    });
    const [row] = await fed.subgraphs.districts.db.query(
      "SELECT COUNT(*) AS n FROM demand_event WHERE requestId = ?",
      [moved],
    );
    expect(Number(row.n)).toBe(1); // the unchanged row leaves none
  });

  it("records a batch's events in a bounded number of statements: 300 rows cost what 10 do", async () => {
    const rows = (from: number, n: number, extra = {}) =>
      Array.from({ length: n }, (_, i) => demand(from + i, extra));
    const small = await publish(rows(100, 10), requestId("create-10"));
    const big = await publish(rows(200, 300), requestId("create-300"));
    expect(big.data.publishDemands.created).toBe(300);
    expect(big.statements).toBe(small.statements);
    // A status change is one UPDATE per row (conditional on the status read), as before; its
    // events add no statement per row.
    const smallMove = await publish(rows(100, 10, { status: "IN_SERVICE" }), requestId("move-10"));
    const bigMoveId = requestId("move-300");
    const bigMove = await publish(rows(200, 300, { status: "IN_SERVICE" }), bigMoveId);
    expect(bigMove.data.publishDemands.updated).toBe(300);
    expect(bigMove.statements - 300).toBe(smallMove.statements - 10);
    const [row] = await fed.subgraphs.districts.db.query(
      "SELECT COUNT(*) AS n FROM demand_event WHERE requestId = ? AND action = 'UPDATE' AND toStatus = 'IN_SERVICE' AND actorRole = 'DISTRICT_OPERATOR'",
      [bigMoveId],
    );
    expect(Number(row.n)).toBe(300);
  });
});

describe("activity events", () => {
  it("publishActivities records each activity it creates or changes", async () => {
    const volunteer = fed.demo.volunteers.find((v) => v.status === "APPOINTED")!;
    const activity = (extra: Record<string, unknown> = {}) => ({
      externalId: "AUDIT-AC-1",
      type: "ONLINE_CLINIC",
      category: "FINANCING",
      title: "融资线上义诊",
      heldOn: daysFromToday(-1),
      feeCharged: 0,
      enterprisesServed: 3,
      participants: [{ volunteerId: String(volunteer.id), hours: 2 }],
      ...extra,
    });
    const publish = (row: unknown, id: string) =>
      run(
        {
          query: contractOperation("PublishActivities"),
          variables: { districtCode: DISTRICT, activities: [row] },
          token: operator,
        },
        id,
      );
    const created = requestId("publish-activity");
    await publish(activity(), created);
    const changed = requestId("publish-activity");
    await publish(activity({ enterprisesServed: 5, title: "融资线上义诊（第二期）" }), changed);
    await publish(activity({ enterprisesServed: 5, title: "融资线上义诊（第二期）" }), "same");
    const [{ id }] = await fed.subgraphs.districts.db.query(
      "SELECT id FROM activity WHERE districtCode = ? AND externalId = 'AUDIT-AC-1'",
      [DISTRICT],
    );
    const { activitiesByIds } = await run<Histories<"activitiesByIds">>({
      query: `query ($ids: [ID!]!) { activitiesByIds(ids: $ids) { history { action actorRole comment requestId } } }`,
      variables: { ids: [String(id)] },
      token: admin,
    });
    expect(activitiesByIds[0].history).toEqual([
      {
        action: "PUBLISH",
        actorRole: "DISTRICT_OPERATOR",
        comment: "published",
        requestId: created,
      },
      {
        action: "UPDATE",
        actorRole: "DISTRICT_OPERATOR",
        comment: "changed title, enterprisesServed",
        requestId: changed,
      },
    ]);
  });
});

describe("corps events", () => {
  it("issueCertificate keeps the issue in the volunteer's history, with the request's id", async () => {
    const served = new Set(
      fed.demo.activities.flatMap((a) => a.participants.map((p) => p.volunteerId)),
    );
    const volunteer = fed.demo.volunteers.find(
      (v) => v.status === "APPOINTED" && served.has(v.id),
    )!;
    const issued = requestId("certificate");
    const { issueCertificate } = await run<{ issueCertificate: { number: string } }>(
      {
        query: contractOperation("IssueCertificate"),
        variables: { volunteerId: String(volunteer.id) },
        token: admin,
      },
      issued,
    );
    const { volunteer: read } = await run<{ volunteer: { history: unknown[] } }>({
      query: `query ($id: ID!) { volunteer(id: $id) { history { ${EVENT} } } }`,
      variables: { id: String(volunteer.id) },
      token: admin,
    });
    expect(read.history.at(-1)).toEqual({
      action: "ISSUE_CERTIFICATE",
      fromStatus: "APPOINTED",
      toStatus: "APPOINTED",
      actor: "test-city_admin",
      actorRole: "CITY_ADMIN",
      comment: expect.stringContaining(`service certificate ${issueCertificate.number}`),
      requestId: issued,
    });
  });

  it("one request's writes in two subgraphs carry its one id: a course withdrawn and a station reviewed", async () => {
    const expert = fed.demo.volunteers.find((v) => v.status === "APPOINTED")!;
    const { publishCourse } = await run<{ publishCourse: { id: string } }>({
      query: `mutation ($input: CourseInput!) { publishCourse(input: $input) { id } }`,
      variables: {
        input: {
          title: "审计测试课程",
          category: "FINANCING",
          volunteerId: String(expert.id),
          url: "https://video.example.cn/courses/audit",
          durationMinutes: 10,
        },
      },
      token: admin,
    });
    const station = await publishStation(20, requestId("publish-station"));
    const both = requestId("two-subgraphs");
    const data = await run<{
      withdrawCourse: { history: unknown[] };
      reviewStation: { history: unknown[] };
    }>(
      {
        query: `mutation ($course: ID!, $station: ID!) {
          withdrawCourse(id: $course, reason: "内容需要更新") { status history { action fromStatus toStatus actorRole comment requestId } }
          reviewStation(id: $station, decision: REJECT) { status history { action requestId } }
        }`,
        variables: { course: publishCourse.id, station },
        token: admin,
      },
      both,
    );
    expect(data.withdrawCourse.history).toEqual([
      expect.objectContaining({ action: "PUBLISH", toStatus: "ACTIVE" }),
      {
        action: "WITHDRAW",
        fromStatus: "ACTIVE",
        toStatus: "WITHDRAWN",
        actorRole: "CITY_ADMIN",
        comment: "内容需要更新",
        requestId: both,
      },
    ]);
    expect(data.reviewStation.history.at(-1)).toEqual({ action: "REJECT", requestId: both });
  });
});
