// Public-service plans (公益服务计划): proposed by the platform's operator or CITY_ADMIN, filed or
// rejected by CITY_ADMIN with an audit trail, listed per platform, category and period. Performance
// reviews (绩效考评): one graded score per platform and year by CITY_ADMIN; latest score and trend.
import { today } from "../../runtime/dates";
import { bootFederation, type Federation } from "../helpers/federation";
import {
  execute,
  executeExpectingError,
  expectRefusedUnchanged,
  type Request,
} from "../helpers/graphql";
import { PlatformEvent } from "../../subgraphs/platforms/entities/platform-event.entity";
import { PlatformAction } from "../../subgraphs/platforms/vocabulary";
import { applied, platformIn, platformsState } from "./fixtures";

type Plan = { id: string; category: string; period: string };
type Plans = {
  servicePlans: { totalCount: number; pageInfo: { endCursor: string }; nodes: Plan[] };
};

let fed: Federation;
let admin: string;
beforeAll(async () => {
  fed = await bootFederation();
  admin = await fed.token("CITY_ADMIN", { sub: "city-reviewer" });
});
afterAll(() => fed?.stop());

const PROPOSE = `mutation ($platformId: ID!, $input: ServicePlanInput!) { proposeServicePlan(platformId: $platformId, input: $input) { id title category period proposer description status platform { id } history { actor fromStatus toStatus comment } } }`;
const FILE = `mutation ($id: ID!, $comment: String) { fileServicePlan(id: $id, comment: $comment) { id status history { actor fromStatus toStatus comment } } }`;
const REJECT = `mutation ($id: ID!, $reason: String!) { rejectServicePlan(id: $id, reason: $reason) { id status history { actor fromStatus toStatus comment } } }`;
const PLANS = `query ($platformId: ID, $category: ServiceCategory, $period: String, $status: PlanStatus, $first: Int, $after: String) {
  servicePlans(platformId: $platformId, category: $category, period: $period, status: $status, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { id category period status platform { id } } } }`;
const REVIEW = `mutation ($platformId: ID!, $input: PerformanceReviewInput!) { recordPerformanceReview(platformId: $platformId, input: $input) { id period score grade comment actor } }`;
const TREND = `query ($id: ID!) { platform(id: $id) { latestReview { period score grade } scoreChange performanceReviews { period score grade } servicePlans { id period } } }`;

const thisYear = Number(today().slice(0, 4));
const grade = (score: number) =>
  score >= 90 ? "EXCELLENT" : score >= 75 ? "GOOD" : score >= 60 ? "PASS" : "FAIL";

const refused = (request: Request, code: string) =>
  expectRefusedUnchanged(fed.gatewayUrl, request, code, () => platformsState(fed));

const plan = (extra: Record<string, unknown> = {}) => ({
  title: "创业导师一对一辅导",
  category: "STARTUP",
  period: String(thisYear),
  proposer: "深圳市测试园区运营有限公司",
  description: "每月一次，面向园区初创企业，免费。",
  ...extra,
});

async function propose(platformId: string, token = admin, extra: Record<string, unknown> = {}) {
  return (
    await execute<{ proposeServicePlan: { id: string } }>(fed.gatewayUrl, {
      query: PROPOSE,
      variables: { platformId, input: plan(extra) },
      token,
    })
  ).proposeServicePlan;
}

