// The self-service page /me (issue 28, "a page for each") in Chromium at 390×844, signed in
// through a real provider: signed out it offers the sign-in; a volunteer sees its hours, stars and
// progress, activities, certificates and corrections, and asks for one; an enterprise sees its
// demands with timeline, deadline and overdue flag, and rates a resolved one; an applicant applies
// and follows its application; a role with no records of its own is told so; a failure shows the
// error table's sentence. Every state is usable with the keyboard and has no sideways scroll at
// 200 % zoom. Screenshots: test-output/me-*.png.
import fs from "node:fs";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { normaliseOperations } from "../../runtime/trusted-documents/normalise";
import { addDays, today } from "../../runtime/dates";
import { filedStation } from "../clinic/fixtures";
import { applicant } from "../corps/fixtures";
import { contractOperation, execute } from "../helpers/graphql";
import type { ProviderUser } from "../helpers/oidc-provider";
import {
  accessProblems,
  inBrowser,
  screenshot,
  scrollsSideways,
  settled,
  startMeHarness,
  tabStops,
  type MeHarness,
} from "./harness";

type VolunteerPage = {
  myVolunteerRecord: {
    serviceHours: number;
    starLevel: number;
    hoursToNextStar: number | null;
    serviceRecord: Array<{ activity: { id: string } }>;
    recordCorrections: Array<{ status: string; activity: { id: string } }>;
    certificates: Array<{ number: string }>;
  };
};
type Demand = {
  id: string;
  status: string;
  overdue: boolean;
  deadline: string | null;
  ratedByEnterprise: boolean;
  timeline: unknown[];
};
type DemandsPage = { myDemands: { totalCount: number; nodes: Demand[] } };

const PAGE_OPERATIONS = fs.readFileSync(
  path.join(__dirname, "..", "..", "me", "operations", "me-page.graphql"),
  "utf8",
);

if (!inBrowser) console.warn("/me page tests skipped: /usr/bin/chromium is not installed");
const describeInBrowser = inBrowser ? describe : describe.skip;