describe("public-service plans", () => {
  it("the platform's operator proposes, the city files; each step audited", async () => {
    const id = await platformIn(fed, "CERTIFIED");
    const operator = await fed.token("PLATFORM_OPERATOR", { platform: id, sub: "op-plan" });
    const proposed = await propose(id, operator);
    expect(proposed).toEqual({
      id: expect.any(String),
      ...plan(),
      status: "PROPOSED",
      platform: { id },
      history: [{ actor: "op-plan", fromStatus: null, toStatus: "PROPOSED", comment: null }],
    });
    const filed = await execute<{ fileServicePlan: unknown }>(fed.gatewayUrl, {
      query: FILE,
      variables: { id: proposed.id, comment: "同意备案" },
      token: admin,
    });
    expect(filed.fileServicePlan).toEqual({
      id: proposed.id,
      status: "FILED",
      history: [
        { actor: "op-plan", fromStatus: null, toStatus: "PROPOSED", comment: null },
        { actor: "city-reviewer", fromStatus: "PROPOSED", toStatus: "FILED", comment: "同意备案" },
      ],
    });
    // A decided plan is decided: filing or rejecting it again is CONFLICT.
    const again = await refused(
      { query: REJECT, variables: { id: proposed.id, reason: "重复" }, token: admin },
      "CONFLICT",
    );
    expect(again.message).toContain(`cannot reject plan ${proposed.id}: it is FILED`);
  });

  it("CITY_ADMIN proposes too, and rejects with a reason", async () => {
    const id = await applied(fed);
    const proposed = await propose(id);
    await refused(
      { query: REJECT, variables: { id: proposed.id, reason: " " }, token: admin },
      "BAD_USER_INPUT",
    );
    const rejected = await execute<{
      rejectServicePlan: { status: string; history: Array<{ comment: string | null }> };
    }>(fed.gatewayUrl, {
      query: REJECT,
      variables: { id: proposed.id, reason: "收费项目不属于公益服务" },
      token: admin,
    });
    expect(rejected.rejectServicePlan.status).toBe("REJECTED");
    expect(rejected.rejectServicePlan.history.at(-1)!.comment).toBe("收费项目不属于公益服务");
    await refused({ query: FILE, variables: { id: proposed.id }, token: admin }, "CONFLICT");
  });

  it("another platform's operator is FORBIDDEN; only CITY_ADMIN files or rejects", async () => {
    const id = await platformIn(fed, "CERTIFIED");
    const other = await platformIn(fed, "CERTIFIED");
    const operator = await fed.token("PLATFORM_OPERATOR", { platform: other });
    await refused(
      { query: PROPOSE, variables: { platformId: id, input: plan() }, token: operator },
      "FORBIDDEN",
    );
    const proposed = await propose(id);
    const own = await fed.token("PLATFORM_OPERATOR", { platform: id });
    await refused({ query: FILE, variables: { id: proposed.id }, token: own }, "FORBIDDEN");
    const district = await fed.token("DISTRICT_OPERATOR", { district: "440305" });
    await refused(
      { query: PROPOSE, variables: { platformId: id, input: plan() }, token: district },
      "FORBIDDEN",
    );
    await refused({ query: PLANS, variables: {} }, "UNAUTHENTICATED");
  });

  it("a rejected or revoked platform proposes no plan: CONFLICT", async () => {
    for (const status of ["REJECTED", "REVOKED"] as const) {
      const id = await platformIn(fed, status);
      await refused(
        { query: PROPOSE, variables: { platformId: id, input: plan() }, token: admin },
        "CONFLICT",
      );
    }
  });

  it.each([
    ["period 2026-Q5", { period: "2026-Q5" }, "period must be a year (2026), a half"],
    ["a period too far ahead", { period: String(thisYear + 2) }, "is out of range"],
    ["a period before 2000", { period: "1999" }, "is out of range"],
    // Trimmed before it is checked: a title of spaces is blank, and too short.
    ["a blank title", { title: "    " }, "title must be 2-200 characters"],
    ["a long description", { description: "述".repeat(2001) }, "description must be at most 2000"],
    ["an unknown category", { category: "FUN" }, "FUN"],
  ])("refuses %s", async (_label, extra, message) => {
    const id = await applied(fed);
    const error = await refused(
      { query: PROPOSE, variables: { platformId: id, input: plan(extra) }, token: admin },
      "BAD_USER_INPUT",
    );
    expect(error.message).toContain(message);
  });

  it("lists per platform, per category and period, per status, paged", async () => {
    const id = await platformIn(fed, "CERTIFIED");
    const next = String(thisYear + 1);
    const a = await propose(id, admin, { category: "LEGAL", period: next });
    const b = await propose(id, admin, { category: "LEGAL", period: `${next}-H1` });
    const c = await propose(id, admin, { category: "FINANCING", period: next });
    await execute(fed.gatewayUrl, { query: FILE, variables: { id: c.id }, token: admin });
    const list = async (variables: Record<string, unknown>) =>
      (await execute<Plans>(fed.gatewayUrl, { query: PLANS, variables, token: admin }))
        .servicePlans;
    expect((await list({ platformId: id })).nodes.map((n) => n.id)).toEqual([a.id, b.id, c.id]);
    const legal = await list({ category: "LEGAL", period: next, first: 100 });
    expect(legal.nodes.map((n) => n.id)).toContain(a.id);
    expect(legal.nodes.every((n) => n.category === "LEGAL" && n.period === next)).toBe(true);
    expect((await list({ platformId: id, status: "FILED" })).nodes.map((n) => n.id)).toEqual([
      c.id,
    ]);
    const page1 = await list({ platformId: id, first: 2 });
    expect(page1).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    const page2 = await list({ platformId: id, first: 2, after: page1.pageInfo.endCursor });
    expect(page2.nodes.map((n) => n.id)).toEqual([c.id]);
    const { platform } = await execute<{ platform: { servicePlans: Array<{ id: string }> } }>(
      fed.gatewayUrl,
      {
        query: TREND,
        variables: { id },
        token: admin,
      },
    );
    // On the platform itself: by period, then oldest first.
    expect(platform.servicePlans.map((p) => p.id)).toEqual([a.id, c.id, b.id]);
  });
});

describe("performance reviews", () => {
  const review = (platformId: string, input: Record<string, unknown>, token = admin) =>
    execute<{ recordPerformanceReview: { grade: string } }>(fed.gatewayUrl, {
      query: REVIEW,
      variables: { platformId, input },
      token,
    });

  it("one graded score per year; the latest and the trend are readable", async () => {
    const id = await platformIn(fed, "CERTIFIED");
    const year = String(thisYear);
    const data = await review(id, { period: year, score: 88, comment: "服务成效良好" });
    expect(data.recordPerformanceReview).toEqual({
      id: expect.any(String),
      period: year,
      score: 88,
      grade: "GOOD",
      comment: "服务成效良好",
      actor: "city-reviewer",
    });
    const { platform } = await execute<{ platform: unknown }>(fed.gatewayUrl, {
      query: TREND,
      variables: { id },
      token: admin,
    });
    expect(platform).toMatchObject({
      latestReview: { period: year, score: 88, grade: "GOOD" },
      scoreChange: null,
      performanceReviews: [{ period: year, score: 88, grade: "GOOD" }],
    });
    const second = await refused(
      {
        query: REVIEW,
        variables: { platformId: id, input: { period: year, score: 95 } },
        token: admin,
      },
      "CONFLICT",
    );
    expect(second.message).toBe(
      `platform ${id} already has a performance review for ${year}; one per year`,
    );
  });

  it("shows the trend across years: reviews oldest first, the latest, the change", async () => {
    // A platform of our own certified two years ago: only the dates are set back, in its own row
    // (a certification cannot be dated before its application, which is today).
    const id = await platformIn(fed, "CERTIFIED");
    await fed.subgraphs.platforms.db.query(
      "UPDATE platform SET appliedOn = ?, certifiedOn = ? WHERE id = ?",
      [`${thisYear - 2}-02-01`, `${thisYear - 2}-03-15`, Number(id)],
    );
    await review(id, { period: String(thisYear - 1), score: 72 });
    await review(id, { period: String(thisYear - 2), score: 91 });
    await review(id, { period: String(thisYear), score: 58 });
    await refused(
      {
        query: REVIEW,
        variables: { platformId: id, input: { period: String(thisYear - 3), score: 80 } },
        token: admin,
      },
      "BAD_USER_INPUT",
    );
    const { platform } = await execute<{ platform: unknown }>(fed.gatewayUrl, {
      query: TREND,
      variables: { id },
      token: admin,
    });
    expect(platform).toMatchObject({
      performanceReviews: [
        { period: String(thisYear - 2), score: 91, grade: "EXCELLENT" },
        { period: String(thisYear - 1), score: 72, grade: "PASS" },
        { period: String(thisYear), score: 58, grade: "FAIL" },
      ],
      latestReview: { period: String(thisYear), score: 58, grade: "FAIL" },
      scoreChange: -14,
    });
  });

  it("demo platforms carry reviews graded by the same thresholds", async () => {
    const ids = fed.demo.platforms.filter((p) => p.certifiedOn).map((p) => String(p.id));
    const { platformsByIds } = await execute<{
      platformsByIds: Array<{ performanceReviews: Array<{ score: number; grade: string }> }>;
    }>(fed.gatewayUrl, {
      query: `query ($ids: [ID!]!) { platformsByIds(ids: $ids) { performanceReviews { period score grade } } }`,
      variables: { ids },
      token: admin,
    });
    const reviews = platformsByIds.flatMap((p) => p.performanceReviews);
    expect(reviews.length).toBeGreaterThan(0);
    for (const r of reviews) expect(r.grade).toBe(grade(r.score));
  });

  it.each([
    [100, "EXCELLENT"],
    [90, "EXCELLENT"],
    [89, "GOOD"],
    [75, "GOOD"],
    [74, "PASS"],
    [60, "PASS"],
    [59, "FAIL"],
    [0, "FAIL"],
  ])("a score of %i is %s", async (score, grade) => {
    const id = await platformIn(fed, "CERTIFIED");
    const data = await review(id, { period: String(thisYear), score });
    expect(data.recordPerformanceReview.grade).toBe(grade);
  });

  it.each([
    ["a score above 100", { score: 101 }, "score must be between 0 and 100"],
    ["a negative score", { score: -1 }, "score must be between 0 and 100"],
    ["a half year", { period: "2025-H1" }, "period must be a year"],
    ["a year not begun", { period: String(thisYear + 1) }, "has not begun"],
    [
      "a year before the certification",
      { period: String(thisYear - 1) },
      "before the platform's certification",
    ],
    ["a long comment", { comment: "评".repeat(1001) }, "comment must be at most 1000"],
  ])("refuses %s", async (_label, extra, message) => {
    const id = await platformIn(fed, "CERTIFIED");
    const error = await refused(
      {
        query: REVIEW,
        variables: { platformId: id, input: { period: String(thisYear), score: 80, ...extra } },
        token: admin,
      },
      "BAD_USER_INPUT",
    );
    expect(error.message).toContain(message);
  });

  it("an application is not reviewed (CONFLICT); a revoked platform is, for its certified years", async () => {
    const applying = await applied(fed);
    await refused(
      {
        query: REVIEW,
        variables: { platformId: applying, input: { period: String(thisYear), score: 70 } },
        token: admin,
      },
      "CONFLICT",
    );
    const revoked = await platformIn(fed, "REVOKED");
    const data = await review(revoked, { period: String(thisYear), score: 45 });
    expect(data.recordPerformanceReview.grade).toBe("FAIL");
  });

  it("a revoked platform is reviewed for the years it held the certification, not after its revocation", async () => {
    // Certified three years ago, revoked two years ago, on New Year's Day in Shenzhen (still the
    // old year in UTC): the dates are set back in its own rows, as a revocation is dated today.
    const id = await platformIn(fed, "REVOKED");
    const db = fed.subgraphs.platforms.db;
    await db.query("UPDATE platform SET appliedOn = ?, certifiedOn = ? WHERE id = ?", [
      `${thisYear - 3}-02-01`,
      `${thisYear - 3}-03-15`,
      Number(id),
    ]);
    await db
      .getRepository(PlatformEvent)
      .update(
        { platformId: Number(id), action: PlatformAction.REVOKE },
        { at: new Date(`${thisYear - 3}-12-31T16:30:00Z`) },
      );
    for (const year of [thisYear - 3, thisYear - 2])
      await review(id, { period: String(year), score: 61 });
    for (const year of [thisYear - 1, thisYear]) {
      const error = await refused(
        {
          query: REVIEW,
          variables: { platformId: id, input: { period: String(year), score: 50 } },
          token: admin,
        },
        "BAD_USER_INPUT",
      );
      expect(error.message).toBe(
        `period ${year} is after the platform's revocation in ${thisYear - 2}; a revoked platform is reviewed only for the years it held its certification`,
      );
    }
  });

  it("only CITY_ADMIN reviews; reviews are read by signed-in callers", async () => {
    const id = await platformIn(fed, "CERTIFIED");
    for (const token of [
      await fed.token("PLATFORM_OPERATOR", { platform: id }),
      await fed.token("DASHBOARD_VIEWER"),
    ]) {
      await refused(
        {
          query: REVIEW,
          variables: { platformId: id, input: { period: String(thisYear), score: 99 } },
          token,
        },
        "FORBIDDEN",
      );
    }
    const anonymous = await executeExpectingError<{ platform: unknown }>(
      fed.gatewayUrl,
      {
        query: `query ($id: ID!) { platform(id: $id) { id latestReview { score } } }`,
        variables: { id },
      },
      "UNAUTHENTICATED",
    );
    // The public sees the certified platform itself, without its reviews.
    expect(anonymous.data!.platform).toEqual({ id, latestReview: null });
  });
});