describeInBrowser("the /me page", () => {
  let hub: MeHarness;
  let volunteer: { id: number; name: string };
  let enterprise: string;

  beforeAll(async () => {
    hub = await startMeHarness((demo): ProviderUser[] => {
      // A serving volunteer with activities, and an enterprise with a RESOLVED demand.
      const served = new Set(
        demo.activities.flatMap((a) => a.participants.map((p) => p.volunteerId)),
      );
      volunteer = demo.volunteers.find((v) => v.status === "APPOINTED" && served.has(v.id))!;
      const resolved = demo.demands.find((d) => d.status === "RESOLVED")!;
      enterprise = resolved.creditCode;
      return [
        {
          id: "volunteer",
          name: volunteer.name,
          claims: { role: "VOLUNTEER", volunteer_id: String(volunteer.id) },
        },
        {
          id: "enterprise",
          name: resolved.enterpriseName,
          claims: { role: "ENTERPRISE", credit_code: enterprise },
        },
        { id: "admin", name: "市局管理员", claims: { role: "CITY_ADMIN" } },
        // Known to the provider, no hub role: an APPLICANT.
        { id: "applicant", name: "林晓梅", claims: {} },
      ];
    });
  }, 180_000);
  afterAll(() => hub?.stop());

  it("signed out: offers the sign-in, from the hub alone, with a policy of 'self'", async () => {
    const { context, page, errors } = await hub.newPage();
    const response = await page.goto(`${hub.fed.gatewayOrigin}/me`);
    expect(response?.headers()["content-security-policy"]).toContain("default-src 'self'");
    expect(await settled(page)).toBe("signed-out");
    expect(await page.isVisible("#sign-in-button")).toBe(true);
    expect(await page.textContent("h1")).toBe("我的服务");
    expect(await scrollsSideways(page)).toBe(false);
    await screenshot(page, "signed-out");
    expect(errors).toEqual([]);
    expect(hub.outside).toEqual([]);
    await context.close();
  });

  it("signed out: the keyboard reaches the sign-in button, with focus visible", async () => {
    const { context, page } = await hub.newPage();
    await page.goto(`${hub.fed.gatewayOrigin}/me`);
    await settled(page);
    const stops = await tabStops(page);
    expect(stops.map((s) => s.name)).toEqual(expect.arrayContaining(["跳到正文", "登录"]));
    expect(stops.filter((s) => !s.outline)).toEqual([]);
    expect(await accessProblems(page)).toEqual([]);
    await context.close();
  });

  it("signed out at 200 % zoom: no sideways scroll", async () => {
    const { context, page } = await hub.newPage({ zoom: 2 });
    await page.goto(`${hub.fed.gatewayOrigin}/me`);
    await settled(page);
    expect(await scrollsSideways(page)).toBe(false);
    await screenshot(page, "signed-out-zoom200");
    await context.close();
  });

  /** The page's own read, sent by the test as the same caller, to compare with what is shown. */
  async function api<T>(operationName: string, token: string, variables = {}) {
    const operation = normaliseOperations(PAGE_OPERATIONS).find((o) => o.name === operationName)!;
    return execute<T>(hub.fed.gatewayUrl, { query: operation.body, variables, token });
  }
  const volunteerToken = () => hub.fed.token("VOLUNTEER", { volunteerId: String(volunteer.id) });
  const enterpriseToken = () => hub.fed.token("ENTERPRISE", { creditCode: enterprise });

  describe("a volunteer", () => {
    let context: BrowserContext;
    let page: Page;
    let errors: string[];
    beforeAll(async () => {
      ({ context, page, errors } = await hub.newPage());
      await hub.signIn(page, "volunteer");
    }, 60_000);
    afterAll(() => context?.close());

    it("sees its verified hours, stars and progress to the next, activities with hours", async () => {
      const { myVolunteerRecord: record } = await api<VolunteerPage>(
        "MePageVolunteer",
        await volunteerToken(),
      );
      expect(await page.evaluate(() => (globalThis as any).document.body.dataset.state)).toBe(
        "ready",
      );
      expect(await page.textContent("#signed-in-as")).toBe(`已登录：${volunteer.name}（志愿者）`);
      expect(await page.textContent("#service-hours")).toBe(
        `${record.serviceHours.toLocaleString("zh-CN", { maximumFractionDigits: 2 })} 小时`,
      );
      const stars = (await page.textContent(".stars"))!;
      expect([...stars].filter((c) => c === "★")).toHaveLength(record.starLevel);
      expect(await page.getAttribute("#star-progress", "value")).toBe(String(record.serviceHours));
      if (record.hoursToNextStar !== null)
        expect(await page.textContent("#next-star")).toContain(`距 ${record.starLevel + 1} 星还差`);
      const shown = await page.$$eval("#activities li", (items) =>
        items.map((li) => (li as any).dataset.activity),
      );
      expect(record.serviceRecord.length).toBeGreaterThan(0);
      expect(shown).toEqual(record.serviceRecord.map((e) => e.activity.id));
      expect(await scrollsSideways(page)).toBe(false);
      await screenshot(page, "volunteer");
      expect(errors).toEqual([]);
    });

    it("asks for a correction of an activity's hours and follows it", async () => {
      const before = (await api<VolunteerPage>("MePageVolunteer", await volunteerToken()))
        .myVolunteerRecord;
      const target = before.serviceRecord[0].activity;
      await page.selectOption("#correction-activity", target.id);
      await page.fill("#correction-hours", "3.5");
      await page.fill("#correction-reason", "签到表漏记了下午场");
      await page.click("#correction-form button[type=submit]");
      await page.waitForSelector(`#correction-list li[data-status="OPEN"]`);
      await settled(page);
      const after = (await api<VolunteerPage>("MePageVolunteer", await volunteerToken()))
        .myVolunteerRecord;
      const asked = after.recordCorrections.find((c) => c.activity?.id === target.id);
      expect(asked).toMatchObject({
        status: "OPEN",
        claimedHours: 3.5,
        reason: "签到表漏记了下午场",
      });
      expect(await page.textContent("#message")).toContain("更正申请已提交");
      expect(await page.textContent("#correction-list")).toContain("签到表漏记了下午场");
      // One open request per activity: the page offers it no more.
      expect(
        await page.$eval(
          `#correction-activity option[value="${target.id}"]`,
          (o) => (o as any).disabled,
        ),
      ).toBe(true);
    });

    it("sees the hub's refusal on the form, with what it typed kept", async () => {
      const before = (await api<VolunteerPage>("MePageVolunteer", await volunteerToken()))
        .myVolunteerRecord;
      const open = before.recordCorrections.find((c) => c.status === "OPEN")!.activity.id;
      // As if the page were stale: the activity that has an open request is chosen again.
      await page.$eval(
        `#correction-activity option[value="${open}"]`,
        (o) => ((o as any).disabled = false),
      );
      await page.selectOption("#correction-activity", open);
      await page.fill("#correction-hours", "2");
      await page.fill("#correction-reason", "再次申请");
      await page.click("#correction-form button[type=submit]");
      await page.waitForSelector("#correction-form .form-problem:not([hidden])");
      expect(await page.textContent("#correction-form .form-problem")).toMatch(
        /^记录的当前状态不允许此操作/,
      );
      expect(await page.inputValue("#correction-reason")).toBe("再次申请");
      const after = (await api<VolunteerPage>("MePageVolunteer", await volunteerToken()))
        .myVolunteerRecord;
      expect(after.recordCorrections).toHaveLength(before.recordCorrections.length);
    });

    it("asks for a certificate of its hours and downloads it as a PDF", async () => {
      await page.click("#certificate-form button[type=submit]");
      await page.waitForSelector("#certificates li [data-certificate]");
      await settled(page);
      const { myVolunteerRecord: record } = await api<VolunteerPage>(
        "MePageVolunteer",
        await volunteerToken(),
      );
      const newest = record.certificates.at(-1) ?? record.certificates[0];
      const button = `#certificates [data-certificate="${newest.number}"]`;
      const [download] = await Promise.all([page.waitForEvent("download"), page.click(button)]);
      expect(download.suggestedFilename()).toBe(`志愿服务证明_${newest.number}.pdf`);
      const file = await download.path();
      expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe("%PDF-");
    }, 60_000);

    it("is usable with the keyboard: every control a tab stop, focus visible, buttons buttons", async () => {
      const stops = await tabStops(page, 200);
      const names = stops.map((s) => s.name);
      expect(names).toEqual(
        expect.arrayContaining([
          "跳到正文",
          "退出登录",
          "活动",
          "实际服务时长（小时）",
          "更正理由",
          "提交更正申请",
          "申请新证书",
        ]),
      );
      expect(stops.filter((s) => !s.outline)).toEqual([]);
      expect(await accessProblems(page)).toEqual([]);
      // The correction form is sent with the keyboard alone: Enter on its button.
      expect(stops.find((s) => s.name === "提交更正申请")).toMatchObject({
        tag: "button",
        type: "submit",
      });
    }, 60_000);

    it("at 200 % zoom: everything readable without scrolling sideways", async () => {
      const zoomed = await hub.newPage({ zoom: 2 });
      await hub.signIn(zoomed.page, "volunteer");
      expect(await scrollsSideways(zoomed.page)).toBe(false);
      await screenshot(zoomed.page, "volunteer-zoom200");
      // What one screen shows at that zoom: the top, and the correction form.
      await screenshot(zoomed.page, "volunteer-zoom200-top", false);
      await zoomed.page.locator("#correction-form").scrollIntoViewIfNeeded();
      await screenshot(zoomed.page, "volunteer-zoom200-form", false);
      await zoomed.context.close();
    }, 60_000);
  });

  describe("an enterprise", () => {
    let context: BrowserContext;
    let page: Page;
    beforeAll(async () => {
      // Besides its RESOLVED demand: one its district collected a month ago and has not answered
      // (overdue), and one it submitted itself just now (waiting, in time).
      const resolved = hub.fed.demo.demands.find((d) => d.creditCode === enterprise)!;
      const districtCode = resolved.districtCode;
      await execute(hub.fed.gatewayUrl, {
        query: contractOperation("PublishDemands"),
        token: await hub.fed.token("CITY_ADMIN"),
        variables: {
          districtCode,
          demands: [
            {
              externalId: "DM-ME-OVERDUE",
              stationExternalId: filedStation(hub.fed, districtCode),
              enterpriseName: resolved.enterpriseName,
              creditCode: enterprise,
              category: "FINANCING",
              description: "需要对接银行信贷，缓解流动资金压力",
              collectedOn: addDays(today(), -30),
            },
          ],
        },
      });
      await execute(hub.fed.gatewayUrl, {
        query: `mutation ($input: SubmitDemandInput!) { submitDemand(input: $input) { id } }`,
        token: await enterpriseToken(),
        variables: {
          input: {
            districtCode,
            enterpriseName: resolved.enterpriseName,
            category: "LEGAL",
            description: "劳动合同条款需要法律专家审阅",
          },
        },
      });
      ({ context, page } = await hub.newPage());
      await hub.signIn(page, "enterprise");
    }, 60_000);
    afterAll(() => context?.close());

    it("sees its demands with the timeline, the deadline and whether overdue", async () => {
      const { myDemands } = await api<DemandsPage>("MePageDemands", await enterpriseToken(), {
        first: 20,
      });
      expect(myDemands.nodes.length).toBe(3);
      expect(myDemands.nodes.filter((d) => d.overdue)).toHaveLength(1);
      expect(myDemands.nodes.every((d) => d.timeline.length > 0 || d.status === "RESOLVED")).toBe(
        true,
      );
      const cards = await page.$$eval("article.demand", (all) =>
        all.map((a: any) => ({
          id: a.dataset.demand,
          overdue: a.classList.contains("overdue"),
          deadline: a.querySelector(".deadline")?.textContent ?? "",
          steps: a.querySelectorAll(".timeline li").length,
        })),
      );
      expect(cards.map((c) => c.id)).toEqual(myDemands.nodes.map((d) => d.id));
      for (const [i, d] of myDemands.nodes.entries()) {
        expect(cards[i]).toMatchObject({ overdue: d.overdue, steps: d.timeline.length });
        if (d.deadline) expect(cards[i].deadline).toContain(d.deadline);
        if (d.overdue) expect(cards[i].deadline).toContain("已超期");
      }
      expect(await page.textContent("#demands-title")).toBe(`我的诉求（${myDemands.totalCount}）`);
      await page.$$eval("details", (all) => all.forEach((d: any) => (d.open = true)));
      expect(await scrollsSideways(page)).toBe(false);
      await screenshot(page, "enterprise");
    });

    it("rates a resolved demand once; the form is gone afterwards", async () => {
      const { myDemands } = await api<DemandsPage>("MePageDemands", await enterpriseToken(), {
        first: 20,
      });
      const resolved = myDemands.nodes.find(
        (d) => d.status === "RESOLVED" && !d.ratedByEnterprise,
      )!;
      const form = `#rate-${resolved.id}`;
      await page.check(`${form} input[name=satisfaction][value="4"]`);
      await page.fill(`${form} textarea`, "专家很专业");
      await page.click(`${form} button[type=submit]`);
      await page.waitForSelector(`article[data-demand="${resolved.id}"] .rated`);
      await settled(page);
      expect(await page.isVisible(form)).toBe(false);
      expect(await page.textContent(`article[data-demand="${resolved.id}"] .rated`)).toBe(
        "您的评价：4 分",
      );
      const after = await api<DemandsPage>("MePageDemands", await enterpriseToken(), { first: 20 });
      expect(after.myDemands.nodes.find((d) => d.id === resolved.id)).toMatchObject({
        satisfaction: 4,
        ratedByEnterprise: true,
      });
    }, 60_000);

    it("is usable with the keyboard and at 200 % zoom", async () => {
      const stops = await tabStops(page, 200);
      expect(stops.filter((s) => !s.outline)).toEqual([]);
      expect(stops.some((s) => s.tag === "summary")).toBe(true);
      expect(await accessProblems(page)).toEqual([]);
      const zoomed = await hub.newPage({ zoom: 2 });
      await hub.signIn(zoomed.page, "enterprise");
      expect(await scrollsSideways(zoomed.page)).toBe(false);
      await screenshot(zoomed.page, "enterprise-zoom200");
      await zoomed.page.locator("article.demand.overdue").scrollIntoViewIfNeeded();
      await screenshot(zoomed.page, "enterprise-zoom200-overdue", false);
      await zoomed.context.close();
    }, 60_000);
  });

  describe("an applicant (signed in without a hub role)", () => {
    let context: BrowserContext;
    let page: Page;
    beforeAll(async () => {
      ({ context, page } = await hub.newPage());
      await hub.signIn(page, "applicant");
    }, 60_000);
    afterAll(() => context?.close());

    it("gets the form to apply, usable with the keyboard and at 200 % zoom", async () => {
      expect(await page.textContent("#signed-in-as")).toBe("已登录：林晓梅（申请人）");
      expect(await page.isVisible("#apply-form")).toBe(true);
      const branches = await page.$$eval("#apply-branch option", (o) => o.length);
      expect(branches).toBeGreaterThan(1);
      await screenshot(page, "applicant-form");
      const stops = await tabStops(page, 200);
      expect(stops.filter((s) => !s.outline)).toEqual([]);
      expect(stops.map((s) => s.name)).toEqual(
        expect.arrayContaining([
          "姓名",
          "专家类型",
          "手机号",
          "公民身份号码",
          "加入支队",
          "提交申请",
        ]),
      );
      expect(await accessProblems(page)).toEqual([]);
      const zoomed = await hub.newPage({ zoom: 2 });
      await hub.signIn(zoomed.page, "applicant");
      expect(await scrollsSideways(zoomed.page)).toBe(false);
      await zoomed.context.close();
    }, 60_000);

    it("applies for itself and then follows its application's status", async () => {
      const input = applicant();
      await page.fill("#apply-name", input.name);
      await page.selectOption("#apply-type", input.expertType);
      for (const category of input.categories)
        await page.check(`#apply-categories input[value="${category}"]`);
      await page.fill("#apply-employer", input.employer);
      await page.fill("#apply-phone", input.contactPhone);
      await page.fill("#apply-id", input.idNumber);
      await page.selectOption("#apply-branch", input.branchId);
      await page.click("#apply-form button[type=submit]");
      await page.waitForSelector("#application-status");
      await settled(page);
      expect(await page.textContent("#application-status")).toBe("状态：已申请，待审核");
      const { myApplication } = await execute<{ myApplication: { categories: string[] } }>(
        hub.fed.gatewayUrl,
        {
          query: "{ myApplication { name status categories } }",
          token: await hub.fed.token("APPLICANT", { sub: "applicant" }),
        },
      );
      expect(myApplication).toEqual({
        name: input.name,
        status: "APPLIED",
        // In the form's order (the checkboxes'), the same set.
        categories: expect.arrayContaining(input.categories),
      });
      expect(myApplication.categories).toHaveLength(input.categories.length);
      await screenshot(page, "applicant-status");
    }, 60_000);
  });

  it("signs out at the provider and is back on the page, signed out, with nothing shown", async () => {
    const { context, page } = await hub.newPage();
    await hub.signIn(page, "volunteer");
    expect(await page.isVisible("#summary")).toBe(true);
    await page.click("#sign-out");
    await page.waitForURL((url) => url.href.startsWith(`${hub.provider.issuer}/session/end`));
    await page.click('button[name="logout"]');
    await page.waitForURL(`${hub.fed.gatewayOrigin}/me`);
    expect(await settled(page)).toBe("signed-out");
    expect(await page.isVisible("#sign-in-button")).toBe(true);
    expect(await page.locator("#view > *").count()).toBe(0);
    await context.close();
  }, 60_000);

  it("a role with no records of its own is told so, after signing in", async () => {
    const { context, page } = await hub.newPage();
    await hub.signIn(page, "admin");
    expect(await page.textContent("#signed-in-as")).toBe("已登录：市局管理员（市级管理员）");
    expect(await page.textContent("#message")).toContain("没有个人记录");
    await context.close();
  }, 60_000);

  it("a failure shows the error table's sentence, and the state says error", async () => {
    const { context, page } = await hub.newPage();
    // The gateway answers as it does when the subgraph is down (the only thing made up here).
    await page.route("**/graphql", (route) =>
      route.fulfill({
        status: 503,
        contentType: "application/json",
        body: JSON.stringify({
          errors: [{ message: "corps is down", extensions: { code: "SERVICE_UNAVAILABLE" } }],
        }),
      }),
    );
    await hub.signIn(page, "volunteer");
    expect(await settled(page)).toBe("error");
    expect(await page.textContent("#message")).toBe("服务暂时不可用，未作任何修改，请稍后重试");
    await screenshot(page, "error");
    await context.close();
  }, 60_000);
});
